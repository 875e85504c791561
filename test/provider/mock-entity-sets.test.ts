/**
 * The mock as a user meets it with curl: real HTTP requests to 127.0.0.1. Entity sets keep what
 * is created (the values sent, never a password), list it, read it back in the create's shape,
 * update and delete it by key, also where the docs hold only the set's create page (OData
 * conventions). Request bodies are checked against the derived type their `@odata.type` names;
 * types the docs given do not define accept anything, with a diagnostic.
 */
import { join } from 'node:path';
import axios, { type AxiosResponse } from 'axios';
import { extract } from '../../src/docs/extract';
import { startMock, type RunningMock } from '../../src/mock/server';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';
import { runCli } from '../live/cli';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function client(mock: () => RunningMock) {
  return (method: string, path: string, body?: unknown): Promise<AxiosResponse> =>
    axios.request({
      method,
      url: `${mock().url}${path}`,
      data: body,
      headers: { Authorization: 'Bearer curl-token', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      validateStatus: () => true,
    });
}

describe('mock entity sets: create, list, get, update, delete over HTTP (bundled contracts: create pages only)', () => {
  const { model } = extract([CONTRACTS_DIR], { cwd: REPO_ROOT });
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ model, seed: 5 });
  });
  afterAll(() => mock.close());
  const call = client(() => mock);
  const partners = '/v1.0/deviceManagement/deviceManagementPartners';

  it('checks a value of an Edm type by its form, as Graph does (src/contract/edm.ts), not only its JSON type', async () => {
    const body = { '@odata.type': '#microsoft.graph.deviceManagementPartner', displayName: 'Bob', isConfigured: false, partnerState: 'enabled' };
    const created = await call('POST', partners, { ...body, lastHeartbeatDateTime: '2024-01-02T08:30:00Z' });
    expect(created.status).toBe(201);
    expect((await call('DELETE', new URL(created.headers['location']).pathname)).status).toBe(204);
    const dateOnly = await call('POST', partners, { ...body, lastHeartbeatDateTime: '2024-01-02' });
    expect(dateOnly.status).toBe(400);
    expect(dateOnly.data.error.message).toContain("'lastHeartbeatDateTime'");
    expect(dateOnly.data.error.message).toContain('not an ISO 8601 date and time with offset');
    expect((await call('POST', '/v1.0/tenantRelationship/delegatedAdminRelationships', { displayName: 'x', duration: 'two years' })).status).toBe(400);
  });

  it('keeps the values sent, lists the object, reads it back in the same shape, updates and deletes it by key', async () => {
    const created = await call('POST', partners, { '@odata.type': '#microsoft.graph.deviceManagementPartner', displayName: 'Bob', isConfigured: false, partnerState: 'enabled' });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ displayName: 'Bob', isConfigured: false, partnerState: 'enabled', id: expect.stringMatching(UUID) });
    const id: string = created.data.id;
    expect(created.headers['location']).toBe(`${mock.url}${partners}/${id}`);

    const list = await call('GET', partners);
    expect(list.status).toBe(200);
    expect(list.data.value).toContainEqual(created.data);

    const read = await call('GET', `${partners}/${id}`);
    expect(read.status).toBe(200);
    expect(read.data).toEqual(created.data);

    expect((await call('PATCH', `${partners}/${id}`, { displayName: 'Robert' })).status).toBe(204);
    expect((await call('GET', `${partners}/${id}`)).data).toEqual({ ...created.data, displayName: 'Robert' });

    expect((await call('DELETE', `${partners}/${id}`)).status).toBe(204);
    expect((await call('GET', `${partners}/${id}`)).status).toBe(404);
    expect((await call('DELETE', `${partners}/${id}`)).status).toBe(404);
    expect((await call('GET', partners)).data.value.map((p: { id: string }) => p.id)).not.toContain(id);
    expect(mock.objects()).toEqual([]);
  });

  it('keys an object without an id by its key property, located by the Location header', async () => {
    const set = '/beta/policyRoot/crossTenantAccessPolicy/partners';
    const created = await call('POST', set, { '@odata.type': '#Microsoft.DirectoryServices.crossTenantAccessPolicyConfigurationPartner', tenantId: '3d0f5dba-d5f1-4a1e-8b1e-2a8d7f7e0c11' });
    expect(created.status).toBe(201);
    const location = new URL(created.headers['location'] as string);
    expect(location.pathname).toBe(`${set}/3d0f5dba-d5f1-4a1e-8b1e-2a8d7f7e0c11`);
    expect((await call('GET', location.pathname)).data).toMatchObject({ tenantId: '3d0f5dba-d5f1-4a1e-8b1e-2a8d7f7e0c11' });
    expect((await call('DELETE', location.pathname)).status).toBe(204);
    expect(mock.objects()).toEqual([]);
  });
});

