import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers';
import { TEST_CA_FILE } from './stand-ins';

export interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string; err: string }>;
  output(): string;
}

/**
 * The CLI in its own process, with only the given variables (plus PATH and the test CA, so that
 * MSAL trusts the token stand-in's certificate as it would a corporate CA), in `cwd`.
 */
export function runCli(args: string[], env: Record<string, string>, cwd: string): CliRun {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'graph-contracts.js'), ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd, NODE_EXTRA_CA_CERTS: TEST_CA_FILE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  return { child, done, output: () => out + err };
}
