/**
 * Derived types documented under one URL template (test/fixtures/entity-sets: an Android and an
 * iOS device configuration, get and list) are different objects in different provider states:
 * each verifies against the mock with its own documented type. A docs conflict is only the same
 * concrete request in the same state documented with two answers (two pages of `GET
 * /admin/settings`), and it names both pages. Before, the four device-configuration interactions
 * shared one key and one answer, and half failed as docs conflicts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { generatePacts } from '../../src/pact/generate';
import { mockTarget } from '../../src/compose/targets';
import { verifyAndReport } from '../../src/compose/verification';
import type { VerificationReport } from '../../src/report/model';
import { REPO_ROOT } from '../helpers';

const { model } = extract([join(REPO_ROOT, 'test', 'fixtures', 'entity-sets')], { cwd: REPO_ROOT });
let dir: string;
let report: VerificationReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'docs-conflicts-'));
  const summary = await generatePacts(model, { consumer: 'app', pactDir: dir });
  expect(summary.failed).toEqual([]);
  const target = await mockTarget(model);
  try {
    report = await verifyAndReport({ pacts: [dir], target });
  } finally {
    await target.close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const interactions = () => report.pacts.flatMap((p) => p.interactions);

it('verifies each derived type under one URL template with its own provider state', () => {
  const configurations = interactions().filter((i) => i.path.startsWith('/v1.0/deviceManagement/deviceConfigurations'));
  expect(configurations).toHaveLength(4);
  expect(configurations.every((i) => i.passed && i.docsConflict === null)).toBe(true);
  const reads = configurations.filter((i) => i.path !== '/v1.0/deviceManagement/deviceConfigurations').map((i) => i.path);
  expect(new Set(reads).size).toBe(2);
});

it('marks as a docs conflict only the same request in the same state with two answers, naming the pages', () => {
  const failed = interactions().filter((i) => !i.passed);
  expect(failed).toHaveLength(1);
  expect(failed[0]!.path).toBe('/v1.0/admin/settings');
  expect(failed[0]!.docsConflict).toEqual({ examples: 2, pages: ['test/fixtures/entity-sets/api/adminsettings-get-a.md', 'test/fixtures/entity-sets/api/adminsettings-get-b.md'] });
  expect(report.summary.disagreements).toBe(0);
});
