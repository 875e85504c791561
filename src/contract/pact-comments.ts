/**
 * What graph-contracts records in a pact interaction about the documented example it came from:
 * the example's key (`page#example`), where the docs show it (a SourceRef), the example's name and
 * the permissions its page documents. The one home of that record: the consumer stage and the
 * library write it with `interactionComments`, and verification, live runs and reports read it
 * with `readDocumentedOrigin`.
 *
 * Pact V4 gives each interaction a `comments` object of free-form JSON (pact_models keeps every
 * key of it; `testname` and `text` are the two its tools show). The record goes there as data under
 * `graph-contracts`, and also as the human-readable `text` lines users see in the broker and in
 * Pact's verifier output. Pacts of earlier releases hold only the text lines: they are read too.
 */
import { formatSource, type SourceRef } from './diagnostics';
import type { Permission } from './model';
import { isRecord } from '../internal/records';

/** What a page documents for one kind of token: any one of `scopes` suffices. */
type DocumentedAccess = { supported: true; scopes: string[] } | { supported: false };

/** The page's permission table, by kind of token; null where the docs say nothing readable. */
export interface DocumentedPermissions {
  delegated: DocumentedAccess | null;
  application: DocumentedAccess | null;
}

/** Which documented example an interaction is, and what its page says about it. */
export interface DocumentedOrigin {
  /** `<page>#<example>`: unique among the docs; Pact's `testname`, read by `--only` and `--shard`. */
  key: string;
  /** Where the docs show the example (its request block). */
  source: SourceRef;
  /** The example's name on its page (`get_user`, or `example-N` by position). */
  example: string;
  permissions: DocumentedPermissions;
}

/** The key under `comments` that holds the record as data. */
const ORIGIN_COMMENT = 'graph-contracts';

/** The V4 `comments` of an interaction: the record as data, and as text for people. */
export interface InteractionComments {
  testname: string;
  text: string[];
  [ORIGIN_COMMENT]: { source: SourceRef; example: string; permissions: DocumentedPermissions };
}

const KINDS = [
  ['delegated', 'delegatedWork'],
  ['application', 'application'],
] as const;
const NOT_SUPPORTED = 'not supported';
const DOCUMENTED_LINE = /^Documented at (.+):(\d+):(\d+) \(example (.*)\)$/;
const PERMISSION_LINE = /^Permissions \((delegated|application)\): (.*)$/;

/**
 * The permissions a page's table documents, by kind of token (work or school accounts for
 * delegated access). Rows the docs leave open (TODO text, empty cells, no scope) are null: nothing
 * is known.
 */
export function documentedPermissions(permissions: readonly Permission[]): DocumentedPermissions {
  const documented: DocumentedPermissions = { delegated: null, application: null };
  for (const [kind, type] of KINDS) {
    const row = permissions.find((p) => p.type === type);
    if (!row || row.supported === null) continue;
    if (row.supported === false) documented[kind] = { supported: false };
    else if (row.scopes.length > 0) documented[kind] = { supported: true, scopes: [...row.scopes] };
  }
  return documented;
}

/** The comments graph-contracts gives an interaction. */
export function interactionComments(origin: DocumentedOrigin): InteractionComments {
  const text = [`Documented at ${formatSource(origin.source)} (example ${origin.example})`];
  for (const [kind] of KINDS) {
    const access = origin.permissions[kind];
    if (access) text.push(`Permissions (${kind}): ${access.supported ? access.scopes.join(', ') : NOT_SUPPORTED}`);
  }
  const source = { file: origin.source.file, line: origin.source.line, column: origin.source.column };
  return { testname: origin.key, text, [ORIGIN_COMMENT]: { source, example: origin.example, permissions: clonePermissions(origin.permissions) } };
}

/** What an interaction's comments say about its origin; each part null (permissions unknown) when they do not say. */
export interface ReadOrigin {
  key: string | null;
  source: SourceRef | null;
  example: string | null;
  permissions: DocumentedPermissions;
}

/**
 * Reads the record back from an interaction's `comments` (anything: a pact is input). The data
 * under `graph-contracts` is read first; a part it lacks or holds malformed is read from the text
 * lines, which is all that pacts of earlier releases carry.
 */
export function readDocumentedOrigin(comments: unknown): ReadOrigin {
  const record = isRecord(comments) ? comments : {};
  const data = isRecord(record[ORIGIN_COMMENT]) ? record[ORIGIN_COMMENT] : {};
  const text = Array.isArray(record['text']) ? record['text'].filter((line): line is string => typeof line === 'string') : [];
  const fromText = originFromText(text);
  return {
    key: typeof record['testname'] === 'string' ? record['testname'] : null,
    source: sourceOf(data['source']) ?? fromText.source,
    example: typeof data['example'] === 'string' ? data['example'] : fromText.example,
    permissions: permissionsOf(data['permissions']) ?? fromText.permissions,
  };
}

/** The text lines earlier releases wrote: `Documented at file:line:column (example name)`, `Permissions (kind): ...`. */
function originFromText(text: readonly string[]): Omit<ReadOrigin, 'key'> {
  const found: Omit<ReadOrigin, 'key'> = { source: null, example: null, permissions: { delegated: null, application: null } };
  for (const line of text) {
    const documented = DOCUMENTED_LINE.exec(line);
    if (documented && found.source === null) {
      found.source = { file: documented[1]!, line: Number(documented[2]), column: Number(documented[3]) };
      found.example = documented[4]!;
      continue;
    }
    const permission = PERMISSION_LINE.exec(line);
    if (!permission) continue;
    const value = permission[2]!.trim();
    found.permissions[permission[1] as 'delegated' | 'application'] = value === NOT_SUPPORTED ? { supported: false } : { supported: true, scopes: value.split(',').map((s) => s.trim()).filter(Boolean) };
  }
  return found;
}

function sourceOf(value: unknown): SourceRef | null {
  if (!isRecord(value) || typeof value['file'] !== 'string' || !isPositiveInteger(value['line'])) return null;
  return { file: value['file'], line: value['line'], column: isPositiveInteger(value['column']) ? value['column'] : 1 };
}

/** Structured permissions, or null when absent or not of the shape `interactionComments` writes. */
function permissionsOf(value: unknown): DocumentedPermissions | null {
  if (!isRecord(value)) return null;
  const documented: DocumentedPermissions = { delegated: null, application: null };
  for (const [kind] of KINDS) {
    const access = value[kind];
    if (access === null || access === undefined) continue;
    if (!isRecord(access)) return null;
    if (access['supported'] === false) documented[kind] = { supported: false };
    else if (access['supported'] === true && Array.isArray(access['scopes']) && access['scopes'].every((s) => typeof s === 'string')) documented[kind] = { supported: true, scopes: [...(access['scopes'] as string[])] };
    else return null;
  }
  return documented;
}

function clonePermissions(permissions: DocumentedPermissions): DocumentedPermissions {
  const copy = (access: DocumentedAccess | null): DocumentedAccess | null => (access === null ? null : access.supported ? { supported: true, scopes: [...access.scopes] } : { supported: false });
  return { delegated: copy(permissions.delegated), application: copy(permissions.application) };
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}
