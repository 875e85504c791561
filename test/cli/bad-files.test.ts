/**
 * Malformed pact files and reports are one clear error naming the file, the interaction and the
 * field (exit 2), never a stack trace (exit 70) or every interaction failing unnamed; a report's
 * shard count costs nothing however large it claims to be (issue 14, item 11).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers';
import { sampleReport } from '../report/fixture';
import { runInProcess as run } from '../support/run-cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graph-contracts-bad-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'pacts', 'graph-contracts-graph-v1.0-deviceManagement.json'), 'utf8'));
const good = committed.interactions[0];

describe('verify on a malformed pact file', () => {
  it.each<[string, unknown, RegExp]>([
    ['null', null, /holds null, not a pact/],
    ['a list', [1, null, 'x'], /holds a list, not a pact/],
    ['no interactions', { provider: { name: 'p' } }, /interactions: missing/],
    ['an empty interaction', { provider: { name: 'p' }, interactions: [{}] }, /interaction 1: description: missing; .*interaction 1: request: missing; interaction 1: response: missing/],
    ['interactions that are not objects', { provider: { name: 'p' }, interactions: [1, null, 'x'] }, /interaction 1: 1, not an interaction object; interaction 2: null, not an interaction object; interaction 3: "x", not an interaction object/],
    ['one interaction without a method', { ...committed, interactions: [good, { ...good, description: 'no method', request: { ...good.request, method: undefined } }] }, /interaction 2 \("no method"\): request\.method: missing/],
    ['a status in words', { ...committed, interactions: [{ ...good, response: { ...good.response, status: 'two hundred' } }, good] }, /interaction 1 \(".*"\): response\.status: "two hundred" is not an HTTP status/],
  ])('%s: exit 2 with one error naming the file, the interaction and the field', async (name, content, message) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(content));
    const reports = join(dir, 'reports-' + name.replace(/\W+/g, '-'));
    const { code, err, out } = await run('verify', file, '--out', reports, '--report', 'json');
    expect(code).toBe(2);
    expect(err).not.toMatch(/\n\s+at /);
    expect(err).toContain(file);
    expect(err).toMatch(message);
    // One line that ends with the error's stable code (docs/cli.md, "Error codes").
    expect(err).toMatch(/^\[graph-contracts\] Failed to load pacts: [^\n]* \[pact_load_failed\]\n$/);
    expect(out).not.toMatch(/no response recorded/);
  });

  it('lists at most five problems, then how many more', async () => {
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify({ provider: { name: 'p' }, interactions: Array.from({ length: 9 }, () => null) }));
    const { code, err } = await run('verify', file, '--report', 'json', '--out', join(dir, 'r-many'));
    expect(code).toBe(2);
    expect(err).toMatch(/interaction 5: null, not an interaction object; and 4 more\./);
  });
});

describe('report --merge on a malformed report', () => {
  const write = (name: string, content: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const report = sampleReport();
  const interaction = report.pacts[0]!.interactions[0]!;

  it.each<[string, unknown, RegExp]>([
    ['null', null, /is not a graph-contracts verification report/],
    ['pacts [null]', { ...report, pacts: [null] }, /pacts\[0\]: null, not a pact result/],
    ['no summary', { ...report, summary: undefined }, /summary\.durationMs: missing/],
    ['an interaction without fields', { ...report, pacts: [{ ...report.pacts[0], interactions: [{ description: 'bare' }] }] }, /pacts\[0\]\.interactions\[0\]\.method: must be a string; .*\.passed: must be true or false/],
    ['findings that are not findings', { ...report, pacts: [{ ...report.pacts[0], interactions: [{ ...interaction, findings: [null, { path: '$.id' }] }] }] }, /interactions\[0\]\.findings\[0\]: null, not a finding; .*findings\[1\]\.code: must be one of ok, missing/],
  ])('%s: exit 2 naming the file and the field, no stack trace', async (name, content, message) => {
    const file = write(`${name.replace(/\W+/g, '-')}.json`, content);
    const { code, err } = await run('report', '--merge', file, '--report', 'json', '--out', join(dir, 'merged'));
    expect(code).toBe(2);
    expect(err).not.toMatch(/\n\s+at /);
    expect(err).toContain(file);
    expect(err).toMatch(message);
    expect(err).toMatch(/^\[graph-contracts\] [^\n]* \[report_invalid\]\n$/);
  });

  it.each([1e8, 1e9, 1e300])('a shard count of %d is answered at once: exit 2 naming a few missing shards', async (count) => {
    const file = write(`count-${count}.json`, { ...report, shard: { index: 1, count } });
    const started = Date.now();
    const { code, err } = await run('report', '--merge', file, '--report', 'json', '--out', join(dir, 'merged'));
    expect(code).toBe(2);
    expect(err).not.toMatch(/\n\s+at /);
    if (count <= Number.MAX_SAFE_INTEGER) expect(err).toMatch(/shard\(s\) 2\/\d+, 3\/\d+, .*, 11\/\d+ and \d+ more missing/);
    else expect(err).toMatch(/malformed "shard"/);
    // Not a timing test: a loop to the count would take minutes and gigabytes, this takes milliseconds.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a report of an earlier release without the nullable fields still merges', async () => {
    const old = JSON.parse(JSON.stringify(report));
    for (const pact of old.pacts) for (const i of pact.interactions) delete i.docsConflict;
    const file = write('old.json', old);
    const { code, err } = await run('report', '--merge', file, '--report', 'json', '--out', join(dir, 'merged-old'));
    expect(err).toBe('');
    expect(code).toBe(1); // the sample report has a failing interaction
    const merged = JSON.parse(readFileSync(join(dir, 'merged-old', 'verification.json'), 'utf8'));
    expect(merged.summary).toMatchObject({ interactions: report.summary.interactions, failed: report.summary.failed, skipped: report.summary.skipped });
  });
});