describe('mock entity sets: documented sets (test/fixtures/entity-sets)', () => {
  const { model } = extract([join(REPO_ROOT, 'test', 'fixtures', 'entity-sets')], { cwd: REPO_ROOT });
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ model, seed: 9 });
  });
  afterAll(() => mock.close());
  const call = client(() => mock);

  it('never returns a write-only value (the password), on create, get or list', async () => {
    const created = await call('POST', '/v1.0/users', {
      accountEnabled: true,
      displayName: 'Bob',
      mailNickname: 'bob',
      userPrincipalName: 'bob@contoso.com',
      passwordProfile: { forceChangePasswordNextSignIn: true, password: 'S3cret-do-not-echo' },
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ displayName: 'Bob', userPrincipalName: 'bob@contoso.com', passwordProfile: { forceChangePasswordNextSignIn: true } });
    expect(created.data.id).not.toBe('87d349ed-44d7-43e1-9a83-5f2406dee5bd');
    const read = await call('GET', `/v1.0/users/${created.data.id}`);
    const list = await call('GET', '/v1.0/users');
    for (const answer of [created, read, list]) expect(JSON.stringify(answer.data)).not.toContain('S3cret-do-not-echo');
    expect(read.data).toEqual(created.data);
    expect(list.data.value).toEqual([created.data]);
  });

  it('puts the values sent into the documented shape: fields the service adds stay, annotations keep their spelling', async () => {
    const created = await call('POST', '/v1.0/me/events', {
      '@odata.type': 'microsoft.graph.event',
      subject: 'Standup',
      attendees: [{ emailAddress: { address: 'bob@contoso.com', name: 'Bob' }, type: 'optional' }],
      categories: [],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      '@odata.type': '#microsoft.graph.event',
      subject: 'Standup',
      attendees: [{ emailAddress: { address: 'bob@contoso.com', name: 'Bob' }, type: 'optional', status: { response: 'none' } }],
      categories: ['Red category'],
    });
  });

  it('validates a body against the derived type its @odata.type names, not another type posted to the same set', async () => {
    const application = await call('POST', '/v1.0/credentials', { '@odata.type': '#microsoft.graph.applicationCredential', appId: 'x1' });
    expect(application.status).toBe(201);
    const certificate = await call('POST', '/v1.0/credentials', { '@odata.type': '#microsoft.graph.certificateCredential', privateKey: 'MIIC' });
    expect(certificate.status).toBe(201);
    const missing = await call('POST', '/v1.0/credentials', { '@odata.type': '#microsoft.graph.certificateCredential' });
    expect(missing.status).toBe(400);
    expect(missing.data.error.message).toContain("required property 'privateKey'");
  });

  it('never refuses what the docs\' own example sends, and still checks the rest against the table', async () => {
    // The table says location is a String and printer is required; the example sends an object and binds the printer.
    const documented = { displayName: 'ShareName', 'printer@odata.bind': 'https://graph.microsoft.com/v1.0/print/printers/987d', location: { building: 'B1' } };
    expect((await call('POST', '/v1.0/print/shares', documented)).status).toBe(201);
    const wrong = await call('POST', '/v1.0/print/shares', { ...documented, allowAllUsers: 'yes' });
    expect(wrong.status).toBe(400);
    expect(wrong.data.error.message).toContain("'allowAllUsers'");
    const unnamed = await call('POST', '/v1.0/print/shares', { 'printer@odata.bind': documented['printer@odata.bind'] });
    expect(unnamed.status).toBe(400);
    expect(unnamed.data.error.message).toContain("required property 'displayName'");
  });

  it('accepts any value for a type the docs given do not define, and says so', async () => {
    const created = await call('POST', '/v1.0/credentials', { '@odata.type': '#microsoft.graph.applicationCredential', appId: 'x2', partnerState: 'available' });
    expect(created.status).toBe(201);
    expect(created.data.partnerState).toBe('available');
    expect(mock.diagnostics()).toContainEqual(expect.stringContaining("The type of 'partnerState' (microsoft.graph.partnerState, linked as ../resources/partnerstate.md) is not defined in the docs given"));
  });

  it('sets up the object a provider state documents, with its derived type, and seeds a list state', async () => {
    const set = '/v1.0/deviceManagement/deviceConfigurations';
    const android = { '@odata.type': '#microsoft.graph.androidCustomConfiguration', id: 'a1', displayName: 'A', version: 1, omaSettings: [] };
    const ios = { '@odata.type': '#microsoft.graph.iosGeneralDeviceConfiguration', id: 'i1', displayName: 'I', version: 2, safariBlockAutofill: true };
    await axios.post(mock.statesUrl, { state: 'a deviceConfiguration exists', params: { deviceConfigurationId: 'k-android', '@entitySet': set, '@odata.type': android['@odata.type'], '@entity': android }, action: 'setup' });
    await axios.post(mock.statesUrl, { state: 'a deviceConfiguration exists', params: { deviceConfigurationId: 'k-ios', '@entitySet': set, '@entity': ios }, action: 'setup' });
    expect((await call('GET', `${set}/k-android`)).data).toEqual(android);
    expect((await call('GET', `${set}/k-ios`)).data).toEqual(ios);
    const seeded = await axios.post(mock.statesUrl, { state: 'deviceConfigurations exist', params: { '@entitySet': set, '@entities': [ios] }, action: 'setup' });
    expect(seeded.data).toEqual({});
    expect((await call('GET', set)).data.value).toEqual([ios]);
  });
});

