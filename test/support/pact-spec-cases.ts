/**
 * Loads the vendored Pact specification V4 response cases (test/fixtures/pact-spec-v4) and turns
 * each into what the conformance pass sees in a verification run: the expected side as a V4 pact
 * interaction, the actual side as the recorded HTTP response (status, flat headers, body text).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ActualResponse, PactInteraction } from '../../src/conformance/check';

const CASES_DIR = join(__dirname, '..', 'fixtures', 'pact-spec-v4', 'response');

interface CaseSide {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: unknown;
  matchingRules?: PactInteraction['response']['matchingRules'];
}

export interface SpecCase {
  /** `body/missing key`, `headers/matches`... */
  name: string;
  match: boolean;
  comment: string;
  xml: boolean;
  interaction: PactInteraction;
  actual: ActualResponse;
}

export function loadSpecCases(): SpecCase[] {
  const files = readdirSync(CASES_DIR, { withFileTypes: true }).flatMap((dir) =>
    dir.isDirectory() ? readdirSync(join(CASES_DIR, dir.name)).filter((f) => f.endsWith('.json')).map((f) => join(CASES_DIR, dir.name, f)) : [],
  );
  return files.sort().map((file) => {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { match: boolean; comment: string; expected: CaseSide; actual: CaseSide };
    const name = relative(CASES_DIR, file).replace(/\.json$/, '');
    const text = JSON.stringify([raw.expected, raw.actual]);
    return {
      name,
      match: raw.match,
      comment: raw.comment,
      xml: text.includes('application/xml'),
      interaction: toInteraction(name, raw.expected),
      actual: toActual(raw.actual),
    };
  });
}

/** V4 bodies are `{ content, contentType, encoded }`; a bare value is loaded as that JSON (as pact-models does). */
function bodyOf(body: unknown): { content?: unknown; contentType?: string } | null | undefined {
  if (body === undefined) return undefined;
  if (body === null) return null;
  if (typeof body === 'object' && !Array.isArray(body) && body !== null) return body as { content?: unknown; contentType?: string };
  return { content: body };
}

function toInteraction(name: string, side: CaseSide): PactInteraction {
  const body = bodyOf(side.body);
  return {
    description: name,
    request: { method: 'GET', path: '/' },
    response: {
      status: side.status ?? 200,
      ...(side.headers ? { headers: side.headers } : {}),
      // `"body": null` in a pact is an explicitly empty (null) body, not an absent one.
      ...(body === null ? { body: { content: null } } : body ? { body } : {}),
      ...(side.matchingRules ? { matchingRules: side.matchingRules } : {}),
    },
  };
}

/**
 * What an HTTP client records: header lists joined with ", ", the body as text ("" when none, as
 * for a null body), and the body's content type as Content-Type when the case gives no such
 * header (a provider sends the body with one).
 */
function toActual(side: CaseSide): ActualResponse {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(side.headers ?? {})) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  const body = bodyOf(side.body);
  const content = body?.content;
  const text = content === undefined || content === null ? '' : typeof content === 'string' ? content : JSON.stringify(content);
  if (body?.contentType && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = body.contentType;
  return { status: side.status ?? 200, headers, body: text };
}
