/**
 * Checks of the paths a command is given, made before anything is read, written or removed: a
 * mistyped path is a usage error (exit 2), never an empty run that reports success, writes empty
 * reports or removes the pact files of pages it could not see.
 */
import { statSync } from 'node:fs';
import type { ContractModel } from '../contract/model';
import { GraphContractsError } from '../internal/errors';

export class InputPathError extends GraphContractsError {
  override readonly name = 'InputPathError' as const;
  readonly code = 'input_path_invalid' as const;
}

/** Throws naming every path of `paths` that does not exist; `what` says what they were given as. */
export function requireExistingPaths(paths: string[], what: string): void {
  const missing = paths.filter((path) => {
    try {
      statSync(path);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  const list = missing.map((p) => `\`${p}\``).join(', ');
  throw new InputPathError(`${missing.length === 1 ? 'The path' : 'The paths'} ${list} ${missing.length === 1 ? 'does' : 'do'} not exist (${what}). Nothing was written or removed; check the path${missing.length === 1 ? '' : 's'}.`);
}

/** Throws when the given docs held no page at all (a folder without `*.md` files, say). */
export function requirePages(model: ContractModel, paths: string[], what: string): void {
  if (model.pages.length > 0) return;
  const unreadable = model.diagnostics.filter((d) => d.code === 'file_unreadable').map((d) => ` ${d.message}`);
  throw new InputPathError(`No reference pages (*.md) were found in ${paths.map((p) => `\`${p}\``).join(', ')} (${what}).${unreadable.join('')} Nothing was written or removed; give docs folders or page files.`);
}

/** Whether some page or folder of the docs could not be read (so pages may be missing from the model). */
export function hasUnreadableInput(model: ContractModel): boolean {
  return [...model.diagnostics, ...model.pages.flatMap((p) => p.diagnostics)].some((d) => d.code === 'file_unreadable');
}
