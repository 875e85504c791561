/**
 * The library API for consumer tests (src/library): loading, selection by each kind of pattern,
 * typed errors, matchers of a documented type, and addTo() on a real PactV4 builder with the
 * test's own HTTP call inside executeTest, then the doc sources written as pact comments.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import axios from 'axios';
import {
  AmbiguousSelectionError,
  ContractLoadError,
  extract,
  loadContracts,
  NotAnInteractionError,
  PatternError,
  SelectionError,
  UndocumentedPropertyError,
  UnknownTypeError,
  type GraphContracts,
} from '../../src';
import { readDocumentedOrigin } from '../../src/contract/pact-comments';
import { REPO_ROOT } from '../helpers';

const APP_DOCS = join(REPO_ROOT, 'examples', 'graph-sdk-app', 'graph-docs');

let dir: string;
let contracts: GraphContracts;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graph-contracts-api-'));
  contracts = loadContracts(APP_DOCS);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keys = (examples: { key: string }[]): string[] => examples.map((e) => e.key.replace(/^.*graph-docs\//, ''));

describe('loadContracts', () => {
  it('loads docs folders, and the same contracts from a model saved by extract --json', () => {
    const file = join(dir, 'model.json');
    writeFileSync(file, JSON.stringify(extract([APP_DOCS]).model));
    const fromModel = loadContracts({ model: file });
    expect(keys(fromModel.examples())).toEqual(keys(contracts.examples()));
    expect(contracts.examples()).toHaveLength(8);
    expect(loadContracts(file).examples()).toHaveLength(8);
  });

  it('throws ContractLoadError for a missing docs path, a file that is not JSON and JSON that is not a model', () => {
    expect(() => loadContracts(join(dir, 'no-such-docs'))).toThrow(ContractLoadError);
    expect(() => loadContracts(join(dir, 'no-such-docs'))).toThrow(/does not exist/);
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    expect(() => loadContracts({ model: join(dir, 'broken.json') })).toThrow(/is not JSON/);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ pacts: [] }));
    expect(() => loadContracts({ model: join(dir, 'other.json') })).toThrow(/is not a contract model/);
    expect(() => loadContracts({ model: join(dir, 'absent.json') })).toThrow(ContractLoadError);
  });
});

describe('selection', () => {
  it('selects by METHOD /path/{template}, with placeholders, globs and versions', () => {
    expect(keys(contracts.select('GET /me'))).toEqual(['api/user-get.md#get_user']);
    // `{id}` stands for the documented `{id | userPrincipalName}`; the method is case-insensitive.
    expect(keys(contracts.select('get /users/{id}'))).toEqual(['api/user-get.md#get_user_1', 'api/user-get.md#get_user_2']);
    expect(contracts.select('POST /me/events')).toHaveLength(4);
    expect(contracts.select('* /me/**')).toHaveLength(6);
    expect(contracts.select('GET /v1.0/me/events?$select=subject')).toHaveLength(1);
    expect(() => contracts.select('GET /beta/me')).toThrow(SelectionError);
  });

  it('selects by page glob, by example name glob and by page#example', () => {
    expect(contracts.select('user-get.md')).toHaveLength(3);
    expect(contracts.select('user-get')).toHaveLength(3);
    expect(contracts.select('api/user-*.md')).toHaveLength(8);
    expect(keys(contracts.select('get_events'))).toEqual(['api/user-list-events.md#get_events']);
    expect(contracts.select('create_event_*')).toHaveLength(4);
    expect(keys(contracts.select('user-post-events.md#create_event_recurring'))).toEqual(['api/user-post-events.md#create_event_recurring']);
  });

  it('throws SelectionError naming every pattern that selects nothing, PatternError for an unreadable one', () => {
    const error = (() => {
      try {
        contracts.select('GET /me', 'DELETE /me/calendar', 'no_such_example');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(SelectionError);
    expect((error as SelectionError).unmatched).toEqual(['DELETE /me/calendar', 'no_such_example']);
    expect(() => contracts.select('  ')).toThrow(PatternError);
    expect(() => contracts.select('GET me/events')).toThrow(PatternError);
  });

  it('interaction(pattern) wants exactly one example', () => {
    expect(contracts.interaction('GET /me').key).toMatch(/user-get\.md#get_user$/);
    expect(() => contracts.interaction('POST /me/events')).toThrow(AmbiguousSelectionError);
    expect(() => contracts.interaction('POST /me/events')).toThrow(/create_event_recurring/);
    expect(contracts.interactions('POST /me/events', 'GET /me').map((i) => i.source.example)).toEqual([
      'get_user',
      'create_event_from_user',
      'create_event_from_user_multiple_locations',
      'create_event_recurring',
      'create_event_from_user_with_online_meeting',
    ]);
  });

  it('a documented example that cannot become an interaction is a NotAnInteractionError with its reason', () => {
    const docs = join(dir, 'odd-docs', 'api');
    mkdirSync(docs, { recursive: true });
    writeFileSync(
      join(docs, 'photo-get.md'),
      [
        '---',
        'title: "Get photo"',
        'doc_type: apiPageType',
        '---',
        '# Get photo',
        '## Example',
        '<!-- {"blockType": "request", "name": "get_photo"} -->',
        '```http',
        'GET https://graph.microsoft.com/v1.0/me/photo/$value',
        '```',
        '<!-- {"blockType": "response"} -->',
        '```http',
        'HTTP/1.1 200 OK',
        'Content-Type: image/jpeg',
        '',
        'Binary data for the image',
        '```',
        '',
      ].join('\n'),
    );
    const odd = loadContracts(docs);
    expect(odd.select('get_photo')[0]!.notAnInteraction).toBe('the response body is binary');
    let error: unknown;
    try {
      odd.interaction('GET /me/photo/$value');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotAnInteractionError);
    expect(error).toMatchObject({ reason: 'the response body is binary', source: { line: 9 } });
    expect((error as Error).message).toContain('photo-get.md:9');
    expect(() => odd.interactions('get_photo')).toThrow(NotAnInteractionError);
  });
});

describe('matchersFor a documented type', () => {
  it('matches each field by its documented type, nested complex types and collections included', () => {
    const template = contracts.matchersFor('event', {
      subject: 'Standup',
      isAllDay: false,
      reminderMinutesBeforeStart: 15,
      start: { dateTime: '2024-05-01T09:00:00', timeZone: 'UTC' },
      attendees: [{ emailAddress: { address: 'adele@contoso.com', name: 'Adele' }, type: 'required' }],
      importance: 'high',
      createdDateTime: 'String (timestamp)',
    }) as Record<string, Record<string, unknown>>;
    expect(template['subject']).toMatchObject({ 'pact:matcher:type': 'type', value: 'Standup' });
    // pact-js matches a boolean by type; an Int32 by `integer`.
    expect(template['isAllDay']).toMatchObject({ 'pact:matcher:type': 'type', value: false });
    expect(template['reminderMinutesBeforeStart']).toMatchObject({ 'pact:matcher:type': 'integer' });
    expect(template['attendees']).toMatchObject({ 'pact:matcher:type': 'type', min: 1 });
    expect(String(template['importance']!['regex'])).toContain('low|normal|high');
    // A placeholder is replaced by an example of the documented type, matched by an ISO 8601 regex.
    expect(template['createdDateTime']).toMatchObject({ 'pact:matcher:type': 'regex' });
    expect(MatchersV3.reify(template)).toMatchObject({ subject: 'Standup', createdDateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
  });

  it('an array is a collection of the type; qualified and #-prefixed names work', () => {
    const template = contracts.matchersFor('#microsoft.graph.user', [{ displayName: 'Adele', accountEnabled: true }]);
    expect(template).toMatchObject({ 'pact:matcher:type': 'type', min: 1, value: [{ displayName: { 'pact:matcher:type': 'type', value: 'Adele' } }] });
    expect(() => contracts.matchersFor('user', [{ displayNam: 'Adele' }])).toThrow(/\$\[0\]\.displayNam is not documented for microsoft.graph.user/);
  });

  it('an unknown type is an UnknownTypeError with suggestions; an undocumented property an UndocumentedPropertyError', () => {
    expect(() => contracts.matchersFor('events', {})).toThrow(UnknownTypeError);
    expect(() => contracts.matchersFor('events', {})).toThrow(/did you mean "microsoft.graph.event"/);
    let error: unknown;
    try {
      contracts.matchersFor('event', { subject: 'x', subjct: 'y', start: { dateTime: 'x', timeZon: 'UTC' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UndocumentedPropertyError);
    expect((error as UndocumentedPropertyError).properties).toEqual(['$.subjct', '$.start.timeZon']);
    expect(() => contracts.matchersFor('event', { subjct: 'y' }, { allowUndocumented: true })).not.toThrow();
  });
});

describe('addTo the user\'s own PactV4 builder', () => {
  it('runs the user\'s code in executeTest and writes the documented interaction, with doc sources as comments', async () => {
    const pactDir = join(dir, 'pacts');
    const pact = new PactV4({ consumer: 'api-test-app', provider: 'graph', dir: pactDir, logLevel: 'error' });
    const getUser = contracts.interaction('get_user_1');
    // The state names the object and, for a provider that can set it up, what the example documents.
    expect(getUser.providerStates).toEqual([{ name: 'a user exists', params: { id: expect.any(String) }, documented: expect.objectContaining({ entitySet: '/v1.0/users' }) }]);
    const { id } = getUser.params;
    const got = await getUser.addTo(pact.addInteraction()).executeTest(async (mock) => {
      const response = await axios.get(`${mock.url}/v1.0/users/${id}`, { headers: { Authorization: 'Bearer any-token' } });
      return response.data as Record<string, unknown>;
    });
    expect(got).toMatchObject({ displayName: expect.any(String) });

    // The app's own body for a documented operation, matched by the documented type.
    const create = contracts.interaction('create_event_recurring');
    const body = { subject: 'Weekly sync', start: { dateTime: '2024-05-01T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2024-05-01T09:30:00', timeZone: 'UTC' } };
    await create
      .addTo(pact.addInteraction(), { requestBody: contracts.matchersFor('event', body) })
      .executeTest(async (mock) => {
        const response = await axios.post(`${mock.url}/v1.0/me/events`, { ...body, subject: 'Another subject' }, { headers: { Authorization: 'Bearer t' } });
        expect(response.status).toBe(201);
      });

    // Without the documented Authorization header the mock server refuses: the matchers are real.
    await expect(
      contracts
        .interaction('GET /me')
        .addTo(pact.addInteraction())
        .executeTest(async (mock) => {
          await axios.get(`${mock.url}/v1.0/me`).catch(() => undefined);
        }),
    ).rejects.toThrow();

    const file = join(pactDir, 'api-test-app-graph.json');
    expect(contracts.writeSourceComments(file)).toBe(2);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { interactions: { description: string; providerStates?: unknown[]; comments?: { testname: string; text: string[] }; request: { body?: { content: unknown } } }[] };
    const byTestname = new Map(written.interactions.map((i) => [i.comments?.testname.replace(/^.*graph-docs\//, ''), i]));
    expect([...byTestname.keys()].sort()).toEqual(['api/user-get.md#get_user_1', 'api/user-post-events.md#create_event_recurring']);
    const userInteraction = byTestname.get('api/user-get.md#get_user_1')!;
    expect(userInteraction.comments!.text[0]).toMatch(/^Documented at .*user-get\.md:\d+:\d+ \(example get_user_1\)$/);
    // The same origin as data, read back as verification reads it.
    const origin = readDocumentedOrigin(userInteraction.comments);
    expect(origin).toMatchObject({ key: userInteraction.comments!.testname, example: 'get_user_1', source: { file: expect.stringMatching(/user-get\.md$/), line: expect.any(Number) } });
    expect(userInteraction.comments).toHaveProperty(['graph-contracts', 'source'], origin.source);
    expect(userInteraction.providerStates).toEqual([{ name: 'a user exists', params: expect.objectContaining({ id, '@entitySet': '/v1.0/users' }) }]);
    expect(byTestname.get('api/user-post-events.md#create_event_recurring')!.request.body!.content).toEqual(body);
  });
});

describe('without jest', () => {
  it('the built package runs a documented interaction in a plain node process (no jest globals)', () => {
    const script = `
      const assert = require('node:assert');
      const http = require('node:http');
      const { PactV4 } = require('@pact-foundation/pact');
      const { loadContracts } = require(${JSON.stringify(join(REPO_ROOT, 'dist', 'index.js'))});
      assert.strictEqual(typeof globalThis.expect, 'undefined');
      const contracts = loadContracts(${JSON.stringify(APP_DOCS)});
      const pact = new PactV4({ consumer: 'plain', provider: 'graph', dir: ${JSON.stringify(join(dir, 'plain-pacts'))}, logLevel: 'error' });
      const get = (url) => new Promise((resolve, reject) => http.get(url, { headers: { Authorization: 'Bearer t' } }, (res) => {
        let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => resolve(JSON.parse(body)));
      }).on('error', reject));
      contracts.interaction('GET /me').addTo(pact.addInteraction())
        .executeTest((mock) => get(mock.url + '/v1.0/me'))
        .then((me) => {
          assert.strictEqual(typeof me.displayName, 'string');
          process.stdout.write('annotated ' + contracts.writeSourceComments(${JSON.stringify(join(dir, 'plain-pacts', 'plain-graph.json'))}));
        })
        .catch((error) => { console.error(error); process.exit(1); });`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect({ status: child.status, stderr: child.status === 0 ? '' : child.stderr }).toEqual({ status: 0, stderr: '' });
    expect(child.stdout).toBe('annotated 1');
  });
});
