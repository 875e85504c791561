/**
 * Every diagnostic names its page by the path shown here: relative to the working directory, or
 * absolute when the page is far outside it. Display paths are worked out once per folder, so
 * pages in the same folder, in nested folders and outside the working directory are all checked.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../../src/docs/extract';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graph-contracts-paths-'));
  for (const folder of ['docs/api', 'docs/resources', 'a/b/c/d/e/f/g', 'cwd/here']) mkdirSync(join(dir, folder), { recursive: true });
  for (const file of ['docs/api/one.md', 'docs/api/two.md', 'docs/resources/three.md', 'a/b/c/d/e/f/g/deep.md', 'cwd/here/near.md', 'top.md']) {
    writeFileSync(join(dir, file), '---\ntitle: x\n---\n# x\n');
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const filesOf = (paths: string[], cwd: string): string[] => extract(paths, { cwd, followLinks: false }).model.pages.map((p) => p.file);

test('pages under the working directory are shown relative to it, with forward slashes', () => {
  expect(filesOf(['docs'], dir)).toEqual(['docs/api/one.md', 'docs/api/two.md', 'docs/resources/three.md']);
  expect(filesOf([join(dir, 'top.md')], dir)).toEqual(['top.md']);
});

test('pages a few folders up are shown with ../, pages far away by their absolute path', () => {
  const cwd = join(dir, 'cwd', 'here');
  expect(filesOf([join(dir, 'top.md'), join(dir, 'docs', 'api', 'one.md'), join(cwd, 'near.md')], cwd)).toEqual([
    '../../top.md',
    '../../docs/api/one.md',
    'near.md',
  ]);
  const deepCwd = join(dir, 'a', 'b', 'c', 'd', 'e', 'f', 'g');
  expect(filesOf([join(dir, 'top.md')], deepCwd)).toEqual([join(dir, 'top.md').split('\\').join('/')]);
  expect(filesOf([join(dir, 'docs', 'api', 'one.md')], deepCwd)).toEqual([join(dir, 'docs', 'api', 'one.md').split('\\').join('/')]);
});

test('the same folder seen from two working directories is shown relative to each', () => {
  expect(filesOf([join(dir, 'docs', 'api', 'one.md')], dir)).toEqual(['docs/api/one.md']);
  expect(filesOf([join(dir, 'docs', 'api', 'one.md')], join(dir, 'docs'))).toEqual(['api/one.md']);
});
