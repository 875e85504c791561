/** `--only <patterns...>` for generate, verify and run; the patterns' rules live in src/contract/select.ts. */
import { InvalidArgumentError } from 'commander';
import { parsePattern, PatternError } from '../contract/select';

export const ONLY_HELP =
  'only these operations: `METHOD /path/{template}` (globs * and **; quote it), a page (user-get.md, api/user-*.md), an example name (get_user) or page#example; a pattern that selects nothing is an error (exit 2)';

/** Each value is checked as it is read, so that a malformed pattern is a usage error before any work. */
export function collectPatterns(value: string, previous: string[] | undefined): string[] {
  try {
    parsePattern(value);
  } catch (error) {
    if (error instanceof PatternError) throw new InvalidArgumentError(error.message);
    throw error;
  }
  return [...(previous ?? []), value];
}
