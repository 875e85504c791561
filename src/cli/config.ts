/**
 * Settings shared by the commands, read from flags first, then the environment, then `.env`
 * (loaded with dotenv, which never overrides a variable already set).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { config as loadDotenv } from 'dotenv';
import { DEFAULT_CONSUMER } from '../pact/defaults';

export const ENV = {
  consumer: 'GRAPH_CONTRACTS_CONSUMER',
  provider: 'GRAPH_CONTRACTS_PROVIDER',
  pactDir: 'GRAPH_CONTRACTS_PACT_DIR',
} as const;

let loaded = false;

/**
 * Loads `.env` from the working directory once; quiet, so that nothing is printed. dotenv is
 * required only when there is something for it to read (a `.env`, or a `.env.vault` with
 * DOTENV_KEY): it loads node:crypto, ~10 ms of every start-up otherwise. (Without a `.env`,
 * DOTENV_CONFIG_DEBUG no longer makes dotenv print "injecting env (0)".)
 */
export function loadEnvironment(): void {
  if (loaded) return;
  loaded = true;
  if (!existsSync(resolve('.env')) && !process.env.DOTENV_KEY) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at every start (docs/performance.md)
  (require('dotenv') as { config: typeof loadDotenv }).config({ quiet: true });
}

export function consumerName(flag: string | undefined): string {
  return flag ?? process.env[ENV.consumer] ?? DEFAULT_CONSUMER;
}

export function providerOverride(flag: string | undefined): string | undefined {
  return flag ?? (process.env[ENV.provider] || undefined);
}

export function pactDir(flag: string | undefined): string {
  return flag ?? process.env[ENV.pactDir] ?? 'pacts';
}
