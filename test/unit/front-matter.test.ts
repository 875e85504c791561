/**
 * Front matter: the simple-line path takes only `key: value` lines whose YAML meaning is that
 * string, and hands everything else to js-yaml; either way the result is js-yaml's.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readSimpleFrontMatter, splitFrontMatter } from '../../src/docs/front-matter';
import { frontMatterWithJsYaml } from '../support/js-yaml-front-matter';

const page = (yaml: string): string => `---\n${yaml}---\n# Title\n`;

test.each([
  ['title: "Get user"\ndescription: Retrieve the properties of a user.\nauthor: "x"\ndoc_type: apiPageType\n', { title: 'Get user', description: 'Retrieve the properties of a user.', author: 'x', doc_type: 'apiPageType' }],
  ["title: 'single quoted'\n\nms.prod: microsoft-identity-platform\n", { title: 'single quoted', 'ms.prod': 'microsoft-identity-platform' }],
  ["description: Reset a printer's \"default\" settings   \n", { description: 'Reset a printer\'s "default" settings' }],
  ['title: "ünïcode, [brackets] & more: fine inside quotes"\n', { title: 'ünïcode, [brackets] & more: fine inside quotes' }],
])('simple front matter %# is read without js-yaml, as js-yaml reads it', (yaml, expected) => {
  expect(readSimpleFrontMatter(yaml)).toEqual(expected);
  expect(frontMatterWithJsYaml(yaml).data).toEqual(expected);
});

test.each([
  ['a boolean', 'isPreview: true\n'],
  ['a capitalised null', 'author: Null\n'],
  ['a date', 'ms.date: 09/10/2017\n'],
  ['a number', 'version: 1.0\n'],
  ['a list', 'tags:\n  - a\n  - b\n'],
  ['a continuation line', 'description: first part\n  second part\n'],
  ['a colon in a plain scalar', 'title: Get user: details\n'],
  ['a comment', 'title: x # note\n'],
  ['an escape in double quotes', 'title: "a\\tb"\n'],
  ["an escaped quote in single quotes", "title: 'it''s'\n"],
  ['a repeated key', 'title: a\ntitle: b\n'],
  ['a __proto__ key', '__proto__: x\n'],
  ['a tab', 'title:\tx\n'],
  ['a control character', 'title: a\u0001b\n'],
  ['an indented key', '  title: x\n'],
  ['no key at all', '\n\n'],
  ['an anchor', 'title: &a x\n'],
  ['a key YAML reads as a boolean', 'True: x\n'],
  ['keys YAML reads as the same null', 'NULL: x\nnull: y\n'],
  ['a carriage return', 'title: Foo\r\ndescription: "b\rc"\n'],
  ['a lone carriage return in a plain value', 'a: b\rc\n'],
])('%s goes to js-yaml, and the result is js-yaml\'s', (_name, yaml) => {
  expect(readSimpleFrontMatter(yaml)).toBeNull();
  expect(splitFrontMatter(page(yaml)).frontMatter).toEqual(frontMatterWithJsYaml(yaml));
});

test('a long run of spaces before a comment does not hang the pattern (no backtracking)', () => {
  // A hang check like the bad-input tests, not a benchmark: a child process matches a line of
  // 300,000 spaces, which takes milliseconds when the pattern is linear and about a minute when it
  // backtracks (the pattern this replaced: 27.6 s for 200,000); it is stopped after 20 s.
  const script = `const { readSimpleFrontMatter } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'docs', 'front-matter.js'))});
    process.stdout.write(String(readSimpleFrontMatter('k: a' + ' '.repeat(300000) + '#\\n')));`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  expect(child.signal).toBeNull();
  expect(child.stdout).toBe('null');
  const yaml = `k: a${' '.repeat(50_000)}#\n`;
  expect(splitFrontMatter(page(yaml)).frontMatter).toEqual(frontMatterWithJsYaml(yaml));
});
