/**
 * `graph-contracts lint`: SARIF valid against the SARIF 2.1.0 schema (vendored in
 * test/fixtures/sarif with its licence), GitHub annotations in the runner's format, and the
 * changed-files selection on a temporary git repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { load } from 'js-yaml';
import { buildProgram } from '../../src/cli/main';
import { runLint, type LintCommandOptions } from '../../src/cli/commands/lint';
import { DIAGNOSTIC_CATALOG, type Diagnostic } from '../../src/contract/diagnostics';
import { escapeData, escapeProperty, formatAnnotations } from '../../src/lint/annotations';
import { repositoryRoot } from '../../src/lint/changed';
import { toSarif } from '../../src/lint/sarif';
import { CORPUS_DIR, describeWithCorpus, REPO_ROOT } from '../helpers';

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const schemaErrors = (log: unknown): string[] => (validate(log) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`));

const DEFAULTS: LintCommandOptions = { maxAnnotations: 10, show: 'warning', limit: 50, failOn: 'error', maxPageBytes: 5 * 1024 * 1024, followLinks: true, progress: false };

function lint(paths: string[], options: Partial<LintCommandOptions> = {}, env: NodeJS.ProcessEnv = {}, cwd = REPO_ROOT): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runLint(paths, { ...DEFAULTS, ...options }, { out: (t) => (out += t), err: (t) => (err += t) }, env, cwd);
  return { code, out, err };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graph-contracts-lint-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lint --sarif', () => {
  it('the validator rejects a log that breaks the schema (so that passing means something)', () => {
    expect(schemaErrors({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).not.toEqual([]);
    expect(schemaErrors({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).not.toEqual([]);
    expect(schemaErrors({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] })).not.toEqual([]);
  });

  it('on the bundled contracts: valid SARIF 2.1.0, rules from the catalog, paths relative to the repository root', () => {
    const file = join(dir, 'contracts.sarif');
    // Run from a subfolder: the paths still come out relative to the repository root.
    const { code, out } = lint(['../contracts'], { sarif: file }, {}, join(REPO_ROOT, 'test'));
    expect(code).toBe(1); // two url_unresolved errors, --fail-on error by default
    expect(out).toMatch(/Wrote 55 result\(s\) as SARIF/);
    const log = JSON.parse(readFileSync(file, 'utf8')) as Sarif.Log;
    expect(schemaErrors(log)).toEqual([]);
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(Object.keys(DIAGNOSTIC_CATALOG));
    const unresolved = rules.find((r) => r.id === 'url_unresolved')!;
    expect(unresolved.shortDescription!.text).toBe(DIAGNOSTIC_CATALOG.url_unresolved.title);
    expect(unresolved.help!.text).toBe(DIAGNOSTIC_CATALOG.url_unresolved.hint);
    expect(unresolved.defaultConfiguration!.level).toBe('error');
    expect(rules.find((r) => r.id === 'json_repaired')!.defaultConfiguration!.level).toBe('note');
    const results = run.results!;
    expect(results).toHaveLength(55);
    for (const result of results) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    const error = results.find((r) => r.ruleId === 'url_unresolved' && r.locations![0]!.physicalLocation!.region!.startLine === 67)!;
    expect(error.level).toBe('error');
    const location = error.locations![0]!.physicalLocation!;
    expect(location.artifactLocation!.uri).toBe('contracts/api/directoryobjectpartnerreference-post.md');
    expect(run.artifacts![location.artifactLocation!.index!]!.location!.uri).toBe(location.artifactLocation!.uri);
    expect(location.region).toEqual({ startLine: 67, startColumn: 1 });
    expect(run.invocations![0]!.executionSuccessful).toBe(true);
  });

  it('encodes paths as URI references (spaces, #) and keeps pages outside the repository as file: URIs', () => {
    const d: Diagnostic = { code: 'doc_todo', severity: 'warning', message: 'm', hint: 'h', source: { file: 'docs/my page #1.md', line: 3, column: 2 } };
    const log = toSarif([d, { ...d, source: { ...d.source, file: '/elsewhere/x.md' } }], { cwd: '/repo', rootDir: '/repo', toolVersion: '1.0.0', executionSuccessful: true });
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri)).toEqual(['docs/my%20page%20%231.md', 'file:///elsewhere/x.md']);
  });

  it('a path that does not exist is exit 2, and nothing is written', () => {
    const file = join(dir, 'never.sarif');
    const { code, err } = lint(['contracts', 'no-such-folder'], { sarif: file });
    expect(code).toBe(2);
    expect(err).toContain('`no-such-folder` does not exist');
    expect(() => readFileSync(file)).toThrow();
  });

  it('--fail-on works as extract has it', () => {
    const page = 'contracts/api/delegatedadminrelationship-post.md';
    expect(lint([page], { failOn: 'error' }).code).toBe(0);
    expect(lint([page], { failOn: 'info' }).code).toBe(1);
    expect(lint([page], { failOn: 'none' }).code).toBe(0);
    expect(lint(['contracts'], { failOn: 'none' }).code).toBe(0);
    expect(lint(['contracts'], { failOn: 'error' }).code).toBe(1);
  });
});

describeWithCorpus('lint --sarif on the corpus', () => {
  it('is valid SARIF 2.1.0 with one result per diagnostic', () => {
    const file = join(dir, 'corpus.sarif');
    // From the folder that holds the corpus: outside git, paths are relative to the working directory.
    const { out } = lint(['graph-docs-v1.0'], { sarif: file, show: 'none', failOn: 'none' }, {}, dirname(CORPUS_DIR));
    const count = Number(/Wrote (\d+) result/.exec(out)![1]);
    const log = JSON.parse(readFileSync(file, 'utf8')) as Sarif.Log;
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results).toHaveLength(count);
    expect(count).toBeGreaterThan(1000);
    const root = repositoryRoot(dirname(CORPUS_DIR)) ?? dirname(CORPUS_DIR);
    const prefix = relative(root, CORPUS_DIR).split(sep).join('/');
    for (const result of log.runs[0]!.results!) expect(result.locations![0]!.physicalLocation!.artifactLocation!.uri!.startsWith(`${prefix}/`)).toBe(true);
  });
});

describe('lint annotations', () => {
  const at = (file: string, line: number, severity: Diagnostic['severity'] = 'warning', message = 'msg'): Diagnostic => ({ code: 'doc_todo', severity, message, hint: 'Fix it.', source: { file, line, column: 1 } });

  it('escapes data and properties as the Actions runner does', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('one workflow command per diagnostic: ::error/::warning/::notice file=,line=,col=,title=::message hint', () => {
    const lines = formatAnnotations([at('docs/a,b.md', 4, 'error', 'Bad: 50%\nreally'), at('docs/a,b.md', 9, 'info')], { perFile: 10, path: (f) => f });
    expect(lines).toEqual([
      '::error file=docs/a%2Cb.md,line=4,col=1,title=doc_todo (error)::Bad: 50%25%0Areally Fix it.',
      '::notice file=docs/a%2Cb.md,line=9,col=1,title=doc_todo (info)::msg Fix it.',
    ]);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::[^\n]+$/);
  });

  it('at most N per file, the most severe first, then one notice counting the rest', () => {
    const list = [at('a.md', 1, 'info'), at('a.md', 2), at('a.md', 3, 'error'), at('a.md', 4), at('a.md', 5, 'info'), at('b.md', 1)];
    const lines = formatAnnotations(list, { perFile: 2, path: (f) => `docs/${f}` });
    expect(lines).toEqual([
      '::error file=docs/a.md,line=3,col=1,title=doc_todo (error)::msg Fix it.',
      '::warning file=docs/a.md,line=2,col=1,title=doc_todo (warning)::msg Fix it.',
      expect.stringMatching(/^::notice file=docs\/a\.md,title=more findings::3 more finding\(s\) in this file \(1 warning, 2 info\) are not annotated/),
      '::warning file=docs/b.md,line=1,col=1,title=doc_todo (warning)::msg Fix it.',
    ]);
  });

  it('are printed when GITHUB_ACTIONS=true or --annotations, with paths relative to the repository root', () => {
    const plain = lint(['contracts'], {}, {});
    expect(plain.out).not.toContain('::');
    const actions = lint(['../contracts'], {}, { GITHUB_ACTIONS: 'true' }, join(REPO_ROOT, 'test'));
    expect(actions.out).toContain('::error file=contracts/api/directoryobjectpartnerreference-post.md,line=67,col=1,title=url_unresolved (error)::');
    expect(actions.out).not.toMatch(/^contracts\/api\/.*:\d+:\d+ /m);
    const flag = lint(['contracts'], { annotations: true, maxAnnotations: 1 }, {});
    expect(flag.out.split('\n').filter((l) => l.startsWith('::warning') || l.startsWith('::error'))).toHaveLength(4);
    expect(lint(['contracts'], { annotations: false }, { GITHUB_ACTIONS: 'true' }).out).not.toContain('::');
  });
});

describe('lint --changed-since', () => {
  let repo: string;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' } });
  const apiPage = (title: string, resource: string | null): string =>
    [
      '---',
      `title: "${title}"`,
      'doc_type: apiPageType',
      '---',
      `# ${title}`,
      '',
      '## Request body',
      '',
      '| Property | Type | Description |',
      '|:---|:---|:---|',
      resource ? `| owner | [widgetOwner](../resources/${resource}) | The owner. |` : '| name | String | The name. |',
      '',
      '**TODO: write this page.**',
      '',
    ].join('\n');
  const resourcePage = (note: string): string => ['---', 'title: "widgetOwner resource type"', 'doc_type: resourcePageType', '---', '# widgetOwner resource type', '', note, '', '## Properties', '', '| Property | Type | Description |', '|:---|:---|:---|', '| id | String | The id. |', ''].join('\n');

  beforeAll(() => {
    repo = join(dir, 'docs-repo');
    mkdirSync(join(repo, 'v1.0', 'api'), { recursive: true });
    mkdirSync(join(repo, 'v1.0', 'resources'), { recursive: true });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'v1.0', 'api', 'widget-create.md'), apiPage('Create widget', 'widgetowner.md'));
    writeFileSync(join(repo, 'v1.0', 'api', 'widget-get.md'), apiPage('Get widget', null));
    // Mentions the resource page's name in prose, not in a table: not a linking page.
    writeFileSync(join(repo, 'v1.0', 'api', 'widget-list.md'), `${apiPage('List widgets', null)}\nSee widgetowner.md for owners.\n`);
    writeFileSync(join(repo, 'v1.0', 'resources', 'widgetowner.md'), resourcePage('Owners.'));
    writeFileSync(join(repo, 'v1.0', 'resources', 'gadget.md'), resourcePage('Gadgets.'));
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    // The pull request: the resource page changes (committed), a new page arrives (untracked).
    writeFileSync(join(repo, 'v1.0', 'resources', 'widgetowner.md'), resourcePage('Owners. **TODO: explain.**'));
    git('commit', '-q', '-am', 'change the resource page');
    writeFileSync(join(repo, 'v1.0', 'api', 'widget-delete.md'), apiPage('Delete widget', null));
  });

  it('lints the pages changed since the ref and those whose tables link to a changed page, nothing else', () => {
    const file = join(repo, 'out.sarif');
    const { code, out } = lint(['v1.0'], { changedSince: 'main', sarif: file, failOn: 'none' }, {}, repo);
    expect(code).toBe(0);
    expect(out).toContain('3 page(s) (2 changed since main, 1 linking to a changed page)');
    const uris = new Set(((JSON.parse(readFileSync(file, 'utf8')) as Sarif.Log).runs[0]!.results ?? []).map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri));
    expect([...uris].sort()).toEqual(['v1.0/api/widget-create.md', 'v1.0/api/widget-delete.md', 'v1.0/resources/widgetowner.md']);
  });

  it('without changes since the ref, nothing is linted', () => {
    const { code, out } = lint(['v1.0'], { changedSince: 'HEAD~0', failOn: 'info' }, {}, repo);
    // HEAD itself: only the untracked page is new.
    expect(out).toContain('1 page(s) (1 changed since HEAD~0, 0 linking to a changed page)');
    expect(code).toBe(1);
  });

  it('paths in a subfolder of the repository stay relative to its root', () => {
    const { out } = lint(['api'], { changedSince: 'main', annotations: true, show: 'warning' }, {}, join(repo, 'v1.0'));
    expect(out).toMatch(/^::warning file=v1\.0\/api\/widget-delete\.md,line=\d+/m);
    expect(out).not.toContain('widget-get.md');
  });

  it('an unknown ref, or a folder outside git, is exit 2 with a message', () => {
    const unknown = lint(['v1.0'], { changedSince: 'no-such-branch' }, {}, repo);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/"no-such-branch" is not a commit in this repository.* \[changed_files_failed\]\n$/);
    const outside = mkdtempSync(join(tmpdir(), 'graph-contracts-nogit-'));
    try {
      writeFileSync(join(outside, 'page.md'), apiPage('x', null));
      const noGit = lint(['.'], { changedSince: 'main' }, {}, outside);
      expect(noGit.code).toBe(2);
      expect(noGit.err).toMatch(/needs a git work tree/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('examples/docs-lint.yml (the workflow example for a docs repository)', () => {
  interface Step { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }
  const workflow = load(readFileSync(join(REPO_ROOT, 'examples', 'docs-lint.yml'), 'utf8')) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const lintStep = steps.find((s) => s.run?.includes('graph-contracts.js lint'))!;
  const args = lintStep.run!.replace(/\$\{\{[^}]*\}\}/g, 'EXPR').trim().split(/\s+/);

  it('runs lint on pull requests with options the lint command has, fetching the history --changed-since needs', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const lintCommand = buildProgram({ out: () => undefined, err: () => undefined }, () => undefined).commands.find((c) => c.name() === 'lint')!;
    const flags = args.filter((a) => a.startsWith('--'));
    expect(flags).toEqual(expect.arrayContaining(['--changed-since', '--sarif', '--fail-on']));
    for (const flag of flags) expect(`${flag}: ${lintCommand.options.some((o) => o.long === flag)}`).toBe(`${flag}: true`);
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@') && s.with?.['fetch-depth'] === 0)).toBeDefined();
  });

  it('uploads the SARIF file lint writes to code scanning, with the permission to do so', () => {
    const sarifFile = args[args.indexOf('--sarif') + 1];
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe(sarifFile);
    expect(upload.if).toContain('always()');
    expect(workflow.permissions['security-events']).toBe('write');
  });
});
