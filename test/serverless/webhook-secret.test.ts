/**
 * The webhook's shared secret is compared in constant time on digests, so neither its content nor
 * its length shows in the time taken; and a 400 echoes at most a short excerpt of what was sent
 * (issue 14, item 10).
 */
import { handleVerificationWebhook, type HandlerConfig } from '../../src/serverless/handler';

// The module object itself (a namespace import's properties cannot be spied on).
const crypto = require('node:crypto') as typeof import('node:crypto');

const SECRET = 'shared-webhook-secret-of-some-length-0123';
const config: HandlerConfig = {
  settings: { baseUrl: 'http://127.0.0.1:9', token: 'webhook-test-token-1234' },
  webhookSecret: SECRET,
  target: () => Promise.reject(new Error('no target in this test')),
  publish: false,
};

describe('the webhook secret check', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['shorter', 'x'],
    ['longer', `${SECRET}-and-more`],
    ['of the same length', SECRET.replace(/.$/, '9')],
    ['empty', ''],
  ])('a secret that is %s is compared in full, on equal-length digests, and refused', async (_name, given) => {
    const compare = jest.spyOn(crypto, 'timingSafeEqual');
    const result = await handleVerificationWebhook('{}', config, (name) => (name === 'x-graph-contracts-webhook-secret' ? given : null));
    expect(result.status).toBe(401);
    expect(compare).toHaveBeenCalledTimes(1);
    const [a, b] = compare.mock.calls[0]! as [Buffer, Buffer];
    expect(a.length).toBe(32);
    expect(b.length).toBe(32);
  });

  it('the right secret passes the check (and the bad payload is what is answered)', async () => {
    const result = await handleVerificationWebhook('[]', config, (name) => (name === 'x-graph-contracts-webhook-secret' ? SECRET : null));
    expect(result.status).toBe(400);
  });
});

describe('what a 400 echoes', () => {
  it('a 1 MB eventName is quoted in at most 100 characters', async () => {
    const eventName = `evt-${'E'.repeat(1024 * 1024)}`;
    const result = await handleVerificationWebhook(JSON.stringify({ eventName, pactUrl: 'http://127.0.0.1:9/p', providerVersionNumber: '1' }), config, () => SECRET);
    expect(result.status).toBe(400);
    const error = String(result.body.error);
    expect(error).toContain('not "evt-EEE');
    expect(error.length).toBeLessThan(300);
  });

  it('a 1 MB pactUrl is quoted in at most 100 characters', async () => {
    const result = await handleVerificationWebhook(JSON.stringify({ pactUrl: `ftp://${'u'.repeat(1024 * 1024)}`, providerVersionNumber: '1' }), config, () => SECRET);
    expect(result.status).toBe(400);
    expect(String(result.body.error).length).toBeLessThan(300);
  });
});
