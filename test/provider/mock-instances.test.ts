/**
 * Mocks of one model (verify starts one per lane) build its route table once, and still never
 * share objects: what one mock holds, another does not see.
 */
import * as routes from '../../src/mock/routes';
import { extract } from '../../src/docs/extract';
import { startMock } from '../../src/mock/server';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';

const SET = '/v1.0/deviceManagement/deviceManagementPartners';

it('builds the route table once per model, and keeps objects per mock', async () => {
  const { model } = extract([CONTRACTS_DIR], { cwd: REPO_ROOT });
  const build = jest.spyOn(routes, 'buildRoutes');
  const first = await startMock({ model });
  const second = await startMock({ model });
  try {
    expect(build).toHaveBeenCalledTimes(1);
    const state = { state: 'a deviceManagementPartner exists', params: { id: 'p1', '@entitySet': SET }, action: 'setup' };
    const setUp = await fetch(first.statesUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(state) });
    expect(setUp.status).toBe(200);
    const read = (url: string) => fetch(`${url}${SET}/p1`, { headers: { Authorization: 'Bearer t' } }).then((r) => r.status);
    expect(await read(first.url)).toBe(200);
    expect(await read(second.url)).toBe(404);
    expect(first.objects()).toHaveLength(1);
    expect(second.objects()).toEqual([]);
  } finally {
    build.mockRestore();
    await first.close();
    await second.close();
  }
});
