/**
 * Written output is ordered the same on every machine: the contract model's types (and the
 * summary's diagnostics, pact files by provider, verified queries) are sorted by code units, not
 * with `localeCompare`, whose order follows LANG/LC_ALL.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byCodeUnits } from '../../src/internal/order';
import { REPO_ROOT } from '../helpers';

test('byCodeUnits orders by UTF-16 code units', () => {
  expect(['zone', 'tuple', 'Zeta', 'a_b', 'a-b', 'é', 'e'].sort(byCodeUnits)).toEqual(['Zeta', 'a-b', 'a_b', 'e', 'tuple', 'zone', 'é']);
  expect(byCodeUnits('same', 'same')).toBe(0);
});

/** A resource page documenting `microsoft.graph.<name>`. */
function resourcePage(name: string): string {
  return [
    '---',
    `title: "${name} resource type"`,
    `description: "A ${name}."`,
    'doc_type: resourcePageType',
    '---',
    '',
    `# ${name} resource type`,
    '',
    'Namespace: microsoft.graph',
    '',
    '## Properties',
    '',
    '| Property | Type | Description |',
    '|:---|:---|:---|',
    '| id | String | The identifier. Read-only. |',
    '',
  ].join('\n');
}

// Estonian sorts z between s and t; if this Node.js has no Estonian collation data, the CLI test
// below could not tell the two orders apart.
const estonianDiffers = new Intl.Collator('et').compare('zone', 'tuple') < 0;
const withEstonian = estonianDiffers ? test : test.skip;

withEstonian('the CLI writes the same model under LC_ALL=et_EE.UTF-8 as under LC_ALL=C (skipped when this Node.js lacks Estonian collation)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'locale-'));
  try {
    writeFileSync(join(folder, 'tuple.md'), resourcePage('tuple'));
    writeFileSync(join(folder, 'zone.md'), resourcePage('zone'));
    const model = (locale: string): string => {
      const file = join(folder, `model-${locale}.json`);
      const run = spawnSync(process.execPath, ['bin/graph-contracts.js', 'extract', folder, '--show', 'none', '--no-progress', '--json', file], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: locale, LANG: locale },
      });
      expect(run.status).toBe(0);
      return readFileSync(file, 'utf8');
    };
    const c = model('C');
    expect(Object.keys((JSON.parse(c) as { types: object }).types)).toEqual(['microsoft.graph.tuple', 'microsoft.graph.zone']);
    expect(model('et_EE.UTF-8')).toBe(c);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
