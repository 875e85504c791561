/** The mocked Graph endpoint behaves like Graph for the documented operations. */
import { join } from 'node:path';
import axios, { type AxiosResponse } from 'axios';
import { extract } from '../../src/docs/extract';
import { startMock, type RunningMock } from '../../src/mock/server';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';

const { model } = extract([CONTRACTS_DIR], { cwd: REPO_ROOT });
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ model, seed: 42 });
});
afterAll(() => mock.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const call = (method: string, path: string, body?: unknown, token: string | null = 'any-token'): Promise<AxiosResponse> =>
  axios.request({
    method,
    url: `${mock.url}${path}`,
    data: body,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    validateStatus: () => true,
  });

const partner = {
  '@odata.type': '#microsoft.graph.deviceManagementPartner',
  displayName: 'Contoso partner',
  partnerState: 'enabled',
  partnerAppType: 'multiTenantApp',
  isConfigured: true,
  lastHeartbeatDateTime: '2024-01-01T00:00:00Z',
};

describe('mocked Graph endpoint', () => {
  it('binds 127.0.0.1 by default', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('requires a bearer token, answering 401 with the Graph error envelope', async () => {
    const response = await call('POST', '/v1.0/deviceManagement/deviceManagementPartners', partner, null);
    expect(response.status).toBe(401);
    expect(response.data).toEqual({ error: { code: 'InvalidAuthenticationToken', message: expect.any(String), innerError: { 'request-id': expect.stringMatching(UUID), date: expect.any(String) } } });
  });

  it('creates an entity with a generated id and the documented shape', async () => {
    const created = await call('POST', '/v1.0/deviceManagement/deviceManagementPartners', partner);
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ ...partner, id: expect.stringMatching(UUID), '@odata.context': expect.stringContaining('$metadata#') });
    expect(created.headers['request-id']).toMatch(UUID);
    expect(created.headers['content-type']).toMatch(/^application\/json;odata\.metadata=minimal/);
  });

  it('validates request bodies against the documented types, naming the field', async () => {
    const response = await call('POST', '/v1.0/deviceManagement/deviceManagementPartners', { ...partner, isConfigured: 'yes' });
    expect(response.status).toBe(400);
    expect(response.data.error.code).toBe('BadRequest');
    expect(response.data.error.message).toContain("'isConfigured'");
    const badEnum = await call('POST', '/v1.0/deviceManagement/deviceManagementPartners', { ...partner, partnerState: 'sideways' });
    expect(badEnum.status).toBe(400);
    expect(badEnum.data.error.message).toContain("'partnerState'");
  });

  it('refuses a create that lacks a required property', async () => {
    const response = await call('POST', '/beta/tenantRelationship/delegatedAdminRelationships', { customer: {} });
    expect(response.status).toBe(400);
    expect(response.data.error.message).toContain("required property 'displayName'");
  });

  it('answers undocumented routes with a Graph error', async () => {
    const response = await call('GET', '/v1.0/nothing/here');
    expect(response.status).toBe(400);
    expect(response.data.error.code).toBe('BadRequest');
  });

  it('sets up provider states and returns the values to inject', async () => {
    const response = await axios.post(mock.statesUrl, { state: 'a user exists', params: { id: 'u1' }, action: 'setup' });
    expect(response.data).toEqual({ id: 'u1' });
  });

  it('injects a fault on request, reproducibly, and logs it', async () => {
    const throttled = await axios.request({
      method: 'POST',
      url: `${mock.url}/v1.0/deviceManagement/deviceManagementPartners`,
      data: partner,
      headers: { Authorization: 'Bearer t', 'x-graph-contracts-fault': 'throttle' },
      validateStatus: () => true,
    });
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('1');
    expect(mock.faults.at(-1)).toEqual({ mode: 'throttle', method: 'POST', path: '/v1.0/deviceManagement/deviceManagementPartners', field: null });
  });
});

describe('mocked Graph endpoint: a documented entity set (test/fixtures/docs: widgets)', () => {
  const widgets = extract([join(__dirname, '..', 'fixtures', 'docs')], { cwd: REPO_ROOT }).model;
  let crud: RunningMock;
  beforeAll(async () => {
    crud = await startMock({ model: widgets, seed: 3 });
  });
  afterAll(() => crud.close());
  const at = (method: string, path: string, body?: unknown): Promise<AxiosResponse> =>
    axios.request({ method, url: `${crud.url}${path}`, data: body, headers: { Authorization: 'Bearer t' }, validateStatus: () => true });

  it('reads, updates and deletes an entity a provider state created, then answers 404', async () => {
    const id = '0a1b2c3d-0000-4000-8000-000000000042';
    expect((await at('GET', `/v1.0/widgets/${id}`)).status).toBe(404);
    await axios.post(crud.statesUrl, { state: 'a widget exists', params: { id }, action: 'setup' });
    expect((await at('GET', `/v1.0/widgets/${id}`)).data).toMatchObject({ id, displayName: 'Gear', size: 3 });
    expect((await at('PATCH', `/v1.0/widgets/${id}`, { displayName: 'Cog' })).status).toBe(204);
    expect((await at('GET', `/v1.0/widgets/${id}`)).data).toMatchObject({ displayName: 'Cog' });
    expect((await at('DELETE', `/v1.0/widgets/${id}`)).status).toBe(204);
    expect((await at('GET', `/v1.0/widgets/${id}`)).status).toBe(404);
    expect((await at('DELETE', `/v1.0/widgets/${id}`)).status).toBe(404);
  });

  it('creates entities that can then be read by their new id', async () => {
    const created = await at('POST', '/v1.0/widgets', { displayName: 'Sprocket', size: 9 });
    expect(created.status).toBe(201);
    expect(created.data.id).toMatch(UUID);
    expect(created.data.id).not.toBe('0a1b2c3d-0000-4000-8000-000000000001');
    expect((await at('GET', `/v1.0/widgets/${created.data.id}`)).data).toMatchObject({ displayName: 'Sprocket', size: 9 });
  });

  it('checks PATCH bodies against the documented types', async () => {
    const response = await at('PATCH', '/v1.0/widgets/any', { size: 'big' });
    expect(response.status).toBe(400);
    expect(response.data.error.message).toContain("'size'");
  });
});