describe('mock entity sets: no answer depends on the interactions before it', () => {
  const { model } = extract([join(REPO_ROOT, 'test', 'fixtures', 'entity-sets')], { cwd: REPO_ROOT });
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ model, seed: 13 });
  });
  afterAll(() => mock.close());
  const call = client(() => mock);

  it('a state without a shape sets up the docs\' object afresh, whatever a client did to that key before', async () => {
    const set = '/v1.0/deviceManagement/deviceConfigurations';
    const state = { state: 'a deviceConfiguration exists', params: { deviceConfigurationId: 'k1', '@entitySet': set, '@odata.type': '#microsoft.graph.iosGeneralDeviceConfiguration' }, action: 'setup' };
    await axios.post(mock.statesUrl, state);
    const first = (await call('GET', `${set}/k1`)).data;
    expect((await call('PATCH', `${set}/k1`, { displayName: 'changed' })).status).toBe(204);
    await axios.post(mock.statesUrl, state);
    expect((await call('GET', `${set}/k1`)).data).toEqual(first);
  });
});

describe('graph-contracts mock', () => {
  it('says on Ctrl-C which values it accepted unchecked (types the docs given do not define)', async () => {
    const run = runCli(['mock', '--docs', join(REPO_ROOT, 'test', 'fixtures', 'entity-sets')], {}, REPO_ROOT);
    const deadline = Date.now() + 30_000;
    while (!/listening on (http:\/\/127\.0\.0\.1:\d+)/.test(run.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output())![1]!;
    const created = await axios.post(`${url}/v1.0/credentials`, { '@odata.type': '#microsoft.graph.applicationCredential', appId: 'x3', partnerState: 'available' }, { headers: { Authorization: 'Bearer t' } });
    expect(created.status).toBe(201);
    run.child.kill('SIGINT');
    const { err } = await run.done;
    expect(err).toContain("The type of 'partnerState' (microsoft.graph.partnerState, linked as ../resources/partnerstate.md) is not defined in the docs given");
  }, 60_000);
});
