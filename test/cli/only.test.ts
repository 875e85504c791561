/** `--only <patterns...>` on generate, verify and run; a pattern that selects nothing is exit 2 with nothing written. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers';
import { runInProcess as run } from '../support/run-cli';

const DOCS = join(REPO_ROOT, 'examples', 'graph-sdk-app', 'graph-docs');

interface Pact {
  interactions: { description: string; comments: { testname: string } }[];
}
const testnames = (dir: string): string[] =>
  readdirSync(dir)
    .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Pact).interactions.map((i) => i.comments.testname.replace(/^.*graph-docs\//, '')))
    .sort();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graph-contracts-only-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QUIET = ['--show', 'none', '--no-progress'];

describe('--only', () => {
  it('generate writes only the selected examples (operation, page#example and example-name patterns)', async () => {
    const pacts = join(dir, 'generate');
    const { code, out } = await run('generate', DOCS, ...QUIET, '--pacts', pacts, '--only', 'GET /me', 'user-post-events.md#create_event_recurring', 'get_events');
    expect(code).toBe(0);
    expect(out).toMatch(/3 examples: 3 interactions, 3 passed and written/);
    expect(testnames(pacts)).toEqual(['api/user-get.md#get_user', 'api/user-list-events.md#get_events', 'api/user-post-events.md#create_event_recurring']);
  });

  it('generate: a pattern that selects nothing is exit 2, names the pattern, and writes nothing', async () => {
    const pacts = join(dir, 'generate-none');
    const { code, err } = await run('generate', DOCS, ...QUIET, '--pacts', pacts, '--only', 'GET /me', 'DELETE /me/events/{id}');
    expect(code).toBe(2);
    expect(err).toContain('"DELETE /me/events/{id}" selects nothing in the docs');
    expect(existsSync(pacts)).toBe(false);
  });

  it('a malformed pattern is a usage error before any work', async () => {
    const { code, err } = await run('generate', DOCS, ...QUIET, '--pacts', join(dir, 'bad'), '--only', 'GET me');
    expect(code).toBe(2);
    expect(err).toMatch(/starts with `\/`/);
  });

  it('verify replays only the selected interactions; a pattern that selects nothing is exit 2 with no report', async () => {
    const pacts = join(dir, 'all');
    expect((await run('generate', DOCS, ...QUIET, '--pacts', pacts)).code).toBe(0);
    expect(testnames(pacts)).toHaveLength(8);
    const out = join(dir, 'reports');
    const verified = await run('verify', pacts, '--docs', DOCS, '--report', 'json', '--out', out, '--only', 'GET /users/{id}', 'create_event_from_user');
    expect(verified.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as { pacts: { interactions: unknown[] }[] };
    expect(report.pacts.reduce((n, p) => n + p.interactions.length, 0)).toBe(3);

    const none = join(dir, 'reports-none');
    const unmatched = await run('verify', pacts, '--docs', DOCS, '--report', 'json', '--out', none, '--only', 'PATCH /me');
    expect(unmatched.code).toBe(2);
    expect(unmatched.err).toContain('"PATCH /me" selects nothing in the pacts');
    expect(existsSync(none)).toBe(false);
  });

  it('verify --only with --publish is refused (a partial result would be published as the whole pact\'s)', async () => {
    const { code, err } = await run('verify', join(dir, 'all'), '--docs', DOCS, '--publish', '--only', 'GET /me');
    expect(code).toBe(2);
    expect(err).toContain('--publish cannot be used with --only');
  });

  it('run generates and verifies only the selected operations, and exits 2 on a pattern that selects nothing', async () => {
    const pacts = join(dir, 'run-pacts');
    const out = join(dir, 'run-reports');
    const { code } = await run('run', DOCS, ...QUIET, '--pacts', pacts, '--out', out, '--only', 'GET /users/{id}');
    expect(code).toBe(0);
    expect(testnames(pacts)).toEqual(['api/user-get.md#get_user_1', 'api/user-get.md#get_user_2']);
    const report = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8')) as { pacts: { interactions: unknown[] }[] };
    expect(report.pacts.reduce((n, p) => n + p.interactions.length, 0)).toBe(2);
    const failed = await run('run', DOCS, ...QUIET, '--pacts', join(dir, 'run-none'), '--out', join(dir, 'run-none-reports'), '--only', 'GET /groups');
    expect(failed.code).toBe(2);
    expect(existsSync(join(dir, 'run-none'))).toBe(false);
  });

  it('--help of generate, verify and run shows --only', async () => {
    for (const command of ['generate', 'verify', 'run']) expect((await run(command, '--help')).out).toContain('--only <patterns...>');
  });
});
