/**
 * As a user installs it: `npm pack` the package (dist must be built: `npm test` builds first),
 * `npm install <tarball>` into a new project beside the reference app's code
 * (examples/graph-sdk-app), run the app's own jest consumer test there, then the installed
 * `graph-contracts verify` on the pact it wrote. Needs the npm registry (the app's own
 * dependencies); takes about two minutes, most of it npm install.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers';

const APP = join(REPO_ROOT, 'examples', 'graph-sdk-app');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function sh(command: string, args: string[], cwd: string, timeoutMs: number): SpawnSyncReturns<string> {
  // CI=true keeps npm and jest from asking questions; no colours in the captured output.
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' } });
  if (result.error) throw result.error;
  return result;
}

const output = (r: SpawnSyncReturns<string>): string => `${r.stdout}\n${r.stderr}`.slice(-6000);

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'graph-contracts-packed-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('the packed tarball installs into a new project, whose consumer test writes the app\'s pact and whose verify passes it', () => {
  expect(existsSync(join(REPO_ROOT, 'dist', 'index.js'))).toBe(true);
  const pack = sh(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO_ROOT, 120_000);
  expect(pack.status).toBe(0);
  const packed = (JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
  const files = packed.files.map((f) => f.path);
  // What the API and CLI need, and nothing only tests, benches or examples use.
  expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/graph-contracts.js', 'dist/index.js', 'dist/index.d.ts', 'dist/library/contracts.js', 'dist/cli/main.js']));
  expect(files.filter((f) => /^(test|bench|examples|src|\.ci)\//.test(f) || /\.test\.|jest\.config/.test(f))).toEqual([]);

  const project = join(work, 'app');
  for (const entry of ['src', 'test', 'graph-docs', 'jest.config.js', 'tsconfig.json']) cpSync(join(APP, entry), join(project, entry), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(APP, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  delete manifest.devDependencies['graph-contracts'];
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2));

  const install = sh(NPM, ['install', '--no-audit', '--no-fund', '--save-dev', join(work, packed.filename)], project, 900_000);
  expect({ status: install.status, output: install.status === 0 ? '' : output(install) }).toEqual({ status: 0, output: '' });
  // The exports map: the public entry and package.json resolve, internals do not.
  const resolve = sh(process.execPath, ['-e', "require('graph-contracts'); require('graph-contracts/package.json'); try { require('graph-contracts/dist/pact/interactions'); } catch (e) { process.stdout.write(e.code); }"], project, 60_000);
  expect(resolve.stdout).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');

  const consumer = sh(NPX, ['jest'], project, 600_000);
  expect({ status: consumer.status, output: consumer.status === 0 ? '' : output(consumer) }).toEqual({ status: 0, output: '' });
  expect(`${consumer.stdout}${consumer.stderr}`).toMatch(/Tests:\s+5 passed, 5 total/);
  const pacts = readdirSync(join(project, 'pacts'));
  expect(pacts).toEqual(['graph-sdk-app-microsoft-graph.json']);
  const pact = JSON.parse(readFileSync(join(project, 'pacts', pacts[0]!), 'utf8')) as { interactions: { comments: { testname: string } }[] };
  expect(pact.interactions.map((i) => i.comments.testname.replace(/^.*graph-docs\//, '')).sort()).toEqual([
    'api/user-get.md#get_user',
    'api/user-get.md#get_user_1',
    'api/user-list-events.md#get_events',
    'api/user-post-events.md#create_event_from_user',
  ]);

  const verify = sh(NPX, ['graph-contracts', 'verify', 'pacts', '--docs', 'graph-docs', '--report', 'json', '--out', 'reports'], project, 300_000);
  expect({ status: verify.status, output: verify.status === 0 ? '' : output(verify) }).toEqual({ status: 0, output: '' });
  const report = JSON.parse(readFileSync(join(project, 'reports', 'verification.json'), 'utf8')) as { pacts: { interactions: { passed?: boolean; pactPassed?: boolean }[] }[] };
  const interactions = report.pacts.flatMap((p) => p.interactions);
  expect(interactions).toHaveLength(4);
  expect(interactions.every((i) => i.pactPassed === true)).toBe(true);
}, 1_800_000);
