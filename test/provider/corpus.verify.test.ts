/**
 * Every pact generated from the v1.0 corpus is verified against the mock built from the same
 * pages. Prints the share of interactions that conform; asserts that the field-level verdict agrees
 * with Pact's on every interaction and that every failing interaction names its failing fields.
 * Prints the failures grouped by their named reason. Skipped, with the reason printed, where the
 * corpus is absent. Takes about three minutes.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import { generatePacts } from '../../src/pact/generate';
import { mockTarget } from '../../src/compose/targets';
import { verifyAndReport } from '../../src/compose/verification';
import type { VerificationReport } from '../../src/report/model';
import { expectationText, observationText, pathText } from '../../src/report/wording';
import { CORPUS_DIR, REPO_ROOT, corpusAvailable, describeWithCorpus } from '../helpers';

/**
 * The failures grouped by their named reason (a docs conflict, else the first failing field and
 * its verdict, with the status for a status mismatch), most frequent first, each with an example.
 */
function failureReasons(report: VerificationReport): string {
  const reasons = new Map<string, string[]>();
  for (const pact of report.pacts) {
    for (const interaction of pact.interactions.filter((i) => !i.passed)) {
      const finding = interaction.findings.find((f) => f.severity === 'error' && f.code !== 'ok');
      const reason = interaction.docsConflict
        ? `docsConflict (${interaction.docsConflict.examples} examples of one request)`
        : `${finding?.code ?? 'unexplained'} at ${finding ? pathText(finding.path) : '?'}${finding?.code === 'status_mismatch' ? ` (${expectationText(finding.expected)} expected, ${observationText(finding.actual).slice(0, 60)})` : ''}`;
      const examples = reasons.get(reason) ?? [];
      examples.push(interaction.key ?? `${pact.provider}: ${interaction.description}`);
      reasons.set(reason, examples);
    }
  }
  return [...reasons]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([reason, examples]) => `  ${examples.length} x ${reason}, e.g. ${examples[0]}`)
    .join('\n');
}

describeWithCorpus('verification of the corpus pacts against the corpus mock', () => {
  let report: VerificationReport;
  let pactFiles = 0;
  let dir: string;
  beforeAll(async () => {
    if (!corpusAvailable) return;
    const { model } = extract([CORPUS_DIR], { cwd: REPO_ROOT });
    dir = mkdtempSync(join(tmpdir(), 'corpus-verify-'));
    await generatePacts(model, { consumer: 'corpus', pactDir: dir });
    pactFiles = readdirSync(dir).filter((f) => f.endsWith('.json')).length;
    const target = await mockTarget(model);
    try {
      report = await verifyAndReport({ pacts: [dir], target });
    } finally {
      await target.close();
    }
    const s = report.summary;
    console.log(
      `corpus verification: ${s.passed}/${s.interactions} interactions conform (${((s.passed / s.interactions) * 100).toFixed(1)}%; goal >= 98%), ` +
        `${(s.conformance * 100).toFixed(1)}% of documented fields, ${s.disagreements} disagreements with Pact; ` +
        `${s.docsConflicts} of the ${s.failed} failures are requests that several examples document with different responses\n` +
        `failures by reason:\n${failureReasons(report)}`,
    );
  }, 900_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('verifies every generated pact file', () => {
    expect(report.pacts).toHaveLength(pactFiles);
    expect(report.summary.interactions).toBeGreaterThan(2300);
  });

  it('agrees with Pact\'s verdict on every interaction', () => {
    const disagreements = report.pacts.flatMap((p) => p.interactions.filter((i) => i.passed !== i.pactPassed).map((i) => `${p.provider}: ${i.description}`));
    expect(disagreements).toEqual([]);
  });

  it('explains every failing interaction by field-level verdicts', () => {
    for (const interaction of report.pacts.flatMap((p) => p.interactions).filter((i) => !i.passed)) {
      expect(interaction.findings.some((f) => f.severity === 'error' && f.code !== 'ok')).toBe(true);
    }
  });
});
