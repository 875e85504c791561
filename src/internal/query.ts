/** `a=1&b=x%20y` → `{ a: ['1'], b: ['x y'] }` (`+` is a space, as browsers and Pact send it). */
export function parseSearch(search: string): Record<string, string[]> {
  // No prototype: a parameter named `__proto__` or `constructor` is a parameter like any other.
  const result: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [key, value] of new URLSearchParams(search)) (result[key] ??= []).push(value);
  return result;
}
