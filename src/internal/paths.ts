import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package root: `src/cli` (ts-jest) and `dist/cli` (built) both sit two levels below it. */
export const PACKAGE_ROOT = join(__dirname, '..', '..');

/** The bundled contract sources: the seed pages the main job runs on by default. */
export const BUNDLED_CONTRACTS = join(PACKAGE_ROOT, 'contracts');

let version: string | undefined;
/** This package's version, from its package.json (outside rootDir, so read rather than imported). */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
