/**
 * `verify --target live --allow-writes` against the built-in mock on the bundled contracts (their
 * pages are create pages only): everything the run creates is deleted again, through the OData
 * conventions the mock derives for each set, and the run exits 0. Before, the mock had no DELETE
 * for these sets and 2 of the created objects were left behind (exit 3); the 2 keyed by
 * `tenantId` were not even recorded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { startMock, type RunningMock } from '../../src/mock/server';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';
import { runCli } from './cli';

let mock: RunningMock;
let work: string;
beforeAll(async () => {
  mock = await startMock({ model: extract([CONTRACTS_DIR], { cwd: REPO_ROOT }).model, seed: 21 });
  work = mkdtempSync(join(tmpdir(), 'live-against-mock-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(work, { recursive: true, force: true });
});

it('leaves nothing behind in the mock and exits 0', async () => {
  const args = ['verify', join(REPO_ROOT, 'pacts'), '--target', 'live', '--allow-writes', '--report', 'json', '--out', join(work, 'reports')];
  const { code, out, err } = await runCli(args, { GRAPH_BASE_URL: mock.url, GRAPH_ACCESS_TOKEN: 'not-a-jwt-token' }, work).done;
  expect(out + err).toContain('Live run cleanup: created 4 object(s), removed 4, already gone 0, left behind 0.');
  expect(code).toBe(0);
  expect(mock.objects()).toEqual([]);
}, 120_000);
