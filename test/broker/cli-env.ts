/** Runs the CLI in-process with broker variables set for one call, capturing its output. */
import { main } from '../../src/cli/main';

export async function runCli(env: Record<string, string | undefined>, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const saved: Record<string, string | undefined> = {};
  for (const name of ['PACT_BROKER_BASE_URL', 'PACT_BROKER_TOKEN', 'PACT_BROKER_USERNAME', 'PACT_BROKER_PASSWORD', 'GITHUB_SHA', 'GITHUB_HEAD_REF', 'GITHUB_REF_NAME', 'GITHUB_RUN_ID', ...Object.keys(env)]) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
  let out = '';
  let err = '';
  try {
    const code = await main(['node', 'graph-contracts', ...args], { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
