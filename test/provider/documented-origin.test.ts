/**
 * Verification names each interaction by its documented origin, read from the pact's comments:
 * the structured record this version writes, and the text lines of pacts written by the previous
 * version, give the same key, source (page:line:column) and operation in the report.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { generatePacts } from '../../src/pact/generate';
import { mockTarget } from '../../src/compose/targets';
import { verifyAndReport as verify } from '../../src/compose/verification';
import { operationOf } from '../../src/report/operation';
import type { VerificationReport } from '../../src/report/model';
import { REPO_ROOT } from '../helpers';

const { model } = extract([join(REPO_ROOT, 'test', 'fixtures', 'entity-sets')], { cwd: REPO_ROOT });
let dir: string;
const reports: Record<'current' | 'previous', VerificationReport | null> = { current: null, previous: null };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'documented-origin-'));
  const current = join(dir, 'current');
  const previous = join(dir, 'previous');
  const summary = await generatePacts(model, { consumer: 'app', pactDir: current });
  expect(summary.failed).toEqual([]);
  // The pacts as the previous version wrote them: the same comments without the structured record.
  mkdirSync(previous);
  for (const file of readdirSync(current)) {
    const pact = JSON.parse(readFileSync(join(current, file), 'utf8')) as { interactions: { comments: Record<string, unknown> }[] };
    for (const interaction of pact.interactions) {
      expect(interaction.comments).toHaveProperty('graph-contracts');
      delete interaction.comments['graph-contracts'];
    }
    writeFileSync(join(previous, file), JSON.stringify(pact, null, 2));
  }
  const target = await mockTarget(model);
  try {
    reports.current = await verify({ pacts: [current], target });
    reports.previous = await verify({ pacts: [previous], target });
  } finally {
    await target.close();
  }
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const origins = (report: VerificationReport | null) =>
  report!.pacts.flatMap((p) => p.interactions).map((i) => ({ key: i.key, source: i.source, operation: operationOf(i) }));

it('reports each interaction with its key, its documented source as a SourceRef and its operation as METHOD /path/{template}', () => {
  const found = origins(reports.current);
  expect(found.length).toBeGreaterThan(3);
  for (const origin of found) {
    expect(origin.key).toMatch(/^test\/fixtures\/entity-sets\/api\/.+\.md#.+$/);
    expect(origin.source).toEqual({ file: origin.key!.slice(0, origin.key!.lastIndexOf('#')), line: expect.any(Number), column: expect.any(Number) });
    expect(origin.source!.line).toBeGreaterThan(1);
  }
  expect(found.map((o) => o.operation)).toContain('GET /v1.0/deviceManagement/deviceConfigurations/{deviceConfigurationId}');
});

it('reads pacts of the previous version (text comments only) to the same origins', () => {
  expect(origins(reports.previous)).toEqual(origins(reports.current));
});
