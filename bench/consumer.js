#!/usr/bin/env node
// npm run bench:consumer — milliseconds per interaction of the consumer stage over the corpus
// (Pact mock server + axios client + pact files), at growing corpus sizes to show it stays linear,
// and, in the same run, a naive loop that merges 600 interactions into a single pact file.
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { root, corpusOrSkip } = require('./corpus');
const corpus = corpusOrSkip('bench:consumer');
const { extract } = require(join(root, 'dist', 'docs', 'extract.js'));
const { generatePacts } = require(join(root, 'dist', 'pact', 'generate.js'));
const { buildExampleSpecs } = require(join(root, 'dist', 'pact', 'interactions.js'));
const { runInteraction } = require(join(root, 'dist', 'pact', 'consumer-run.js'));

async function main() {
  const { model } = extract([corpus], { cwd: root });
  const apiPages = model.pages.filter((p) => p.kind === 'api');
  const others = model.pages.filter((p) => p.kind !== 'api');
  const rows = [];
  for (const share of [0.25, 0.5, 1]) {
    const pages = apiPages.slice(0, Math.round(apiPages.length * share));
    const dir = mkdtempSync(join(tmpdir(), 'bench-consumer-'));
    const summary = await generatePacts({ ...model, pages: [...pages, ...others] }, { consumer: 'bench', pactDir: dir });
    rmSync(dir, { recursive: true, force: true });
    rows.push({ share, interactions: summary.interactions, failed: summary.failed.length, seconds: summary.durationMs / 1000, ms: summary.msPerInteraction, files: summary.pactFiles.length });
    console.log(
      `corpus ${String(share * 100).padStart(3)}%: ${summary.interactions} interactions in ${summary.pactFiles.length} pact files, ${(summary.durationMs / 1000).toFixed(1)} s, ${summary.msPerInteraction.toFixed(2)} ms/interaction, ${summary.failed.length} failed`,
    );
  }

  // Naive: every interaction merged into one pact file (one consumer-provider pair, one folder).
  const specs = buildExampleSpecs(model).filter((s) => s.kind === 'interaction').slice(0, 600);
  const dir = mkdtempSync(join(tmpdir(), 'bench-naive-'));
  const started = process.hrtime.bigint();
  let failed = 0;
  for (const spec of specs) {
    await runInteraction(spec, { consumer: 'bench', provider: 'single', dir }).catch(() => failed++);
  }
  const naiveMs = Number(process.hrtime.bigint() - started) / 1e6 / specs.length;
  rmSync(dir, { recursive: true, force: true });
  console.log(`naive single pact file: ${specs.length} interactions, ${naiveMs.toFixed(2)} ms/interaction, ${failed} failed`);

  const full = rows[rows.length - 1];
  console.log(`linearity: ms/interaction at 25% / 50% / 100% of the corpus = ${rows.map((r) => r.ms.toFixed(2)).join(' / ')}`);
  console.log(`ratio: naive loop / graph-contracts = ${(naiveMs / full.ms).toFixed(1)}x (goal: >= 8x; goal < 8 ms/interaction: ${full.ms.toFixed(2)} ms)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
