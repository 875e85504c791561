import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');
export const CONTRACTS_DIR = join(REPO_ROOT, 'contracts');
export const CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'graph-docs-v1.0');

/**
 * The real-docs corpus lives beside the project (../shared/corpus) and is never a runtime
 * dependency. Tests that need it are skipped with this reason where it is absent.
 */
export const corpusAvailable = existsSync(join(CORPUS_DIR, 'api'));
const CORPUS_SKIP_REASON = `corpus not found at ${CORPUS_DIR}; skipping corpus tests (they need ../shared/corpus/graph-docs-v1.0)`;

export const describeWithCorpus: jest.Describe = corpusAvailable
  ? describe
  : (((name: string, fn: () => void) => {
      // One line, not console.warn: jest prints a stack block under each console.warn.
      process.stderr.write(`${CORPUS_SKIP_REASON}\n`);
      describe.skip(`${name} [skipped: ${CORPUS_SKIP_REASON}]`, fn);
    }) as unknown as jest.Describe);

/** Every `.md` file under `dir`, in readdir order (the corpus and fixture tests' own walk). */
export const markdownFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
