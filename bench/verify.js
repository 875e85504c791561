#!/usr/bin/env node
// npm run bench:verify — interactions per second of `graph-contracts verify` on the corpus pacts
// against the corpus mock, and, in the same run, of the pact CLI's own verifier (`pact-verifier
// -f ...`, from @pact-foundation/pact-cli) run once, sequentially, on the same pacts and mock.
// Also the cost of the field-level conformance pass alone, per interaction.
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { root, corpusOrSkip } = require('./corpus');
const corpus = corpusOrSkip('bench:verify');
const { extract } = require(join(root, 'dist', 'docs', 'extract.js'));
const { generatePacts } = require(join(root, 'dist', 'pact', 'generate.js'));
const { mockTarget, verify } = require(join(root, 'dist', 'provider', 'verify.js'));
const { checkInteraction } = require(join(root, 'dist', 'conformance', 'check.js'));
const { MatchersV3 } = require('@pact-foundation/pact');

async function main() {
  const { model } = extract([corpus], { cwd: root });
  const dir = mkdtempSync(join(tmpdir(), 'bench-verify-'));
  await generatePacts(model, { consumer: 'bench', pactDir: dir });
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
  const pacts = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const interactions = pacts.reduce((n, p) => n + p.interactions.length, 0);
  console.log(`corpus pacts: ${files.length} files, ${interactions} interactions`);

  // graph-contracts verify (library call, as the CLI makes it).
  let target = await mockTarget(model);
  let started = process.hrtime.bigint();
  const report = await verify({ pacts: [dir], target });
  const ours = Number(process.hrtime.bigint() - started) / 1e9;
  await target.close();
  console.log(`graph-contracts verify: ${ours.toFixed(1)} s, ${(interactions / ours).toFixed(1)} interactions/s (${report.summary.passed} passed, ${report.summary.disagreements} disagreements)`);

  // The bare pact verifier, once, sequentially, same pacts, a fresh mock.
  target = await mockTarget(model);
  const port = new URL(target.baseUrl).port;
  const bin = join(root, 'node_modules', '.bin', 'pact-verifier');
  const args = [...files.flatMap((f) => ['-f', f]), '--hostname', '127.0.0.1', '--port', port, '--state-change-url', target.statesUrl];
  started = process.hrtime.bigint();
  // Asynchronous: the mock answers from this very process, so its event loop must keep running.
  const run = await new Promise((resolvePromise) => {
    const child = spawn('/usr/bin/time', ['-f', 'cpu %U %S', bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolvePromise({ status, stderr }));
  });
  const bare = Number(process.hrtime.bigint() - started) / 1e9;
  await target.close();
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr ?? '');
  const cpuSeconds = cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN;
  console.log(`pact-verifier (bare CLI): ${bare.toFixed(1)} s, ${(interactions / bare).toFixed(1)} interactions/s, ${((cpuSeconds / interactions) * 1000).toFixed(1)} ms CPU per interaction (exit ${run.status})`);
  console.log(`ratio: graph-contracts verify / bare verifier throughput = ${(bare / ours).toFixed(2)}x (goal: >= 2x)`);

  // The conformance pass alone: each interaction against its own documented response.
  const cases = pacts.flatMap((p) => p.interactions).map((i) => {
    const content = i.response.body?.content;
    const body = content === undefined ? '' : typeof content === 'string' ? content : JSON.stringify(MatchersV3.reify(content));
    return [i, { status: i.response.status, headers: { 'content-type': 'application/json' }, body }];
  });
  started = process.hrtime.bigint();
  for (let round = 0; round < 5; round++) for (const [i, actual] of cases) checkInteraction(i, actual);
  const perInteraction = Number(process.hrtime.bigint() - started) / 1e6 / (cases.length * 5);
  console.log(`conformance pass: ${perInteraction.toFixed(3)} ms per interaction (goal: < 2 ms)`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
