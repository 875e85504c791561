/**
 * An interaction that never gets an answer fails alone: the other interactions of its run are
 * judged as if it were not there. Two ways to hang, among 200 interactions in four pact files
 * (replayed in more than one run and more than one lane):
 * - the provider never answers one request (the recording proxy gives up after the request
 *   timeout, as Pact's verifier would);
 * - the provider-state server never answers one interaction's set-up (Pact's verifier gives up on
 *   it and sends no request: the later interactions must still be paired with their own answers);
 * - the provider answers one request only after the watchdog's stall limit, so Pact's verifier
 *   makes no progress: the watchdog stops it, that interaction fails, the rest are replayed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAndReport } from '../../src/compose/verification';
import { urlTarget } from '../../src/provider/verify';
import { createLogger } from '../../src/internal/log';
import type { VerificationReport } from '../../src/report/model';
import { observationText } from '../../src/report/wording';

const FILES = 4;
const PER_FILE = 50;
/** The request the provider never answers, and the interaction whose provider state never comes back. */
const SILENT_PATH = '/items/2-17';
const STUCK_STATE = 'item 3-29 is stuck';
/** Answered only after the stall limit of the watchdog test. */
const SLOW_PATH = '/items/1-33';

function pactFile(dir: string, f: number): string {
  const interactions = Array.from({ length: PER_FILE }, (_, i) => ({
    type: 'Synchronous/HTTP',
    description: `get item ${f}-${i}`,
    ...(f === 3 && i === 29 ? { providerStates: [{ name: STUCK_STATE }] } : i % 10 === 0 ? { providerStates: [{ name: `item ${f}-${i} exists` }] } : {}),
    pending: false,
    request: { method: 'GET', path: `/items/${f}-${i}`, headers: { Authorization: ['Bearer test-token'] } },
    response: {
      status: 200,
      headers: { 'Content-Type': ['application/json'] },
      body: { content: { id: `${f}-${i}` }, contentType: 'application/json', encoded: false },
    },
  }));
  const file = join(dir, `hang-${f}.json`);
  writeFileSync(file, JSON.stringify({ consumer: { name: 'hang-test' }, provider: { name: `items-${f}` }, interactions, metadata: { pactSpecification: { version: '4.0' } } }));
  return file;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Scenario {
  report: VerificationReport;
  stateCalls: string[];
}

/** Verifies the 200 interactions against a stand-in provider and provider-state server on 127.0.0.1. */
async function verifyAgainstStandIns(options: { slowMs: number; requestTimeoutMs: number; stallTimeoutMs: number }): Promise<Scenario> {
  const dir = mkdtempSync(join(tmpdir(), 'hang-'));
  const stateCalls: string[] = [];
  const files = Array.from({ length: FILES }, (_, f) => pactFile(dir, f));
  const timers = new Set<NodeJS.Timeout>();
  const provider = createServer((request, response) => {
    if (request.url === SILENT_PATH) return; // never answered
    const id = /^\/items\/(.+)$/.exec(request.url ?? '')?.[1] ?? '';
    const answer = (): void => void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id }));
    if (request.url !== SLOW_PATH) return answer();
    const timer = setTimeout(answer, options.slowMs);
    timers.add(timer);
  });
  const states = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const state = (JSON.parse(body || '{}') as { state?: string }).state ?? '';
      stateCalls.push(state);
      if (state === STUCK_STATE) return; // never answered
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  try {
    const baseUrl = await listen(provider);
    const statesUrl = await listen(states);
    const report = await verifyAndReport({ pacts: files, target: urlTarget(baseUrl, `${statesUrl}/states`), requestTimeoutMs: options.requestTimeoutMs, stallTimeoutMs: options.stallTimeoutMs, ...(process.env['HANG_DEBUG'] ? { logger: createLogger('debug', (t) => process.stderr.write(`${new Date().toISOString()} ${t.slice(0, 300)}\n`)) } : {}) });
    return { report, stateCalls };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const server of [provider, states]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function failures(report: VerificationReport): { ours: string[]; pact: string[] } {
  const all = report.pacts.flatMap((p) => p.interactions);
  return { ours: all.filter((i) => !i.passed).map((i) => i.description).sort(), pact: all.filter((i) => !i.pactPassed).map((i) => i.description).sort() };
}

describe('an interaction that never gets an answer, among 200', () => {
  let scenario: Scenario;
  beforeAll(async () => {
    // The slow answer comes well within the request timeout and the stall limit: it passes.
    scenario = await verifyAgainstStandIns({ slowMs: 500, requestTimeoutMs: 1_000, stallTimeoutMs: 20_000 });
  }, 300_000);

  it('fails only the two interactions that got no answer, by both verdicts', () => {
    const { report } = scenario;
    expect(report.summary.interactions).toBe(FILES * PER_FILE);
    expect(failures(report)).toEqual({ ours: ['get item 2-17', 'get item 3-29'], pact: ['get item 2-17', 'get item 3-29'] });
    expect(report.summary.disagreements).toBe(0);
  });

  it('says why each failed', () => {
    const byDescription = new Map(scenario.report.pacts.flatMap((p) => p.interactions).map((i) => [i.description, i]));
    expect(byDescription.get('get item 2-17')!.findings.find((f) => f.severity === 'error')).toMatchObject({ path: ['status'], code: 'status_mismatch' });
    expect(byDescription.get('get item 3-29')!.findings.find((f) => f.severity === 'error')?.actual).toEqual({ kind: 'noAnswer', reason: 'no response recorded' });
  });

  it("set up the other interactions' provider states", () => {
    for (let f = 0; f < FILES; f++) for (let i = 0; i < PER_FILE; i += 10) expect(scenario.stateCalls).toContain(`item ${f}-${i} exists`);
  });
});

describe('a run of Pact\'s verifier that makes no progress', () => {
  let scenario: Scenario;
  beforeAll(async () => {
    // Nothing happens for 8 s on one interaction, past the 3 s stall limit: the watchdog stops the run.
    scenario = await verifyAgainstStandIns({ slowMs: 8_000, requestTimeoutMs: 10_000, stallTimeoutMs: 3_000 });
  }, 300_000);

  it('fails the interaction it stalled on alone, and replays the others without it', () => {
    const { report } = scenario;
    expect(report.summary.interactions).toBe(FILES * PER_FILE);
    // The silent request now waits out the 10 s request timeout, itself past the stall limit: it stalls too.
    expect(failures(report)).toEqual({ ours: ['get item 1-33', 'get item 2-17', 'get item 3-29'], pact: ['get item 1-33', 'get item 2-17', 'get item 3-29'] });
    expect(report.summary.disagreements).toBe(0);
    const stalled = report.pacts.flatMap((p) => p.interactions).find((i) => i.description === 'get item 1-33')!;
    expect(observationText(stalled.findings.find((f) => f.severity === 'error')!.actual)).toMatch(/made no progress on this interaction for 3 s and was stopped; the others were replayed without it/);
  });
});
