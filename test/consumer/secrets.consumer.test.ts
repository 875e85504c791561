/**
 * No real credential can reach a pact file: with a distinctive token and client secret in the
 * environment, generating pacts writes neither anywhere, and the pacts carry only the fake token.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { FAKE_BEARER_TOKEN } from '../../src/pact/interactions';
import { CONTRACTS_DIR } from '../helpers';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.REAL-TOKEN-7f3c9a';
const SECRET = 'client-secret-Q8w~9d2kLmN0pRsT';

it('keeps GRAPH_ACCESS_TOKEN and AZURE_CLIENT_SECRET out of pacts and output', async () => {
  const saved = { token: process.env['GRAPH_ACCESS_TOKEN'], secret: process.env['AZURE_CLIENT_SECRET'] };
  process.env['GRAPH_ACCESS_TOKEN'] = TOKEN;
  process.env['AZURE_CLIENT_SECRET'] = SECRET;
  const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
  let output = '';
  try {
    const code = await main(['node', 'graph-contracts', 'generate', CONTRACTS_DIR, '--pacts', dir, '--show', 'info', '--limit', '500'], {
      out: (t) => (output += t),
      err: (t) => (output += t),
    });
    expect(code).toBe(0);
    const files = readdirSync(dir);
    expect(files.length).toBe(4);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(SECRET);
      expect(text).toContain(`Bearer ${FAKE_BEARER_TOKEN}`);
    }
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(SECRET);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (saved.token === undefined) delete process.env['GRAPH_ACCESS_TOKEN'];
    else process.env['GRAPH_ACCESS_TOKEN'] = saved.token;
    if (saved.secret === undefined) delete process.env['AZURE_CLIENT_SECRET'];
    else process.env['AZURE_CLIENT_SECRET'] = saved.secret;
  }
});
