#!/usr/bin/env node
// npm run bench:extract — end-to-end throughput of `graph-contracts extract` over the v1.0 corpus,
// start-up included: each run is a fresh `node` process, timed from spawn to exit. Prints MB/s,
// pages/s and peak memory (max RSS) for each run and the median. Needs `npm run build` first.
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { root, corpusOrSkip } = require('./corpus');
const corpus = corpusOrSkip('bench:extract');
const runs = Number(process.env.BENCH_RUNS || 3);
const work = mkdtempSync(join(tmpdir(), 'bench-extract-'));
// The same entry point as bin/graph-contracts.js, plus a report of peak memory on exit.
const runner = `require(${JSON.stringify(join(root, 'dist', 'cli', 'main.js'))}).main(process.argv).then((c) => {
  process.stderr.write('maxrss-kb ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = c; });`;

const results = [];
for (let i = 0; i < runs; i++) {
  const summaryFile = join(work, `summary-${i}.json`);
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', runner, 'graph-contracts', 'extract', corpus, '--summary-json', summaryFile, '--show', 'none', '--no-progress'], {
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) {
    console.error(child.stdout, child.stderr);
    process.exit(1);
  }
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  const rssMb = Number(/maxrss-kb (\d+)/.exec(child.stderr)[1]) / 1024;
  const result = { seconds, mbPerSecond: summary.bytes / 1e6 / seconds, pagesPerSecond: summary.pages / seconds, rssMb, summary };
  results.push(result);
  console.log(
    `run ${i + 1}: ${seconds.toFixed(2)} s wall, ${result.mbPerSecond.toFixed(1)} MB/s, ${result.pagesPerSecond.toFixed(0)} pages/s, peak RSS ${rssMb.toFixed(0)} MB`,
  );
}
// Reference in the same run: a fresh process that only reads every page and runs markdown-it's
// block pass, start-up included. Extraction was built on that pass until the block scanner
// replaced it; it stays as a fixed yardstick, so that figures remain comparable across versions.
const floorScript = `
  const fs = require('fs'), path = require('path');
  const md = require(${JSON.stringify(require.resolve('markdown-it', { paths: [root] }))})('commonmark');
  md.enable('table'); md.disable('reference'); md.core.ruler.disable(['normalize', 'inline', 'text_join']);
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.md') ? [path.join(d, e.name)] : []);
  let tokens = 0; for (const f of walk(${JSON.stringify(corpus)})) tokens += md.parse(fs.readFileSync(f, 'utf8'), {}).length;`;
const floors = [];
for (let i = 0; i < runs; i++) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', floorScript], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  floors.push(Number(process.hrtime.bigint() - started) / 1e9);
}
// Reference in the same run: the fixed start-up cost, a fresh process that loads the CLI and
// answers `--version` (loading the pact/verify stages here once cost ~0.4 s of every extract).
const startups = [];
for (let i = 0; i < runs; i++) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', runner, 'graph-contracts', '--version'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  startups.push(Number(process.hrtime.bigint() - started) / 1e9);
}
rmSync(work, { recursive: true, force: true });
const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
const s = results[0].summary;
console.log(`corpus: ${s.pages} pages, ${(s.bytes / 1e6).toFixed(2)} MB, ${s.graphPairs} Graph pairs, ${s.crashes} crashes`);
const floor = floors.sort((a, b) => a - b)[Math.floor(runs / 2)];
console.log(`reference: read + markdown-it block pass alone, fresh process: ${floor.toFixed(2)} s, ${(s.bytes / 1e6 / floor).toFixed(1)} MB/s`);
console.log(`start-up: fresh process, CLI loaded, \`--version\`: ${startups.sort((a, b) => a - b)[Math.floor(runs / 2)].toFixed(2)} s`);
console.log(`ratio: extract takes ${(results.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(runs / 2)] / floor).toFixed(2)}x the markdown floor`);
console.log(
  `median of ${runs}: ${median('mbPerSecond').toFixed(1)} MB/s, ${median('pagesPerSecond').toFixed(0)} pages/s, ${median('seconds').toFixed(2)} s, peak RSS ${median('rssMb').toFixed(0)} MB (goal: >= 20 MB/s, < 500 MB)`,
);
