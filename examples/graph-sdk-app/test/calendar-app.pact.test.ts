/**
 * Consumer contract test of the app's own Graph code: each test takes a documented example from
 * the Graph reference pages, adds it to our PactV4 interaction builder, and runs the app (the
 * official SDK inside) against Pact's mock server. The pact written to pacts/ holds exactly the
 * operations the app uses; `graph-contracts verify pacts --docs graph-docs` then checks it against
 * the mocked Graph, and `--target live` against the real one.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { loadContracts } from 'graph-contracts';
import { CalendarApp, localGraphClient, meetingBody, type Meeting } from '../src/calendar-app';

const contracts = loadContracts(join(__dirname, '..', 'graph-docs'));
const PACT_FILE = join(__dirname, '..', 'pacts', 'graph-sdk-app-microsoft-graph.json');
const pact = new PactV4({ consumer: 'graph-sdk-app', provider: 'microsoft-graph', dir: join(__dirname, '..', 'pacts'), logLevel: 'warn' });
const appAt = (url: string): CalendarApp => new CalendarApp(localGraphClient(url, async () => 'contract-test-token'));

// Pact merges into an existing file: start from none, so that the pact is this run's.
beforeAll(() => rmSync(PACT_FILE, { force: true }));

it('shows who is signed in', async () => {
  const documented = contracts.interaction('GET /me');
  await documented.addTo(pact.addInteraction()).executeTest(async (mock) => {
    const me = await appAt(mock.url).signedInUser();
    expect(me.displayName).toBe((documented.response.example as { displayName: string }).displayName);
  });
});

it("shows a colleague's profile (the id comes from the provider state)", async () => {
  const documented = contracts.interaction('user-get.md#get_user_1');
  await documented.addTo(pact.addInteraction()).executeTest(async (mock) => {
    const colleague = await appAt(mock.url).colleague(documented.params['id']!);
    expect(colleague.id).toBe((documented.response.example as { id: string }).id);
  });
});

it("lists the signed-in user's events", async () => {
  await contracts
    .interaction('GET /me/events')
    .addTo(pact.addInteraction())
    .executeTest(async (mock) => {
      const events = await appAt(mock.url).myEvents('Pacific Standard Time');
      expect(events.length).toBeGreaterThan(0);
      expect(events[0]).toEqual({ subject: expect.any(String), organizer: expect.any(String), start: expect.any(String), timeZone: expect.any(String) });
    });
});

it('schedules a meeting with its own body, matched by the documented event type', async () => {
  const meeting: Meeting = {
    subject: 'Design review',
    start: '2024-05-01T12:00:00',
    end: '2024-05-01T13:00:00',
    timeZone: 'Pacific Standard Time',
    attendee: { name: 'Adele Vance', address: 'adelev@contoso.com' },
    agenda: 'Walk through the new schedule view.',
  };
  const documented = contracts.interaction('create_event_from_user');
  await documented
    .addTo(pact.addInteraction(), { requestBody: contracts.matchersFor('event', meetingBody(meeting)) })
    .executeTest(async (mock) => {
      const created = await appAt(mock.url).scheduleMeeting(meeting);
      expect(created.id).toBe((documented.response.example as { id: string }).id);
    });
});

it("writes a pact of exactly the app's operations, with documented matchers and doc sources", () => {
  expect(contracts.writeSourceComments(PACT_FILE)).toBe(4);
  const written = JSON.parse(readFileSync(PACT_FILE, 'utf8')) as {
    interactions: { request: { method: string; path: string; matchingRules?: unknown }; response: { matchingRules?: { body?: object } }; comments: { testname: string; text: string[] } }[];
  };
  const operations = written.interactions.map((i) => `${i.request.method} ${i.comments.testname.replace(/^.*graph-docs\//, '')}`).sort();
  expect(operations).toEqual([
    'GET api/user-get.md#get_user',
    'GET api/user-get.md#get_user_1',
    'GET api/user-list-events.md#get_events',
    'POST api/user-post-events.md#create_event_from_user',
  ]);
  for (const interaction of written.interactions) {
    expect(interaction.comments.text[0]).toMatch(/^Documented at .*graph-docs\/api\/user-[a-z-]+\.md:\d+:\d+ \(example [a-z_0-9]+\)$/);
    expect(Object.keys(interaction.response.matchingRules?.body ?? {}).length).toBeGreaterThan(0);
  }
});
