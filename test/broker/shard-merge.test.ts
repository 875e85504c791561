import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inShard, parseShard, shardOf, stableHash } from '../../src/internal/shard';
import { buildExampleSpecs } from '../../src/pact/interactions';
import { extract } from '../../src/docs/extract';
import type { VerificationReport } from '../../src/report/model';
import { CONTRACTS_DIR, CORPUS_DIR, corpusAvailable, REPO_ROOT } from '../helpers';
import { runCli } from './cli-env';

describe('shards', () => {
  it('parses i/n and rejects anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '1/2/3']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it('the hash is stable: fixed values, independent of position', () => {
    // The first 4 bytes of SHA-256 (`printf '' | sha256sum`: e3b0c442..., `printf a | sha256sum`: ca978112...).
    expect(stableHash('')).toBe(0xe3b0c442);
    expect(stableHash('a')).toBe(0xca978112);
  });

  const keys = (): string[] => {
    const docs = corpusAvailable ? join(CORPUS_DIR, 'api') : CONTRACTS_DIR;
    return buildExampleSpecs(extract([docs]).model).flatMap((s) => (s.kind === 'interaction' ? [s.key] : []));
  };

  it.each([1, 2, 3, 7])(`n=%i shards partition every example key exactly once (${corpusAvailable ? 'corpus' : 'bundled contracts'})`, (n) => {
    const all = keys();
    expect(new Set(all).size).toBe(all.length);
    const seen = new Map<string, number>();
    for (let i = 1; i <= n; i++) for (const key of all) if (inShard(key, { index: i, count: n })) seen.set(key, (seen.get(key) ?? 0) + 1);
    expect(seen.size).toBe(all.length);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
    if (all.length >= 100 && n > 1) {
      // Spread: no shard holds more than 1.5 times its fair share.
      for (let i = 1; i <= n; i++) expect(all.filter((k) => shardOf(k, n) === i).length).toBeLessThan((1.5 * all.length) / n);
    }
  });
});

