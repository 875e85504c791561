/**
 * A hand-checked sample: 40 API pages drawn at random from the corpus (seeded draw, list below in
 * fixtures/corpus-sample.json). A person read each page and wrote down its request/response pairs:
 * method, host, path and query as written, status, and the top-level keys of JSON bodies. The
 * extractor must agree exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from '../../src/docs/extract';
import type { Body } from '../../src/contract/model';
import { DEFAULT_MAX_PAGE_BYTES } from '../../src/docs/read-page';
import { CORPUS_DIR, REPO_ROOT, describeWithCorpus } from '../helpers';

interface ExpectedPair {
  method: string;
  host: string | null;
  path: string;
  query: string | null;
  status: number;
  requestBodyKeys: string[] | null;
  responseBodyKeys: string[] | null;
}

const sample: { file: string; pairs: ExpectedPair[]; note?: string }[] = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'corpus-sample.json'), 'utf8'),
);

const bodyKeys = (body: Body | null): string[] | null =>
  body?.kind === 'json' && body.value !== null && typeof body.value === 'object' && !Array.isArray(body.value) ? Object.keys(body.value) : null;

describeWithCorpus('hand-checked sample of 40 corpus pages', () => {
  it('has 40 distinct pages', () => {
    expect(new Set(sample.map((s) => s.file)).size).toBe(40);
  });

  it.each(sample.map((s) => [s.file, s] as const))('%s', (file, entry) => {
    const { page } = extractFile(join(CORPUS_DIR, 'api', file), REPO_ROOT, DEFAULT_MAX_PAGE_BYTES);
    const actual = page.pairs.map((pair): ExpectedPair => {
      const { request, response } = pair;
      const match = /^https?:\/\/[^/]+(.*)$/.exec(request.url);
      const rest = match ? match[1]! : request.url;
      const q = rest.indexOf('?');
      return {
        method: request.method,
        host: request.host,
        path: q < 0 ? rest : rest.slice(0, q),
        query: request.query,
        status: response.status,
        requestBodyKeys: bodyKeys(request.body),
        responseBodyKeys: bodyKeys(response.body),
      };
    });
    expect(actual).toEqual(entry.pairs);
    // The analysed path is the written path less its version segment.
    for (const pair of page.pairs) {
      const written = actual[page.pairs.indexOf(pair)]!.path;
      expect(written === pair.request.path || written.toLowerCase() === `/${pair.request.version}${pair.request.path}`.toLowerCase()).toBe(true);
    }
  });
});
