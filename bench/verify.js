#!/usr/bin/env node
// npm run bench:verify — in one run on the corpus pacts against the corpus mock:
// - interactions per second of `graph-contracts verify` (library call, as the CLI makes it);
// - the pact CLI's own verifier (`pact-verifier -f ...`, from @pact-foundation/pact-cli) run once,
//   sequentially, on the same pacts and a fresh mock, with the environment as the user has it;
// - their ratio (goal: >= 8x);
// - our ms per interaction at 25%, 50%, 100% and 300% of the corpus (300%: the corpus's pacts
//   repeated under distinct provider names); goal: cost at 300% within 1.25x of that at 25%;
// - the cost of the field-level conformance pass alone, per interaction.
// Figures are noisy on a shared 2-core machine: compare within one run.
'use strict';
const { spawn } = require('node:child_process');
const { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { root, corpusOrSkip } = require('./corpus');
const corpus = corpusOrSkip('bench:verify');
const { extract } = require(join(root, 'dist', 'docs', 'extract.js'));
const { generatePacts } = require(join(root, 'dist', 'pact', 'generate.js'));
const { mockTarget } = require(join(root, 'dist', 'compose', 'targets.js'));
const { verifyAndReport } = require(join(root, 'dist', 'compose', 'verification.js'));
const { checkInteraction } = require(join(root, 'dist', 'conformance', 'check.js'));
const { MatchersV3 } = require('@pact-foundation/pact');

const seconds = (since) => Number(process.hrtime.bigint() - since) / 1e9;

/**
 * CPU seconds of this process (the mock answers from here) and of its waited-for children (the
 * verifier processes), from /proc: on a shared, overloaded machine wall time says little.
 */
function cpuSeconds() {
  return cpuSplit().reduce((n, s) => n + s, 0);
}

/** [this process, its waited-for children] CPU seconds: the mock and the replay machinery here, the verifier processes there. */
function cpuSplit() {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command name: utime, stime, cutime, cstime are fields 14-17 of stat, here 11-14.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return [(utime + stime) / 100, (cutime + cstime) / 100];
}

/** `verify` over these pact files against a fresh mock: seconds, and the report. */
async function ours(model, files) {
  const target = await mockTarget(model);
  try {
    const started = process.hrtime.bigint();
    const [parent, children] = cpuSplit();
    const report = await verifyAndReport({ pacts: files, target });
    const [parentAfter, childrenAfter] = cpuSplit();
    return { seconds: seconds(started), cpuSeconds: parentAfter - parent + childrenAfter - children, verifierCpuSeconds: childrenAfter - children, report };
  } finally {
    await target.close();
  }
}

/** The bare pact CLI verifier, once, sequentially, over these files against a fresh mock. */
async function bare(model, files) {
  const target = await mockTarget(model);
  const port = new URL(target.baseUrl).port;
  const bin = join(root, 'node_modules', '.bin', 'pact-verifier');
  const args = [...files.flatMap((f) => ['-f', f]), '--hostname', '127.0.0.1', '--port', port, '--state-change-url', target.statesUrl];
  const started = process.hrtime.bigint();
  const cpuBefore = cpuSeconds();
  // Asynchronous: the mock answers from this very process, so its event loop must keep running.
  const run = await new Promise((resolvePromise) => {
    const child = spawn('/usr/bin/time', ['-f', 'cpu %U %S', bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolvePromise({ status, stderr }));
  });
  const wall = seconds(started);
  const total = cpuSeconds() - cpuBefore;
  await target.close();
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr ?? '');
  return { seconds: wall, cpuSeconds: total, verifierCpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, status: run.status };
}

/** The pact files holding about `share` of the corpus's interactions (whole files, in name order); above 1, copies under distinct provider names. */
function portion(dir, files, pacts, share) {
  const total = pacts.reduce((n, p) => n + p.interactions.length, 0);
  if (share <= 1) {
    const picked = [];
    let n = 0;
    for (let i = 0; i < files.length && n < share * total; i++) {
      picked.push(files[i]);
      n += pacts[i].interactions.length;
    }
    return { files: picked, interactions: n };
  }
  const out = join(dir, `x${share}`);
  mkdirSync(out);
  const copies = [];
  for (let copy = 0; copy < share; copy++) {
    pacts.forEach((pact, i) => {
      const file = join(out, `copy${copy}-${i}.json`);
      writeFileSync(file, JSON.stringify({ ...pact, provider: { name: copy === 0 ? pact.provider.name : `${pact.provider.name}-copy${copy}` } }));
      copies.push(file);
    });
  }
  return { files: copies, interactions: total * share };
}

async function main() {
  const { model } = extract([corpus], { cwd: root });
  const dir = mkdtempSync(join(tmpdir(), 'bench-verify-'));
  // BENCH_PACTS=dir: pacts generated from the corpus before (saves the generation step).
  const pactDir = process.env.BENCH_PACTS || join(dir, 'pacts');
  if (!process.env.BENCH_PACTS) await generatePacts(model, { consumer: 'bench', pactDir });
  const files = readdirSync(pactDir).filter((f) => f.endsWith('.json')).sort().map((f) => join(pactDir, f));
  const pacts = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const interactions = pacts.reduce((n, p) => n + p.interactions.length, 0);
  console.log(`corpus pacts: ${files.length} files, ${interactions} interactions`);
  const figures = (run, n) => `${run.seconds.toFixed(1)} s wall, ${(n / run.seconds).toFixed(1)} interactions/s; ${run.cpuSeconds.toFixed(1)} s CPU, ${((run.cpuSeconds * 1000) / n).toFixed(2)} ms CPU per interaction`;

  // Side by side: ours, then the bare verifier, on the same pacts.
  const run = await ours(model, files);
  const s = run.report.summary;
  console.log(`graph-contracts verify: ${figures(run, interactions)}, of which the verifier processes ${run.verifierCpuSeconds.toFixed(1)} s (${s.passed} passed, ${s.failed} failed, ${s.disagreements} disagreements)`);
  const reference = await bare(model, files);
  console.log(`pact-verifier (bare CLI, once, sequentially): ${figures(reference, interactions)}, of which the verifier ${reference.verifierCpuSeconds.toFixed(1)} s (exit ${reference.status})`);
  console.log(`ratio: graph-contracts verify / bare verifier throughput = ${(reference.seconds / run.seconds).toFixed(2)}x wall, ${(reference.cpuSeconds / run.cpuSeconds).toFixed(2)}x CPU (goal: >= 8x)`);

  // Growth: ms per interaction by size of the set (both ends first).
  const perInteraction = {};
  for (const share of [0.25, 3, 0.5, 1]) {
    const part = portion(dir, files, pacts, share);
    const measured = share === 1 ? run : await ours(model, part.files);
    perInteraction[share] = { wall: (measured.seconds * 1000) / part.interactions, cpu: (measured.cpuSeconds * 1000) / part.interactions };
    console.log(`${share * 100}% of the corpus: ${part.interactions} interactions, ${figures(measured, part.interactions)}, ${perInteraction[share].wall.toFixed(2)} ms wall per interaction (${measured.report.summary.disagreements} disagreements)`);
    if (share === 3) console.log(`growth: per interaction at 300% / at 25% = ${(perInteraction[3].wall / perInteraction[0.25].wall).toFixed(2)}x wall, ${(perInteraction[3].cpu / perInteraction[0.25].cpu).toFixed(2)}x CPU (goal: <= 1.25x)`);
  }

  // The conformance pass alone: each interaction against its own documented response.
  const cases = pacts.flatMap((p) => p.interactions).map((i) => {
    const content = i.response.body?.content;
    const body = content === undefined ? '' : typeof content === 'string' ? content : JSON.stringify(MatchersV3.reify(content));
    return [i, { status: i.response.status, headers: { 'content-type': 'application/json' }, body }];
  });
  const started = process.hrtime.bigint();
  for (let round = 0; round < 5; round++) for (const [i, actual] of cases) checkInteraction(i, actual);
  console.log(`conformance pass: ${((seconds(started) * 1000) / (cases.length * 5)).toFixed(3)} ms per interaction (goal: < 2 ms)`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
