/**
 * For each fault mode of the mock, verification fails with the exact field path and verdict, in
 * the JSON and JUnit reports and on the console, with exit code 1; and the field-level verdict
 * agrees with Pact's own pass/fail on every interaction.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { extract } from '../../src/docs/extract';
import type { FaultMode } from '../../src/mock/faults';
import { mockTarget } from '../../src/compose/targets';
import { verifyAndReport } from '../../src/compose/verification';
import { REPORTERS } from '../../src/report/registry';
import type { VerificationReport } from '../../src/report/model';
import { pathText } from '../../src/report/wording';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';

const PACTS = join(REPO_ROOT, 'pacts');
const { model } = extract([CONTRACTS_DIR], { cwd: REPO_ROOT });

async function verifyWithFault(
  mode: FaultMode | null,
  options: { latencyMs?: number; requestTimeoutMs?: number; strict?: boolean } = {},
): Promise<{ report: VerificationReport; injected: { path: string; field: string | null }[] }> {
  const target = await mockTarget(model, mode ? { faults: { mode, latencyMs: options.latencyMs ?? 50 }, seed: 7 } : { seed: 7 });
  try {
    const report = await verifyAndReport({
      pacts: [PACTS],
      target,
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(options.strict ? { strict: true } : {}),
    });
    return { report, injected: target.faults.map((f) => ({ path: f.path, field: f.field })) };
  } finally {
    await target.close();
  }
}

describe('verification against the mock', () => {
  it('passes with 100% conformance and agrees with Pact when the mock behaves', async () => {
    const { report } = await verifyWithFault(null);
    expect(report.summary).toMatchObject({ interactions: 4, passed: 4, failed: 0, disagreements: 0, conformance: 1 });
  }, 60_000);

  const bodyFaults: [FaultMode, string][] = [
    ['drop-field', 'missing'],
    ['change-type', 'type_mismatch'],
    ['break-format', 'format_mismatch'],
  ];
  it.each(bodyFaults)('%s: fails at the injected field with verdict %s, in every report', async (mode, verdict) => {
    const { report, injected } = await verifyWithFault(mode);
    expect(report.summary.disagreements).toBe(0);
    const failing = report.pacts.flatMap((p) => p.interactions).filter((i) => !i.passed);
    expect(failing.length).toBeGreaterThan(0);
    for (const interaction of failing) {
      const fault = injected.find((f) => f.path === interaction.path)!;
      expect(fault.field).not.toBeNull();
      const finding = interaction.findings.find((f) => f.severity === 'error')!;
      expect({ path: pathText(finding.path), code: finding.code }).toEqual({ path: fault.field, code: verdict });
      expect(REPORTERS.json.render(report)).toContain(`"message":${JSON.stringify(`${fault.field}: ${verdict} `).slice(0, -1)}`);
      expect(REPORTERS.junit.render(report)).toContain(`${fault.field!.replace(/'/g, '&apos;')}: ${verdict}`);
      expect(REPORTERS.console.render(report)).toContain(`${fault.field}: ${verdict}`);
    }
  }, 60_000);

  it.each([
    ['wrong-status', '200'],
    ['throttle', '429'],
    ['server-error', '500'],
  ] as [FaultMode, string][])('%s: every interaction fails on its status (%s)', async (mode, status) => {
    const { report } = await verifyWithFault(mode);
    expect(report.summary).toMatchObject({ failed: 4, disagreements: 0 });
    for (const interaction of report.pacts.flatMap((p) => p.interactions)) {
      expect(interaction.findings[0]).toMatchObject({ path: ['status'], code: 'status_mismatch', expected: { kind: 'status', status: 201 }, actual: { kind: 'status', status: Number(status) } });
    }
    expect(REPORTERS.json.render(report)).toContain(`"message":"status: status_mismatch (expected 201, got ${status})"`);
    expect(REPORTERS.junit.render(report).match(/<failure message="status: status_mismatch/g)).toHaveLength(4);
    expect(REPORTERS.console.render(report)).toContain(`status: status_mismatch (expected 201, got ${status})`);
  }, 60_000);

  it('add-field: reports the undocumented field as `unexpected` (a warning Pact ignores too)', async () => {
    const { report } = await verifyWithFault('add-field');
    expect(report.summary).toMatchObject({ failed: 0, disagreements: 0 });
    for (const interaction of report.pacts.flatMap((p) => p.interactions)) {
      expect(interaction.findings).toContainEqual(expect.objectContaining({ path: ['body', 'undocumentedField'], code: 'unexpected', severity: 'warning' }));
    }
  }, 60_000);

  it('add-field with --strict: fails at the undocumented field (stricter than Pact, so counted as disagreements)', async () => {
    const { report } = await verifyWithFault('add-field', { strict: true });
    expect(report.summary).toMatchObject({ failed: 4, disagreements: 4 });
    for (const interaction of report.pacts.flatMap((p) => p.interactions)) {
      expect(interaction.findings.filter((f) => f.severity === 'error')).toEqual([
        { code: 'unexpected', path: ['body', 'undocumentedField'], expected: { kind: 'undocumented' }, actual: { kind: 'value', json: '"added by fault injection"' }, severity: 'error' },
      ]);
    }
    expect(REPORTERS.junit.render(report)).toContain('$.undocumentedField: unexpected');
  }, 60_000);

  it('latency beyond the request timeout: every interaction fails on its status, as Pact fails it', async () => {
    const { report } = await verifyWithFault('latency', { latencyMs: 1500, requestTimeoutMs: 500 });
    expect(report.summary).toMatchObject({ failed: 4, disagreements: 0 });
    for (const interaction of report.pacts.flatMap((p) => p.interactions)) {
      expect(interaction.findings).toEqual([
        { code: 'status_mismatch', path: ['status'], expected: { kind: 'status', status: 201 }, actual: { kind: 'noAnswer', reason: 'no answer within the request timeout' }, severity: 'error' },
      ]);
    }
    expect(REPORTERS.junit.render(report).match(/<failure message="status: status_mismatch/g)).toHaveLength(4);
    expect(REPORTERS.console.render(report)).toContain('status: status_mismatch (expected 201, got (no answer within the request timeout))');
  }, 60_000);

  it('latency within the request timeout: slows every answer and is logged, without changing the verdicts', async () => {
    const { report, injected } = await verifyWithFault('latency');
    expect(injected).toHaveLength(4);
    expect(report.summary).toMatchObject({ failed: 0, disagreements: 0 });
  }, 60_000);

  it.each([
    [['--fault', 'add-field', '--strict'], '$.undocumentedField: unexpected'],
    [['--fault', 'latency', '--latency-ms', '1500', '--request-timeout', '500'], 'status: status_mismatch'],
    [['--fault', 'throttle'], 'status: status_mismatch (expected 201, got 429)'],
  ])('the CLI exits 1 for %j and names the failure on the console', async (args, shown) => {
    const out = mkdtempSync(join(tmpdir(), 'verify-cli-'));
    let console = '';
    try {
      const code = await main(['node', 'graph-contracts', 'verify', PACTS, ...args, '--out', out, '--report', 'console,json'], { out: (t) => (console += t), err: (t) => (console += t) });
      expect(code).toBe(1);
      expect(console).toContain(shown);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('the CLI exits 1 with the failing field on the console and in the JSON and JUnit files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'verify-cli-'));
    let console = '';
    try {
      const code = await main(['node', 'graph-contracts', 'verify', PACTS, '--fault', 'drop-field', '--seed', '7', '--out', out], {
        out: (t) => (console += t),
        err: (t) => (console += t),
      });
      expect(code).toBe(1);
      const json = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as VerificationReport;
      const missing = json.pacts.flatMap((p) => p.interactions).flatMap((i) => i.findings).filter((f) => f.code === 'missing');
      expect(missing.length).toBeGreaterThan(0);
      for (const finding of missing) {
        expect(console).toContain(`${pathText(finding.path)}: missing`);
        expect(readFileSync(join(out, 'verification.junit.xml'), 'utf8')).toContain(`${pathText(finding.path).replace(/'/g, '&apos;')}: missing`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
