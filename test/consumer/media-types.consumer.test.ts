/**
 * Documented Graph traffic with media types Pact handles specially: a JSON request sent as
 * `application/json; charset=utf-8`, and an XML request body (a trustFramework policy upload).
 * Each becomes a passing consumer test, and its pact verifies against the mock built from the
 * same pages. Before the fix Pact's mock server refused both ("Expected 'application/json;
 * charset=utf-8' to match '^application/json'"; "Unable to match Element ... using
 * ContentType("application/xml")").
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { generatePacts } from '../../src/pact/generate';
import { mockTarget } from '../../src/compose/targets';
import { verifyAndReport } from '../../src/compose/verification';
import { REPO_ROOT } from '../helpers';

const DOCS = join(REPO_ROOT, 'test', 'fixtures', 'media-types');
const { model } = extract([DOCS], { cwd: REPO_ROOT });
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'media-types-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('media types with parameters and XML bodies', () => {
  it('become passing consumer tests whose pacts keep the documented media types', async () => {
    const summary = await generatePacts(model, { consumer: 'app', pactDir: dir });
    expect(summary.failed).toEqual([]);
    expect(summary.written).toBe(2);
    const requests = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { interactions: { request: { headers: Record<string, string[]>; body?: { contentType: string; content: unknown } } }[] }).interactions.map((i) => i.request));
    const contentTypes = requests.map((r) => String(Object.entries(r.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1])).sort();
    expect(contentTypes).toEqual(['application/json; charset=utf-8', 'application/xml']);
    const xml = requests.find((r) => r.body?.contentType === 'application/xml')!;
    expect(String(xml.body!.content)).toContain('<TrustFrameworkPolicy');
  });

  it('verify against the mock built from the same pages', async () => {
    const target = await mockTarget(model);
    try {
      const report = await verifyAndReport({ pacts: [dir], target });
      expect(report.summary).toMatchObject({ interactions: 2, passed: 2, disagreements: 0 });
    } finally {
      await target.close();
    }
  });
});
