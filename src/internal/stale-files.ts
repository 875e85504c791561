/**
 * Work folders and temporary files that a killed run leaves behind (`kill -9`, a crashed CI
 * runner: no `finally` runs) are removed by the next run. Each carries the process id of the run
 * that made it, so a later run removes only those whose process is gone, never a live run's.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether a process with this id exists (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders of the naming before process ids (`<prefix>XXXXXX`): removed once a day old. */
const LEGACY_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * A new work folder `<tmp>/<prefix><pid>-XXXXXX`, after removing the folders of that prefix whose
 * run has died. (A run in another PID namespace sharing /tmp would look dead: containers that
 * share a temp folder should give each its own TMPDIR.)
 */
export function makeWorkDir(prefix: string, parent: string = tmpdir()): string {
  removeStaleWorkDirs(prefix, parent);
  return mkdtempSync(join(parent, `${prefix}${process.pid}-`));
}

function removeStaleWorkDirs(prefix: string, parent: string = tmpdir()): void {
  removeLeftovers(parent, (name, path) => {
    if (!name.startsWith(prefix)) return false;
    const rest = name.slice(prefix.length);
    const owner = /^(\d+)-[A-Za-z0-9]{6}$/.exec(rest);
    return owner ? !processAlive(Number(owner[1])) : /^[A-Za-z0-9]{6}$/.test(rest) && Date.now() - statSync(path).mtimeMs > LEGACY_AGE_MS;
  });
}

/**
 * Removes the entries of `dir` (files or folders) that `isLeftover` names as a dead run's. A
 * folder that cannot be read is left as it is, and so is an entry another run removed first or
 * that is not ours to remove.
 */
export function removeLeftovers(dir: string, isLeftover: (name: string, path: string) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (isLeftover(name, path)) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it first, or it is not ours to remove: leave it.
    }
  }
}
