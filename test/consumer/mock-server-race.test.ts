/**
 * Guards the pact-js pin: with @pact-foundation/pact 16.5.0, 600 sequential
 * `addInteraction().executeTest()` calls on one PactV4 instance failed with "The following request
 * was expected but not received" in 4 of 5 runs (upstream pact-reference#535, a regression from
 * 16.3.0); this exact loop lost interactions in 1 of 2 runs of 16.5.0 here, and none in 3 runs of
 * 16.2.0. The test runs that loop and fails if any interaction is lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import axios from 'axios';

const INTERACTIONS = 600;

it(`runs ${INTERACTIONS} sequential Pact interactions without losing one`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'race-'));
  const failures: string[] = [];
  const pact = new PactV4({ consumer: 'race-consumer', provider: 'race-provider', dir, logLevel: 'error' });
  try {
    for (let i = 0; i < INTERACTIONS; i++) {
      try {
        await pact
          .addInteraction()
          .uponReceiving(`request ${i}`)
          .withRequest('GET', `/v1.0/items/${i}`)
          .willRespondWith(200, (b) => b.jsonBody({ id: MatchersV3.integer(i) }))
          .executeTest(async (mock) => {
            const response = await axios.get(`${mock.url}/v1.0/items/${i}`);
            if (response.data.id !== i) throw new Error(`wrong body for ${i}`);
          });
      } catch (error) {
        failures.push(`${i}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(failures).toEqual([]);
}, 120_000);
