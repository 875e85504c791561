/**
 * The front matter as js-yaml alone reads it: what src/docs/front-matter.ts did before its
 * simple-line path, kept as the oracle that path is tested against.
 */
import { load } from 'js-yaml';
import type { FrontMatter } from '../../src/docs/front-matter';

export function frontMatterWithJsYaml(yamlText: string): FrontMatter {
  try {
    const data: unknown = load(yamlText);
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return { data: data as Record<string, unknown>, line: 1, error: null };
    return { data: {}, line: 1, error: 'the front matter is not a YAML mapping' };
  } catch (error) {
    return { data: {}, line: 1, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

/** The YAML text between the delimiters of a page that starts with `---`, as splitFrontMatter cuts it; null otherwise. */
export function frontMatterText(page: string): string | null {
  const lines = page.split('\n');
  if (!/^---\s*$/.test(lines[0]!.replace(/^\uFEFF/, ''))) return null;
  const close = lines.findIndex((line, index) => index > 0 && /^---\s*$/.test(line));
  return close < 0 ? null : lines.slice(1, close).map((line) => `${line}\n`).join('');
}
