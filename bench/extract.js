#!/usr/bin/env node
// npm run bench:extract — end-to-end throughput of `graph-contracts extract` over the v1.0 corpus,
// start-up included: each run is a fresh `node` process, timed from spawn to exit. Prints MB/s,
// pages/s, CPU time (all threads: V8 compiles and collects garbage on the second core) and peak
// memory (max RSS) for each run and the median, then reference figures measured in the same run,
// so that the ratios say where the time goes. Where NODE_EXTRA_CA_CERTS is set, also Node's own
// start-up and the extract run with and without it, alternated (Node 20 reads that bundle at every
// start).
// Needs `npm run build` first.
// BENCH_RUNS=n sets the number of runs (5); BENCH_NODE=/path/to/node measures with another Node.js
// binary on the same machine (the runtime's optimising compilers decide much of a cold run).
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { root, corpusOrSkip } = require('./corpus');
const corpus = corpusOrSkip('bench:extract');
const runs = Number(process.env.BENCH_RUNS || 5);
const nodeBinary = process.env.BENCH_NODE || process.execPath;
const work = mkdtempSync(join(tmpdir(), 'bench-extract-'));
const dist = (path) => JSON.stringify(join(root, 'dist', path));
const usage = `process.stderr.write('usage ' + JSON.stringify(process.resourceUsage()) + '\\n')`;
// The same entry point as bin/graph-contracts.js, plus a report of CPU time and peak memory on exit.
const runner = `require(${dist('cli/main.js')}).main(process.argv).then((c) => { ${usage}; process.exitCode = c; });`;

