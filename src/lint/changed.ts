/**
 * `lint --changed-since <ref>`: the pages a pull request touches, as ApiDoctor's changed-files mode
 * does: pages changed since the ref, and pages whose property tables link to a resource page that
 * changed (their contracts change with it).
 *
 * Changed files come from git: everything that differs between the merge base of the ref and HEAD
 * and the working tree (committed or not), plus untracked files that are not ignored. Renames count
 * as a deletion and an addition, so pages linking to the old name are selected too.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { ContractModel } from '../contract/model';
import { linkedRefs } from '../docs/extract';
import { GraphContractsError } from '../internal/errors';

export class ChangedFilesError extends GraphContractsError {
  override readonly name = 'ChangedFilesError' as const;
  readonly code = 'changed_files_failed' as const;
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const reason = stderr || (error as Error).message;
    throw new ChangedFilesError(`git ${args[0]} failed: ${reason.split('\n')[0]}. --changed-since needs git on the PATH and a work tree that holds the ref; without them, lint the pages without --changed-since.`);
  }
}

/** The repository's top folder, or null outside a git work tree. */
export function repositoryRoot(cwd: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/** Absolute paths (lower case, for comparing with links written in any case) of files changed since `ref`. */
export function changedFiles(ref: string, cwd: string): Set<string> {
  const root = repositoryRoot(cwd);
  if (root === null) throw new ChangedFilesError(`--changed-since needs a git work tree, and ${cwd} is not in one.`);
  if (ref.startsWith('-')) throw new ChangedFilesError(`--changed-since takes a git ref (a branch, tag or commit), not "${ref}".`);
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  } catch {
    throw new ChangedFilesError(`--changed-since: "${ref}" is not a commit in this repository (in a CI checkout, fetch it first, e.g. \`git fetch origin ${ref}\`, or check out with fetch-depth: 0).`);
  }
  // The merge base, as a pull request's diff shows it; in a shallow clone without it, the ref itself.
  let base: string;
  try {
    base = git(['merge-base', ref, 'HEAD'], root).trim() || ref;
  } catch {
    base = ref;
  }
  const names = [
    ...git(['diff', '--name-only', '--no-renames', '-z', base, '--'], root).split('\0'),
    ...git(['ls-files', '--others', '--exclude-standard', '-z'], root).split('\0'),
  ].filter(Boolean);
  return new Set(names.map((name) => resolve(root, name).toLowerCase()));
}

/**
 * Which of `files` to extract: those changed, and those whose text mentions a changed file's name
 * (candidates for linking to it; `selectChanged` confirms with the extractor's own links). Reading
 * the text is far cheaper than extracting every page of the tree.
 */
export function filesToExtract(files: string[], changed: Set<string>): { changed: string[]; candidates: string[] } {
  const names = [...new Set([...changed].filter((f) => /\.(md|markdown)$/.test(f)).map((f) => basename(f)))];
  const direct: string[] = [];
  const candidates: string[] = [];
  for (const file of files) {
    if (changed.has(file.toLowerCase())) direct.push(file);
    else if (names.length > 0 && mentionsAny(file, names)) candidates.push(file);
  }
  return { changed: direct, candidates };
}

function mentionsAny(file: string, names: string[]): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').toLowerCase();
  } catch {
    return false;
  }
  return names.some((name) => text.includes(name));
}

export type SelectionReason = 'changed' | 'links to a changed page';

/**
 * The extracted pages to report, with why: changed pages, and pages whose tables link to a changed
 * resource page. Only pages among `linted` (lower-case absolute paths: the files the user named)
 * count; pages extracted only to resolve types are left out.
 */
export function selectChanged(model: ContractModel, cwd: string, changed: Set<string>, linted: Set<string>): Map<string, SelectionReason> {
  const selected = new Map<string, SelectionReason>();
  for (const page of model.pages) {
    const absolute = isAbsolute(page.file) ? page.file : resolve(cwd, page.file);
    if (!linted.has(absolute.toLowerCase())) continue;
    if (changed.has(absolute.toLowerCase())) {
      selected.set(page.file, 'changed');
      continue;
    }
    const folder = dirname(absolute);
    if (linkedRefs(page).some((ref) => changed.has(resolve(folder, ref.split('#')[0]!).toLowerCase()))) selected.set(page.file, 'links to a changed page');
  }
  return selected;
}
