/**
 * Robustness over the real v1.0 reference (3,341 pages beside the project): every file processed
 * with no crash, at least 2,350 Graph pairs from the 2,102 API pages, at least 99% of JSON-looking
 * bodies parsed. Skipped, with the reason printed, where the corpus is absent.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extract, type ExtractResult } from '../../src/docs/extract';
import { CORPUS_DIR, REPO_ROOT, corpusAvailable, describeWithCorpus } from '../helpers';

describeWithCorpus('the v1.0 corpus', () => {
  let result: ExtractResult;
  beforeAll(() => {
    if (corpusAvailable) result = extract([CORPUS_DIR], { cwd: REPO_ROOT });
  });

  it('processes every page file with no crash', () => {
    const files = ['api', 'resources'].flatMap((d) => readdirSync(join(CORPUS_DIR, d)).filter((f) => f.endsWith('.md')));
    expect(files.length).toBe(3341);
    const extracted = new Set(result.model.pages.map((p) => p.file.split('/').slice(-2).join('/')));
    for (const d of ['api', 'resources']) {
      for (const f of readdirSync(join(CORPUS_DIR, d)).filter((name) => name.endsWith('.md'))) expect(extracted.has(`${d}/${f}`)).toBe(true);
    }
    expect(result.summary.crashes).toBe(0);
    expect(result.summary.diagnostics.internal_error ?? 0).toBe(0);
  });

  it('extracts at least 2,350 Graph request/response pairs from the 2,102 API pages', () => {
    const apiPages = result.model.pages.filter((p) => p.file.includes('/api/'));
    expect(apiPages).toHaveLength(2102);
    const graphPairs = apiPages.flatMap((p) => p.pairs).filter((p) => p.request.usable && p.request.host !== null ? /graph\.microsoft\.com$/.test(p.request.host) : p.request.usable);
    expect(graphPairs.length).toBeGreaterThanOrEqual(2350);
    expect(result.summary.graphPairs).toBeGreaterThanOrEqual(2350);
  });

  it('parses at least 99% of JSON-looking bodies, strictly or after repair', () => {
    const { jsonBodies, jsonStrict, jsonRepaired } = result.summary;
    expect(jsonBodies).toBeGreaterThan(3000);
    expect((jsonStrict + jsonRepaired) / jsonBodies).toBeGreaterThanOrEqual(0.99);
    expect(jsonRepaired).toBeGreaterThan(0);
  });

  it('resolves request-body types through linked resource pages', () => {
    const user = result.model.types['microsoft.graph.user'];
    expect(user).toMatchObject({ kind: 'entity', keyProperty: 'id', file: expect.stringContaining('resources/user.md') });
    const page = result.model.pages.find((p) => p.file.endsWith('api/user-post-users.md'))!;
    const passwordProfile = page.requestBody.find((p) => p.name === 'passwordProfile');
    expect(passwordProfile?.type).toMatchObject({ kind: 'complex', name: 'microsoft.graph.passwordProfile' });
    // An enum page resolves to an enum with members.
    const enumTyped = result.model.pages.flatMap((p) => p.requestBody).filter((p) => p.type.kind === 'enum' && p.type.members.length > 0);
    expect(enumTyped.length).toBeGreaterThan(50);
  });

  it('gives every diagnostic a file:line inside the page and a fix hint', () => {
    const all = result.model.pages.flatMap((p) => p.diagnostics);
    expect(all.length).toBeGreaterThan(1000);
    for (const d of all) {
      expect(d.source.line).toBeGreaterThanOrEqual(1);
      expect(d.hint.length).toBeGreaterThan(10);
    }
  });
});
