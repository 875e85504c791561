#!/usr/bin/env node
// npm run bench:blocks — the block pass alone, in one process: every corpus page (front matter
// blanked as page.ts does) parsed by markdown-it through the test oracle
// (test/support/markdown-it-blocks.ts, today's reference) and by parseBlocks (the block scanner),
// alternately, 3 rounds each after one warm-up round. Prints ms per round, medians and the ratio.
// Needs `npm run build` first.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { root, corpusOrSkip, markdownFiles } = require('./corpus');
const { loadTypeScript } = require('./typescript');
const corpus = corpusOrSkip('bench:blocks');
const { parseBlocks } = require(join(root, 'dist', 'docs', 'blocks.js'));
const { splitFrontMatter } = require(join(root, 'dist', 'docs', 'front-matter.js'));
const oracle = loadTypeScript(join(root, 'test', 'support', 'markdown-it-blocks.ts')).parseBlocksWithMarkdownIt;

const pages = markdownFiles(corpus).map((file) => splitFrontMatter(readFileSync(file, 'utf8')).markdown);
const bytes = pages.reduce((sum, page) => sum + Buffer.byteLength(page), 0);

function round(parse) {
  const started = process.hrtime.bigint();
  let blocks = 0;
  for (const page of pages) blocks += parse(page).length;
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, blocks };
}

const warmOracle = round(oracle);
const warmScanner = round(parseBlocks);
if (warmOracle.blocks !== warmScanner.blocks) throw new Error(`block counts differ: oracle ${warmOracle.blocks}, scanner ${warmScanner.blocks}`);
console.log(`${pages.length} pages, ${(bytes / 1e6).toFixed(2)} MB with front matter blanked, ${warmScanner.blocks} blocks; warm-up: oracle ${warmOracle.ms.toFixed(0)} ms, scanner ${warmScanner.ms.toFixed(0)} ms`);
const times = { oracle: [], scanner: [] };
for (let i = 0; i < 3; i++) {
  times.oracle.push(round(oracle).ms);
  times.scanner.push(round(parseBlocks).ms);
  console.log(`round ${i + 1}: oracle (markdown-it) ${times.oracle[i].toFixed(0)} ms, scanner ${times.scanner[i].toFixed(0)} ms`);
}
const median = (list) => [...list].sort((a, b) => a - b)[1];
const oracleMs = median(times.oracle);
const scannerMs = median(times.scanner);
console.log(
  `median of 3: oracle ${oracleMs.toFixed(0)} ms (${(bytes / 1e6 / (oracleMs / 1000)).toFixed(1)} MB/s), scanner ${scannerMs.toFixed(0)} ms (${(bytes / 1e6 / (scannerMs / 1000)).toFixed(1)} MB/s); scanner takes ${(scannerMs / oracleMs).toFixed(2)}x the oracle's time (${(oracleMs / scannerMs).toFixed(1)}x faster)`,
);
