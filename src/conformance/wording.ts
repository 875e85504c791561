/** `a string`, `an array`, `an object`: the article English wants before a type or matcher name. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