/** Runs `node -e script args` in a fresh process: wall seconds, CPU seconds, peak RSS in MB, output. */
function fresh(script, args = [], env = process.env) {
  const started = process.hrtime.bigint();
  const child = spawnSync(nodeBinary, ['-e', script, ...args], { encoding: 'utf8', env });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) {
    console.error(child.stdout, child.stderr);
    process.exit(1);
  }
  const match = /usage (\{.*\})/.exec(child.stderr);
  const used = match ? JSON.parse(match[1]) : null;
  return {
    seconds,
    cpuSeconds: used ? (used.userCPUTime + used.systemCPUTime) / 1e6 : NaN,
    rssMb: used ? used.maxRSS / 1024 : NaN,
    stdout: child.stdout,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const extractArgs = (summaryFile) => ['graph-contracts', 'extract', corpus, '--summary-json', summaryFile, '--show', 'none', '--no-progress'];
const results = [];
for (let i = 0; i < runs; i++) {
  const summaryFile = join(work, `summary-${i}.json`);
  const run = fresh(runner, extractArgs(summaryFile));
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  const result = { ...run, mbPerSecond: summary.bytes / 1e6 / run.seconds, pagesPerSecond: summary.pages / run.seconds, summary };
  results.push(result);
  console.log(
    `run ${i + 1}: ${run.seconds.toFixed(2)} s wall, ${result.mbPerSecond.toFixed(1)} MB/s, ${result.pagesPerSecond.toFixed(0)} pages/s, ` +
      `${run.cpuSeconds.toFixed(2)} s CPU, peak RSS ${run.rssMb.toFixed(0)} MB`,
  );
}

// References, each a fresh process with start-up included, alternated with nothing else running.
const walk = `const fs = require('fs'), path = require('path');
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.md') ? [path.join(d, e.name)] : []);
  const files = walk(${JSON.stringify(corpus)});`;
const references = {
  // Reading and decoding every page: what no extraction can go below.
  read: `${walk} let n = 0; for (const f of files) n += fs.readFileSync(f, 'utf8').length; ${usage};`,
  // Reading plus the block pass extraction runs on each page (front matter blanked, as extract does).
  blocks: `${walk} const { splitFrontMatter } = require(${dist('docs/front-matter.js')}); const { parseBlocks } = require(${dist('docs/blocks.js')});
    let n = 0; for (const f of files) n += parseBlocks(splitFrontMatter(fs.readFileSync(f, 'utf8')).markdown).length; ${usage};`,
  // The CLI's fixed cost: load it and answer --version.
  startup: runner,
  // Placeholder for the alternated NODE_EXTRA_CA_CERTS pairs below (run only where it is set).
  withAndWithoutCa: runner,
  // Extraction run four times in one process; the last run's time is the work itself once V8 has
  // compiled the hot code (a fresh process pays for that compilation, on both cores).
  warm: `const { extract } = require(${dist('docs/extract.js')}); let ms = 0;
    for (let i = 0; i < 4; i++) { const t = process.hrtime.bigint(); extract([${JSON.stringify(corpus)}]); ms = Number(process.hrtime.bigint() - t) / 1e6; }
    console.log(ms); ${usage};`,
};
// Node.js up to 20 loads the bundle named by NODE_EXTRA_CA_CERTS (with its own root
// certificates) at every process start, before any script runs; a machine that sets it (this
// workplace sets the system bundle) pays that on each cold `extract`. Measured, not avoided: the
// variable is the user's, and commands that reach Graph or a broker need it.
const extraCa = process.env.NODE_EXTRA_CA_CERTS;
const withoutExtraCa = { ...process.env };
delete withoutExtraCa.NODE_EXTRA_CA_CERTS;
const measured = { extractWithCa: [], bareWithCa: [], bareWithoutCa: [], extractWithoutCa: [] };
for (const name of Object.keys(references)) measured[name] = [];
for (let i = 0; i < runs; i++) {
  for (const [name, script] of Object.entries(references)) {
    if (name === 'withAndWithoutCa') {
      // Alternated in the same round, so that both see the same machine noise.
      if (extraCa) {
        measured.extractWithCa.push(fresh(script, extractArgs(join(work, 'with-ca.json'))));
        measured.extractWithoutCa.push(fresh(script, extractArgs(join(work, 'without-ca.json')), withoutExtraCa));
        measured.bareWithCa.push(fresh(usage));
        measured.bareWithoutCa.push(fresh(usage, [], withoutExtraCa));
      }
    } else {
      measured[name].push(fresh(script, name === 'startup' ? ['graph-contracts', '--version'] : []));
    }
  }
}
rmSync(work, { recursive: true, force: true });

const s = results[0].summary;
console.log(`node ${spawnSync(nodeBinary, ['--version'], { encoding: 'utf8' }).stdout.trim()} (${nodeBinary})`);
const mb = s.bytes / 1e6;
const wall = median(results.map((r) => r.seconds));
/** Median wall seconds of one kind of reference run. */
const secondsOf = (name) => median(measured[name].map((r) => r.seconds));
/** `0.95 s (13.9 MB/s)` for a run over the corpus. */
const timed = (seconds) => `${seconds.toFixed(2)} s (${(mb / seconds).toFixed(1)} MB/s)`;
const line = (label, name) => {
  const seconds = secondsOf(name);
  console.log(`${label}: ${timed(seconds)}, ${median(measured[name].map((r) => r.cpuSeconds)).toFixed(2)} s CPU; extract takes ${(wall / seconds).toFixed(2)}x this`);
};
console.log(`corpus: ${s.pages} pages, ${mb.toFixed(2)} MB, ${s.graphPairs} Graph pairs, ${s.crashes} crashes`);
line('reference, fresh process: read every page', 'read');
line('reference, fresh process: read + front matter + block pass', 'blocks');
console.log(`reference, fresh process: CLI start-up (\`--version\`): ${secondsOf('startup').toFixed(2)} s`);
if (extraCa) {
  console.log(
    `NODE_EXTRA_CA_CERTS is set (${extraCa}); Node alone (\`node -e\`) starts in ${secondsOf('bareWithCa').toFixed(2)} s with it and ` +
      `${secondsOf('bareWithoutCa').toFixed(2)} s without; extract, alternated: ${timed(secondsOf('extractWithCa'))} with it, ` +
      `${timed(secondsOf('extractWithoutCa'))} without`,
  );
}
const warmMs = median(measured.warm.map((r) => Number(r.stdout.trim())));
console.log(`reference, in one process: 4th extract of the corpus (JIT warm): ${timed(warmMs / 1000)}`);
console.log(
  `median of ${runs}: ${median(results.map((r) => r.mbPerSecond)).toFixed(1)} MB/s, ${median(results.map((r) => r.pagesPerSecond)).toFixed(0)} pages/s, ` +
    `${wall.toFixed(2)} s wall, ${median(results.map((r) => r.cpuSeconds)).toFixed(2)} s CPU, peak RSS ${median(results.map((r) => r.rssMb)).toFixed(0)} MB (floor: >= 8 MB/s, < 500 MB)`,
);
