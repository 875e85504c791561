/**
 * Settings shared by the commands, read from flags first, then the environment, then `.env`
 * (loaded with dotenv, which never overrides a variable already set).
 */
import { config as loadDotenv } from 'dotenv';
import { DEFAULT_CONSUMER } from '../pact/defaults';

export const ENV = {
  consumer: 'GRAPH_CONTRACTS_CONSUMER',
  provider: 'GRAPH_CONTRACTS_PROVIDER',
  pactDir: 'GRAPH_CONTRACTS_PACT_DIR',
} as const;

let loaded = false;

/** Loads `.env` from the working directory once; quiet, so that nothing is printed. */
export function loadEnvironment(): void {
  if (loaded) return;
  loaded = true;
  loadDotenv({ quiet: true });
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
