/** Runs the CLI in this process, as the CLI tests do: its exit code and what it wrote. */
import { createServer } from 'node:net';
import { main } from '../../src/cli/main';

export async function runInProcess(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'graph-contracts', ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