describe('verify --shard and report --merge', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'graph-contracts-shards-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('two shards of the seed pacts verify disjoint halves that merge into the full run', async () => {
    const pacts = join(REPO_ROOT, 'pacts');
    const full = await runCli({}, 'verify', pacts, '--report', 'json', '--out', join(dir, 'full'));
    const one = await runCli({}, 'verify', pacts, '--shard', '1/2', '--report', 'json', '--out', join(dir, 's1'));
    const two = await runCli({}, 'verify', pacts, '--shard', '2/2', '--report', 'json', '--out', join(dir, 's2'));
    expect([full.code, one.code, two.code]).toEqual([0, 0, 0]);
    const read = (name: string): VerificationReport => JSON.parse(readFileSync(join(dir, name, 'verification.json'), 'utf8'));
    const ids = (r: VerificationReport): string[] => r.pacts.flatMap((p) => p.interactions.map((i) => `${p.provider} ${i.key}`)).sort();
    const [a, b, f] = [ids(read('s1')), ids(read('s2')), ids(read('full'))];
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.filter((x) => b.includes(x))).toEqual([]);
    expect([...a, ...b].sort()).toEqual(f);

    const merged = await runCli({}, 'report', '--merge', join(dir, 's1', 'verification.json'), join(dir, 's2', 'verification.json'), '--report', 'json,markdown,junit', '--out', join(dir, 'merged'));
    expect(merged.code).toBe(0);
    const report = read('merged');
    expect(ids(report)).toEqual(f);
    const fullReport = read('full');
    expect(report.summary).toMatchObject({ pacts: fullReport.summary.pacts, interactions: fullReport.summary.interactions, passed: fullReport.summary.passed, failed: 0 });
    expect(report.operations.map((o) => o.operation).sort()).toEqual(fullReport.operations.map((o) => o.operation).sort());
    expect(readFileSync(join(dir, 'merged', 'verification.md'), 'utf8')).toContain(`**${fullReport.summary.interactions}/${fullReport.summary.interactions}**`);
    expect(readFileSync(join(dir, 'merged', 'verification.junit.xml'), 'utf8')).toContain(`tests="${fullReport.summary.interactions}"`);
  }, 120_000);

  it('verify --shard writes the shard into the JSON report; an unsharded run writes none', () => {
    const read = (name: string): VerificationReport => JSON.parse(readFileSync(join(dir, name, 'verification.json'), 'utf8'));
    expect(read('s1').shard).toEqual({ index: 1, count: 2 });
    expect(read('s2').shard).toEqual({ index: 2, count: 2 });
    expect(read('full').shard).toBeUndefined();
    expect(read('merged').shard).toBeUndefined();
  });

  it('report --merge fails (exit 2) when a shard is missing, naming it', async () => {
    const result = await runCli({}, 'report', '--merge', join(dir, 's1', 'verification.json'), '--report', 'json', '--out', join(dir, 'merged-missing'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('shard(s) 2/2 missing');
    expect(require('node:fs').existsSync(join(dir, 'merged-missing', 'verification.json'))).toBe(false);
  });

  it('report --merge fails (exit 2) when a shard is given twice, or shards of different splits or an unsharded report are mixed in', async () => {
    const twice = await runCli({}, 'report', '--merge', join(dir, 's1', 'verification.json'), join(dir, 's1', 'verification.json'), join(dir, 's2', 'verification.json'), '--report', 'json', '--out', join(dir, 'merged-twice'));
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('shard(s) given more than once: 1/2');
    const other: VerificationReport = JSON.parse(readFileSync(join(dir, 's2', 'verification.json'), 'utf8'));
    other.shard = { index: 2, count: 3 };
    const file = join(dir, 'other-split.json');
    require('node:fs').writeFileSync(file, JSON.stringify(other));
    const mixed = await runCli({}, 'report', '--merge', join(dir, 's1', 'verification.json'), file, '--report', 'json', '--out', join(dir, 'merged-mixed'));
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain('different splits (n = 2, 3)');
    const withFull = await runCli({}, 'report', '--merge', join(dir, 's1', 'verification.json'), join(dir, 's2', 'verification.json'), join(dir, 'full', 'verification.json'), '--report', 'json', '--out', join(dir, 'merged-full'));
    expect(withFull.code).toBe(2);
    expect(withFull.err).toContain('unsharded runs');
  });

  it('report --merge rejects a malformed shard field (exit 2)', async () => {
    const bad: VerificationReport = JSON.parse(readFileSync(join(dir, 's1', 'verification.json'), 'utf8'));
    (bad as unknown as { shard: unknown }).shard = { index: 3, count: 2 };
    const file = join(dir, 'bad-shard.json');
    require('node:fs').writeFileSync(file, JSON.stringify(bad));
    const result = await runCli({}, 'report', '--merge', file, '--report', 'json', '--out', join(dir, 'merged-bad'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('bad-shard.json has a malformed "shard"');
  });

  it('report --merge rejects a file that is not a report, naming it (exit 2)', async () => {
    const result = await runCli({}, 'report', '--merge', join(REPO_ROOT, 'package.json'), '--out', join(dir, 'bad'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('package.json is not a graph-contracts verification report');
  });

  it('report --merge exits 1 when a shard failed', async () => {
    const failing: VerificationReport = JSON.parse(readFileSync(join(dir, 's1', 'verification.json'), 'utf8'));
    failing.pacts[0]!.interactions[0]!.passed = false;
    const file = join(dir, 'failing.json');
    require('node:fs').writeFileSync(file, JSON.stringify(failing));
    const result = await runCli({}, 'report', '--merge', file, join(dir, 's2', 'verification.json'), '--report', 'json', '--out', join(dir, 'merged-failing'));
    expect(result.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'merged-failing', 'verification.json'), 'utf8')).summary.failed).toBe(1);
  });
});

describe('generate --shard', () => {
  it('two shards of the bundled contracts write disjoint interactions that together are the committed pacts', async () => {
    const dirs = [mkdtempSync(join(tmpdir(), 'graph-contracts-gen-1-')), mkdtempSync(join(tmpdir(), 'graph-contracts-gen-2-'))];
    try {
      const runs = [];
      // One after the other: consumer runs share pact-js's native core.
      for (const i of [1, 2]) runs.push(await runCli({}, 'generate', CONTRACTS_DIR, '--pacts', dirs[i - 1]!, '--shard', `${i}/2`, '--show', 'none', '--no-progress'));
      expect(runs.map((r) => r.code)).toEqual([0, 0]);
      const testnames = (dir: string): string[] =>
        require('node:fs').readdirSync(dir).filter((f: string) => f.endsWith('.json')).flatMap((f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')).interactions.map((i: { comments: { testname: string } }) => i.comments.testname));
      const [a, b] = dirs.map(testnames) as [string[], string[]];
      const committed = testnames(join(REPO_ROOT, 'pacts'));
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
      expect(a.filter((x) => b.includes(x))).toEqual([]);
      expect([...a, ...b].sort()).toEqual([...committed].sort());
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
