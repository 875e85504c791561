/**
 * Every Graph example pair of the v1.0 corpus yields an interaction or a skip with a reason; at
 * least 95% become interactions, and all of them pass against Pact's mock server (2,400+
 * sequential interactions: this run would also catch the mock-server race of pact-js >= 16.3).
 * Skipped, with the reason printed, where the corpus is absent.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { generatePacts, type GenerateSummary } from '../../src/pact/generate';
import { CORPUS_DIR, REPO_ROOT, corpusAvailable, describeWithCorpus } from '../helpers';

describeWithCorpus('consumer tests over the v1.0 corpus', () => {
  let summary: GenerateSummary;
  let pairs = 0;
  let pactDir: string;
  beforeAll(async () => {
    if (!corpusAvailable) return;
    const { model } = extract([CORPUS_DIR], { cwd: REPO_ROOT });
    pairs = model.pages.reduce((n, p) => n + p.pairs.length, 0);
    pactDir = mkdtempSync(join(tmpdir(), 'corpus-pacts-'));
    summary = await generatePacts(model, { consumer: 'corpus-consumer', pactDir });
  }, 300_000);
  afterAll(() => {
    if (pactDir) rmSync(pactDir, { recursive: true, force: true });
  });

  it('accounts for every extracted pair: an interaction or a skip with a reason', () => {
    const skipped = Object.values(summary.skipped).reduce((a, b) => a + b, 0);
    expect(summary.examples).toBe(pairs);
    expect(summary.interactions + skipped).toBe(pairs);
    for (const reason of Object.keys(summary.skipped)) expect(reason.length).toBeGreaterThan(10);
  });

  it('turns at least 95% of the pairs into interactions, all passing', () => {
    expect(summary.interactions / pairs).toBeGreaterThanOrEqual(0.95);
    expect(summary.failed).toEqual([]);
    expect(summary.written).toBe(summary.interactions);
  });

  it('spreads interactions over pact files of at most a few hundred', () => {
    const files = readdirSync(pactDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(summary.pactFiles.length);
    expect(Math.max(...summary.pactFiles.map((f) => f.interactions))).toBeLessThanOrEqual(300);
    const total = files.reduce((n, f) => n + JSON.parse(readFileSync(join(pactDir, f), 'utf8')).interactions.length, 0);
    expect(total).toBe(summary.written);
  });
});
