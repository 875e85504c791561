/**
 * Right at any size: a synthetic doc set three times the corpus (the corpus's pacts repeated under
 * three distinct provider names, 7,000+ interactions) verified in one `verify` gets, for every
 * interaction, the same verdicts (ours and Pact's) as verifying each pact file alone. The real
 * Graph docs are 3-4x the corpus; a fixed time limit or batch size would show here.
 * Skipped, with the reason printed, where the corpus is absent. Took 93 s on the loaded 2-core
 * machine (one verify of 7,002 interactions: 38 s; the 156 files alone: 40 s).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContractModel } from '../../src/contract/model';
import { extract } from '../../src/docs/extract';
import { generatePacts } from '../../src/pact/generate';
import { mockTarget } from '../../src/compose/targets';
import { verifyAndReport } from '../../src/compose/verification';
import type { VerificationReport } from '../../src/report/model';
import { CORPUS_DIR, REPO_ROOT, corpusAvailable, describeWithCorpus } from '../helpers';

const COPIES = 3;

/** `provider\0index` -> "description: ours/pact" verdicts (descriptions are not unique within a pact). */
function verdicts(report: VerificationReport): Map<string, string> {
  return new Map(report.pacts.flatMap((p) => p.interactions.map((i, index) => [`${p.provider}\u0000${index}`, `${i.description}: ${i.passed ? 'pass' : 'fail'}/${i.pactPassed ? 'pass' : 'fail'}`])));
}

/** Each file verified alone, two at a time, each worker against its own mock. */
async function eachAlone(model: ContractModel, files: string[]): Promise<Map<string, string>> {
  const alone = new Map<string, string>();
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      const target = await mockTarget(model);
      try {
        for (let file = files[next++]; file; file = files[next++]) {
          for (const [key, verdict] of verdicts(await verifyAndReport({ pacts: [file], target, concurrency: 1 }))) alone.set(key, verdict);
        }
      } finally {
        await target.close();
      }
    }),
  );
  return alone;
}

describeWithCorpus('a synthetic doc set three times the corpus, in one verify', () => {
  let dir: string;
  let together: VerificationReport;
  let alone: Map<string, string>;
  let originals: string[];
  beforeAll(async () => {
    if (!corpusAvailable) return;
    const { model } = extract([CORPUS_DIR], { cwd: REPO_ROOT });
    dir = mkdtempSync(join(tmpdir(), 'corpus-3x-'));
    const generated = join(dir, 'generated');
    await generatePacts(model, { consumer: 'corpus', pactDir: generated });
    originals = readdirSync(generated).filter((f) => f.endsWith('.json')).sort().map((f) => join(generated, f));
    const copyFiles: string[] = [];
    for (let copy = 1; copy <= COPIES; copy++) {
      for (const [i, file] of originals.entries()) {
        const pact = JSON.parse(readFileSync(file, 'utf8')) as { provider: { name: string } };
        const copyFile = join(dir, `copy${copy}-${i}.json`);
        writeFileSync(copyFile, JSON.stringify({ ...pact, provider: { name: `${pact.provider.name}-copy${copy}` } }));
        copyFiles.push(copyFile);
      }
    }
    let started = Date.now();
    const target = await mockTarget(model);
    try {
      together = await verifyAndReport({ pacts: copyFiles, target });
    } finally {
      await target.close();
    }
    const togetherSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    alone = await eachAlone(model, originals);
    console.log(
      `3x corpus: ${together.summary.interactions} interactions in one verify: ${togetherSeconds.toFixed(1)} s; ` +
        `the ${originals.length} corpus pact files each alone: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 3_600_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds 7,000+ interactions', () => {
    expect(together.summary.interactions).toBeGreaterThan(7000);
    expect(together.summary.interactions).toBe(COPIES * alone.size);
  });

  it('gives every interaction of every copy the verdicts it gets when its pact file is verified alone', () => {
    const differences: string[] = [];
    for (const [key, verdict] of verdicts(together)) {
      const [provider, index] = key.split('\u0000') as [string, string];
      const original = `${provider.replace(/-copy\d+$/, '')}\u0000${index}`;
      if (alone.get(original) !== verdict) differences.push(`${provider}: ${verdict} in one run, ${alone.get(original) ?? 'absent'} alone`);
    }
    expect(differences).toEqual([]);
  });

  it('agrees with Pact on every interaction', () => {
    expect(together.summary.disagreements).toBe(0);
  });
});
