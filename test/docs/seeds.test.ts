/**
 * Golden tests for the bundled contracts (the five seed pages): each page's extracted contract
 * equals a reviewed golden JSON. Regenerate with `UPDATE=1 npx jest test/docs/seeds.test.ts` and
 * review the diff.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';
import type { PageContract } from '../../src/contract/model';
import { writeFileAtomic } from '../../src/internal/atomic-write';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';

const GOLDEN_DIR = join(__dirname, '..', 'fixtures', 'golden');
const UPDATE = process.env['UPDATE'] === '1';

const { model, summary } = extract([CONTRACTS_DIR], { cwd: REPO_ROOT });
const pageNamed = (name: string): PageContract => {
  const page = model.pages.find((p) => p.file === `contracts/api/${name}.md`);
  if (!page) throw new Error(`no page ${name}`);
  return page;
};
const codesAt = (page: PageContract): string[] => page.diagnostics.map((d) => `${d.code}@${d.source.line}`);

describe('bundled contracts (seed pages)', () => {
  const names = readdirSync(join(CONTRACTS_DIR, 'api'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.replace(/\.md$/, ''));

  it('are five pages', () => {
    expect(names).toHaveLength(5);
  });

  const seedsDir = join(REPO_ROOT, '..', 'shared', 'seeds');
  const withSeeds = existsSync(seedsDir) ? it : it.skip;
  withSeeds(`are the seed pages byte for byte${existsSync(seedsDir) ? '' : ` [skipped: ${seedsDir} not found]`}`, () => {
    const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
    expect(seeds).toHaveLength(5);
    const seedTexts = new Set(seeds.map((f) => readFileSync(join(seedsDir, f), 'utf8')));
    for (const name of names) expect(seedTexts.has(readFileSync(join(CONTRACTS_DIR, 'api', `${name}.md`), 'utf8'))).toBe(true);
  });

  it.each(names)('%s matches its golden contract', (name) => {
    const page = pageNamed(name);
    const golden = join(GOLDEN_DIR, `${name}.contract.json`);
    if (UPDATE) writeFileAtomic(golden, `${JSON.stringify(page, null, 2)}\n`);
    expect(JSON.parse(JSON.stringify(page))).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });

  it('extract without crashes, one usable pair on four pages', () => {
    expect(summary).toMatchObject({ pages: 5, crashes: 0, pairs: 5, graphPairs: 4, contracts: 4 });
  });
});

describe('seed quirks are named diagnostics', () => {
  it('an unresolved `** Collection URI ... not found` URL is an error, and the page says why it has no contract', () => {
    const page = pageNamed('directoryobjectpartnerreference-post');
    expect(codesAt(page)).toEqual(expect.arrayContaining(['url_unresolved@29', 'url_unresolved@67', 'page_no_contract@1']));
    expect(page.pairs).toHaveLength(1);
    expect(page.pairs[0]!.request.usable).toBe(false);
    expect(page.diagnostics.find((d) => d.code === 'page_no_contract')!.message).toContain('line 67');
  });

  it('a `localtest` version segment is reported and the page version used', () => {
    const page = pageNamed('devicemanagementpartner-post');
    expect(codesAt(page)).toContain('url_version_unknown@72');
    expect(page.pairs[0]!.request).toMatchObject({ version: 'v1.0', path: '/deviceManagement/deviceManagementPartners' });
  });

  it('an `Enumeration` type column becomes an enum with its members, and "String" given for it is a mismatch', () => {
    const page = pageNamed('devicemanagementpartner-post');
    expect(page.requestBody.find((p) => p.name === 'partnerAppType')!.type).toEqual({
      kind: 'enum',
      name: null,
      members: ['unknown', 'singleTenantApp', 'multiTenantApp'],
    });
    expect(codesAt(page)).toEqual(expect.arrayContaining(['example_type_mismatch@79', 'example_type_mismatch@80']));
  });

  it('"Boolean" given for a Boolean property is a mismatch', () => {
    const page = pageNamed('crosstenantaccesspolicyconfigurationpartner-post');
    const mismatch = page.diagnostics.find((d) => d.code === 'example_type_mismatch')!;
    expect(mismatch.source.line).toBe(94);
    expect(mismatch.message).toBe('`isServiceProvider` is documented as Edm.Boolean but the example gives "Boolean", a placeholder string.');
  });

  it('type-name placeholders such as "String (timestamp)" are found', () => {
    const page = pageNamed('delegatedadminrelationship-post');
    expect(codesAt(page)).toEqual(expect.arrayContaining(['placeholder_value@75', 'placeholder_value@113', 'placeholder_value@116']));
  });

  it('**TODO** cells, paragraphs and front matter are reported where they stand', () => {
    expect(codesAt(pageNamed('crosstenantidentitysyncpolicypartner-post'))).toEqual(
      expect.arrayContaining(['doc_todo@22', 'doc_todo@23', 'doc_todo@24', 'doc_todo@47', 'doc_todo@51', 'doc_todo@53']),
    );
    expect(codesAt(pageNamed('crosstenantaccesspolicyconfigurationpartner-post'))).toEqual(expect.arrayContaining(['doc_todo@4', 'doc_todo@6']));
  });

  it('TODO permissions are unknown, not "not supported"', () => {
    const page = pageNamed('devicemanagementpartner-post');
    expect(page.permissions.map((p) => [p.type, p.supported])).toEqual([
      ['delegatedWork', null],
      ['delegatedPersonal', false],
      ['application', null],
    ]);
    expect(pageNamed('delegatedadminrelationship-post').permissions[0]).toMatchObject({
      type: 'delegatedWork',
      supported: true,
      scopes: ['DelegatedAdminRelationship.ReadWrite.All'],
    });
  });

  it('types linked to resource pages that are absent are reported once per link', () => {
    const page = pageNamed('crosstenantaccesspolicyconfigurationpartner-post');
    expect(page.diagnostics.filter((d) => d.code === 'type_unresolved').map((d) => d.source.line)).toEqual([49, 50]);
  });
});
