/**
 * Diagnostic logging to stderr, off below `info` unless asked (`--log-level debug` or
 * GRAPH_CONTRACTS_LOG_LEVEL). Every line is redacted (see secrets.ts).
 */
import { redact } from './secrets';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  level: LogLevel;
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export function createLogger(level: LogLevel, write: (text: string) => void = (t) => process.stderr.write(t)): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  const at = (l: LogLevel) => (message: string): void => {
    if (LOG_LEVELS.indexOf(l) <= rank) write(redact(`[graph-contracts] ${l}: ${message}\n`));
  };
  return { level, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

export function parseLogLevel(value: string | undefined): LogLevel | null {
  return value && (LOG_LEVELS as readonly string[]).includes(value) ? (value as LogLevel) : null;
}

export const silentLogger: Logger = { level: 'error', error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
