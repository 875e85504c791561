/** What the live target replays with --allow-writes: only writes the run can undo. */
import type { PactInteraction } from '../../src/conformance/check';
import { StaticTokenProvider } from '../../src/consumer/token-provider';
import { interactionComments } from '../../src/contract/pact-comments';
import { silentLogger } from '../../src/internal/log';
import { liveTarget } from '../../src/live/target';
import type { LoadedPact } from '../../src/provider/load-pacts';
import { fakeJwt } from './stand-ins';

/** As pacts of the previous version carry permissions: text lines only. */
const PERMS = ['Documented at x.md:1:1', 'Permissions (application): Thing.ReadWrite.All'];

function interaction(method: string, path: string, status: number, extra: Partial<PactInteraction> = {}): PactInteraction {
  return { description: `${method} ${path}`, request: { method, path }, response: { status }, comments: { text: PERMS }, ...extra };
}

const withState = (method: string, collection: string, status: number, param = 'id'): PactInteraction =>
  interaction(method, `${collection}/x-1`, status, {
    providerStates: [{ name: `a thing exists`, params: { [param]: 'x-1' } }],
    request: { method, path: `${collection}/x-1`, generators: { path: { type: 'ProviderState', expression: `${collection}/\${${param}}` } } },
  });

const create = (collection: string): PactInteraction => interaction('POST', collection, 201, { request: { method: 'POST', path: collection, body: { content: { name: 'n' } } } });

async function reasons(interactions: PactInteraction[], allowWrites = true, token = fakeJwt({ roles: ['Thing.ReadWrite.All'] })): Promise<(string | null)[]> {
  const target = liveTarget({ config: { baseUrl: 'http://127.0.0.1:9', auth: { kind: 'token', accessToken: token } }, allowWrites, logger: silentLogger, tokenProvider: new StaticTokenProvider(token) });
  const pact: LoadedPact = { source: 'p.json', file: 'p.json', consumer: 'app', provider: 'graph', interactions };
  await target.prepare!([pact]);
  return interactions.map((i) => target.skipReason!(pact, i));
}

describe('live target: which writes --allow-writes replays', () => {
  it('replays creates and changes to objects its provider states create', async () => {
    expect(await reasons([create('/v1.0/things'), withState('GET', '/v1.0/things', 200), withState('PATCH', '/v1.0/things', 204), withState('DELETE', '/v1.0/things', 204)])).toEqual([null, null, null, null]);
  });

  it('skips actions and changes to objects the run does not create', async () => {
    const [action, singleton, policy] = await reasons([interaction('POST', '/v1.0/me/sendMail', 202), interaction('PATCH', '/v1.0/me', 204), interaction('PUT', '/v1.0/policies/x', 200)]);
    expect(action).toBe('it is an action (POST answering 202), whose effect the run could not undo');
    expect(singleton).toBe('it changes an object the run does not create (PATCH /v1.0/me), which the run could not undo');
    expect(policy).toContain('(PUT /v1.0/policies/x)');
  });

  it('skips an action on a state-created object too (POST not answering 201)', async () => {
    expect((await reasons([create('/v1.0/things'), withState('POST', '/v1.0/things', 204)]))[1]).toBe('it is an action (POST answering 204), whose effect the run could not undo');
  });

  it('skips a state that cannot be made, and one that two collections would share', async () => {
    const [noCreate] = await reasons([withState('GET', '/v1.0/others', 200)]);
    expect(noCreate).toBe('it needs a thing to exist, and the docs give no create request (POST /v1.0/others answering 201) to make one');
    const [, , second] = await reasons([create('/v1.0/things'), withState('GET', '/v1.0/things', 200), { ...withState('GET', '/beta/things', 200), description: 'beta' }, create('/beta/things')]);
    expect(second).toBe('its provider state "a thing exists" is also used, with the same example value, for /v1.0/things; the two cannot be told apart');
  });

  it('refuses an expired ready token before anything is sent', async () => {
    const expired = fakeJwt({ roles: ['Thing.ReadWrite.All'], exp: Math.floor(Date.now() / 1000) - 60 });
    await expect(reasons([create('/v1.0/things')], true, expired)).rejects.toThrow(/GRAPH_ACCESS_TOKEN expired at/);
  });

  it('an app token granted nothing (no roles claim) skips what needs a permission', async () => {
    const [r] = await reasons([withState('GET', '/v1.0/things', 200)], true, fakeJwt({ appid: 'a' }));
    expect(r).toBe('the token has none of the application permissions the docs require (Thing.ReadWrite.All); it has none');
  });

  it('reads the permissions from the structured comments this version writes (the text lines aside)', async () => {
    const { text: _text, ...data } = interactionComments({ key: 'x.md#get', source: { file: 'x.md', line: 1, column: 1 }, example: 'get', permissions: { delegated: null, application: { supported: true, scopes: ['Mail.Read'] } } });
    const [r] = await reasons([interaction('GET', '/v1.0/me/messages', 200, { comments: data })]);
    expect(r).toBe('the token has none of the application permissions the docs require (Mail.Read); it has Thing.ReadWrite.All');
  });
});
