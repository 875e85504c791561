/**
 * Every error class under src/ extends GraphContractsError with its own stable code, and the code's
 * exit code is the one docs/cli.md documents ("Error codes"); the exit codes themselves are the
 * documented ones ("Exit codes"). A new error class fails the first test until it is listed here,
 * in the catalog (src/internal/errors.ts) and in the docs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../helpers';
import * as library from '../../src/index';
import { ERROR_CODES, GraphContractsError } from '../../src/internal/errors';
import { EXIT } from '../../src/internal/exit-codes';
import { InputPathError } from '../../src/cli/inputs';
import { ReportFileError } from '../../src/cli/commands/report';
import { PatternError, SelectionError } from '../../src/contract/select';
import { ShardError } from '../../src/internal/shard';
import { AmbiguousSelectionError, ContractLoadError, NotAnInteractionError, PactFileError, UndocumentedPropertyError, UnknownTypeError } from '../../src/library/errors';
import { PactLoadError } from '../../src/provider/load-pacts';
import { VerificationInterrupted } from '../../src/provider/verify';
import { ReportMergeError } from '../../src/report/merge';
import { ChangedFilesError } from '../../src/lint/changed';
import { BrokerConfigError, BrokerUsageError } from '../../src/broker/settings';
import { BrokerError } from '../../src/broker/hal-client';
import { LiveConfigError } from '../../src/live/config';
import { TokenAcquisitionError } from '../../src/live/token';
import { ConsumerCheckError } from '../../src/pact/consumer-run';
import { GraphApiError } from '../../src/consumer/graph-error';
import type { InteractionSpec } from '../../src/pact/interactions';

const SOURCE = { file: 'user-get.md', line: 12, column: 1 };

/** One instance of every error class, by class name. */
const INSTANCES: Record<string, GraphContractsError> = {
  InputPathError: new InputPathError('m'),
  ReportFileError: new ReportFileError('m'),
  PatternError: new PatternError('GET', 'm'),
  SelectionError: new SelectionError(['x'], 'the docs'),
  ShardError: new ShardError('m'),
  AmbiguousSelectionError: new AmbiguousSelectionError('user-*', ['a#1', 'b#2']),
  ContractLoadError: new ContractLoadError('docs', 'm'),
  NotAnInteractionError: new NotAnInteractionError('user-get.md#get_user', 'binary body', SOURCE),
  PactFileError: new PactFileError('pact.json', 'm'),
  UndocumentedPropertyError: new UndocumentedPropertyError('microsoft.graph.user', ['$.x'], SOURCE),
  UnknownTypeError: new UnknownTypeError('microsoft.graph.nothing', []),
  PactLoadError: new PactLoadError('m'),
  VerificationInterrupted: new VerificationInterrupted('m'),
  ReportMergeError: new ReportMergeError('m'),
  ChangedFilesError: new ChangedFilesError('m'),
  BrokerConfigError: new BrokerConfigError('m'),
  BrokerUsageError: new BrokerUsageError('m'),
  BrokerError: new BrokerError('m', 500),
  LiveConfigError: new LiveConfigError('m'),
  TokenAcquisitionError: new TokenAcquisitionError('m'),
  ConsumerCheckError: new ConsumerCheckError({ key: 'user-get.md#get_user' } as InteractionSpec, ['status 500, documented 200']),
  GraphApiError: new GraphApiError(404, 'Request_ResourceNotFound', 'Not here.', null, 'GET /v1.0/me'),
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

/** Rows of the markdown table under `heading` in docs/cli.md, as arrays of cells (a cell that is all code without its backticks). */
function docsTable(heading: string): string[][] {
  const text = readFileSync(join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
  const section = text.slice(text.indexOf(`\n## ${heading}\n`));
  const lines = section.split('\n').slice(2);
  const start = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((cell) => cell.trim().replace(/^`([^`]*)`$/, '$1')));
  }
  return rows;
}

describe('errors: one base class, stable codes, documented exit codes', () => {
  it('every error class under src/ extends GraphContractsError and is listed here', () => {
    const classes: { name: string; base: string; file: string }[] = [];
    for (const file of sourceFiles(join(REPO_ROOT, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bclass (\w+) extends (\w*Error)\b/g)) classes.push({ name: match[1]!, base: match[2]!, file: relative(REPO_ROOT, file) });
    }
    expect(classes.filter((c) => c.base === 'Error')).toEqual([{ name: 'GraphContractsError', base: 'Error', file: join('src', 'internal', 'errors.ts') }]);
    const subclasses = classes.filter((c) => c.base !== 'Error');
    expect(subclasses.filter((c) => c.base !== 'GraphContractsError')).toEqual([]);
    expect(subclasses.map((c) => c.name).sort()).toEqual(Object.keys(INSTANCES).sort());
  });

  it('each class has its own code from the catalog, its own name, and the catalog\'s exit code', () => {
    const codes = new Map<string, string>();
    for (const [name, error] of Object.entries(INSTANCES)) {
      expect(error).toBeInstanceOf(GraphContractsError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.code).toMatch(/^[a-z]+(_[a-z]+)+$/);
      expect(Object.keys(ERROR_CODES)).toContain(error.code);
      expect(codes.get(error.code)).toBeUndefined();
      codes.set(error.code, name);
      expect(error.exitCode).toBe(ERROR_CODES[error.code].exitCode);
    }
    // No code in the catalog without a class.
    expect([...codes.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('docs/cli.md lists every code with its class, exit code and meaning, as the catalog says', () => {
    const documented = docsTable('Error codes');
    const expected = Object.entries(INSTANCES).map(([name, error]) => [error.code, name, String(error.exitCode), ERROR_CODES[error.code].when]);
    expect(documented.sort()).toEqual(expected.sort());
  });

  it('the exit codes are the documented ones', () => {
    expect(EXIT).toEqual({ ok: 0, findings: 1, usage: 2, leftBehind: 3, internal: 70, outputFailed: 74, interrupted: 130 });
    expect(docsTable('Exit codes').map((row) => Number(row[0]))).toEqual(Object.values(EXIT).sort((a, b) => a - b));
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    for (const code of Object.values(EXIT)) expect(readme).toContain(`\`${code}\``);
  });

  it('the library exports its error classes under their names, all GraphContractsErrors', () => {
    const exported = ['AmbiguousSelectionError', 'ContractLoadError', 'NotAnInteractionError', 'PactFileError', 'PatternError', 'SelectionError', 'UndocumentedPropertyError', 'UnknownTypeError'] as const;
    for (const name of exported) {
      expect(library[name]).toBeDefined();
      expect(INSTANCES[name]).toBeInstanceOf(library[name]);
      expect(library[name].prototype).toBeInstanceOf(library.GraphContractsError);
    }
  });

  it('says where the problem is when the error knows it', () => {
    expect(INSTANCES['NotAnInteractionError']!.where).toBe('user-get.md:12:1');
    expect(INSTANCES['UndocumentedPropertyError']!.where).toBe('user-get.md:12:1');
    expect(INSTANCES['ContractLoadError']!.where).toBe('docs');
    expect(INSTANCES['PatternError']!.where).toBe('GET');
    expect(INSTANCES['InputPathError']!.where).toBeUndefined();
  });
});
