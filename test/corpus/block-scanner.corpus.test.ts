/**
 * Differential test of the block scanner against its oracle (markdown-it 14.3.3 through
 * test/support/markdown-it-blocks.ts, the code parseBlocks ran before the scanner): on every
 * markdown page of the v1.0 corpus, the bundled seed contracts and the test fixtures, with the
 * front matter blanked as page.ts does, both must give the same blocks. The scanner has no
 * markdown-it fallback, so every page compared is the scanner's own output. The corpus part is
 * skipped, with the reason printed, where the corpus is absent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseBlocks, type Block } from '../../src/docs/blocks';
import { splitFrontMatter } from '../../src/docs/front-matter';
import { parseBlocksWithMarkdownIt } from '../support/markdown-it-blocks';
import { CONTRACTS_DIR, CORPUS_DIR, REPO_ROOT, describeWithCorpus, markdownFiles } from '../helpers';

interface Comparison {
  pages: number;
  blocks: number;
  /** Files whose blocks differ, with the first differing block of each side. */
  differing: { file: string; index: number; oracle: Block | undefined; scanner: Block | undefined }[];
}

function compare(files: string[]): Comparison {
  const result: Comparison = { pages: 0, blocks: 0, differing: [] };
  for (const file of files) {
    const markdown = splitFrontMatter(readFileSync(file, 'utf8')).markdown;
    const oracle = parseBlocksWithMarkdownIt(markdown);
    const scanner = parseBlocks(markdown);
    result.pages++;
    result.blocks += oracle.length;
    if (isDeepStrictEqual(oracle, scanner)) continue;
    let index = 0;
    while (index < oracle.length && isDeepStrictEqual(oracle[index], scanner[index])) index++;
    result.differing.push({ file, index, oracle: oracle[index], scanner: scanner[index] });
  }
  return result;
}

describe('block scanner = markdown-it on the bundled pages', () => {
  it('gives the oracle blocks for every seed contract and docs fixture', () => {
    const files = [...markdownFiles(CONTRACTS_DIR), ...markdownFiles(join(REPO_ROOT, 'test', 'fixtures', 'docs'))];
    const result = compare(files);
    expect(result.differing).toEqual([]);
    expect(result.pages).toBeGreaterThanOrEqual(10);
    expect(result.blocks).toBeGreaterThan(100);
  });
});

describeWithCorpus('block scanner = markdown-it on the v1.0 corpus', () => {
  it('gives the oracle blocks for every page', () => {
    const result = compare(markdownFiles(CORPUS_DIR));
    // eslint-disable-next-line no-console
    console.log(`block scanner vs markdown-it: ${result.pages} corpus pages, ${result.blocks} blocks, ${result.differing.length} differing (the scanner has no markdown-it fallback: every page is the scanner's)`);
    expect(result.differing.slice(0, 3)).toEqual([]);
    expect(result.pages).toBeGreaterThanOrEqual(3341);
    expect(result.blocks).toBeGreaterThan(50_000);
  });
});
