import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { processAlive, removeLeftovers } from './stale-files';

/**
 * Writes a file so that readers see either the old content or the new, never a truncated mix:
 * the data goes to a temporary file in the same folder (same filesystem), then is renamed over the
 * target, which POSIX makes atomic. An interrupted run leaves at most a stray `.tmp` file, which
 * the next write into that folder removes once the process that wrote it is gone.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  removeStaleTempFiles(dirname(path));
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** `.<name>.<pid>.<ms>.tmp`, as writeFileAtomic names its temporary files. */
const TEMP_FILE = /^\..+\.(\d+)\.\d+\.tmp$/;

/** Folders already cleaned by this process (a folder is looked at once per run, not per write). */
const cleaned = new Set<string>();

/** Removes the temporary files of writeFileAtomic that a killed process left in `dir`. */
function removeStaleTempFiles(dir: string): void {
  if (cleaned.has(dir)) return;
  cleaned.add(dir);
  removeLeftovers(dir, (name) => {
    const match = TEMP_FILE.exec(name);
    return match !== null && !processAlive(Number(match[1]));
  });
}
