/**
 * Differential test of front matter parsing against js-yaml alone (the oracle, see
 * test/support/js-yaml-front-matter.ts) on every page of the v1.0 corpus, the bundled seeds and the
 * test fixtures: the same data or the same error for each. Prints how many took the simple-line
 * path. The corpus part is skipped, with the reason printed, where the corpus is absent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readSimpleFrontMatter, splitFrontMatter } from '../../src/docs/front-matter';
import { frontMatterText, frontMatterWithJsYaml } from '../support/js-yaml-front-matter';
import { CONTRACTS_DIR, CORPUS_DIR, REPO_ROOT, describeWithCorpus, markdownFiles } from '../helpers';

function compare(files: string[]): { withFrontMatter: number; simple: number; differing: string[] } {
  const result = { withFrontMatter: 0, simple: 0, differing: [] as string[] };
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    const yaml = frontMatterText(text);
    if (yaml === null) continue;
    result.withFrontMatter++;
    if (readSimpleFrontMatter(yaml) !== null) result.simple++;
    if (!isDeepStrictEqual(splitFrontMatter(text).frontMatter, frontMatterWithJsYaml(yaml))) result.differing.push(file);
  }
  return result;
}

test('the seeds and the docs fixtures read their front matter as js-yaml does', () => {
  const result = compare([...markdownFiles(CONTRACTS_DIR), ...markdownFiles(join(REPO_ROOT, 'test', 'fixtures', 'docs'))]);
  expect(result.differing).toEqual([]);
  expect(result.withFrontMatter).toBeGreaterThanOrEqual(5);
});

describeWithCorpus('front matter = js-yaml on the v1.0 corpus', () => {
  it('gives js-yaml\'s data or error for every page', () => {
    const result = compare(markdownFiles(CORPUS_DIR));
    console.log(`front matter vs js-yaml: ${result.withFrontMatter} corpus pages with front matter, ${result.simple} read by the simple-line path, ${result.differing.length} differing`);
    expect(result.differing.slice(0, 5)).toEqual([]);
    expect(result.withFrontMatter).toBeGreaterThanOrEqual(3300);
    // Most pages take the fast path; if this drops, the pattern has become too strict to matter.
    expect(result.simple / result.withFrontMatter).toBeGreaterThan(0.9);
  });
});
