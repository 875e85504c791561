// Where the benchmarks find the project and the real-docs corpus (../shared/corpus, never a
// runtime dependency). A benchmark without the corpus says so and exits 0.
'use strict';
const { existsSync, readdirSync } = require('node:fs');
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

/** Every `.md` file under `dir`, in readdir order. */
const markdownFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));

module.exports = { root, corpusDir, corpusOrSkip, markdownFiles };
