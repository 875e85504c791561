// Where the benchmarks find the project and the real-docs corpus (../shared/corpus, never a
// runtime dependency). A benchmark without the corpus says so and exits 0.
'use strict';
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const corpusDir = resolve(root, '..', 'shared', 'corpus', 'graph-docs-v1.0');

/** The corpus folder; prints why `bench` is skipped and exits 0 when it is absent. */
function corpusOrSkip(bench) {
  if (!existsSync(join(corpusDir, 'api'))) {
    console.log(`${bench} skipped: corpus not found at ${corpusDir}`);
    process.exit(0);
  }
  return corpusDir;
}

module.exports = { root, corpusOrSkip };
