/**
 * Reads the text of an HTTP example fence: a request (`METHOD url`, headers, body) or a response
 * (`HTTP/1.1 <status> <reason>`, headers, body).
 *
 * Layout quirks handled here (survey §4, §5, §12): blank lines between the request line and the
 * headers; no blank line before the body; header-name case; status lines without a version or a
 * reason phrase. Content-Length is kept as written but never trusted.
 */
import type { Header } from '../contract/model';

const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S.*?)(?:\s+HTTP\/\d(?:\.\d)?)?\s*$/;
const STATUS_LINE = /^HTTP(\/\d(?:\.\d)?)?\s+(\d{3})(?:\s+(.*?))?\s*$/i;
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*?)\s*$/;

export type FenceContentKind = 'request' | 'response' | 'other';

/** What a fence holds, judged by its first non-blank line. */
export function classifyFenceContent(content: string): FenceContentKind {
  const first = firstNonBlankLine(content);
  if (REQUEST_LINE.test(first)) return 'request';
  if (STATUS_LINE.test(first)) return 'response';
  return 'other';
}

function firstNonBlankLine(content: string): string {
  let start = 0;
  while (start < content.length) {
    const end = content.indexOf('\n', start);
    const line = end < 0 ? content.slice(start) : content.slice(start, end);
    if (line.trim() !== '') return line.trim();
    if (end < 0) break;
    start = end + 1;
  }
  return '';
}

interface HttpMessageText {
  headers: Header[];
  /** The body, trimmed at the end; null when there is none. */
  body: string | null;
  /** 0-based index of the body's first line within the fence content. */
  bodyLineIndex: number;
}

export interface RequestText extends HttpMessageText {
  method: string;
  url: string;
  /** 0-based index of the request line within the fence content. */
  lineIndex: number;
  /** Indexes of further request lines found in the body (several requests in one block). */
  extraRequestLines: number[];
}

export interface ResponseText extends HttpMessageText {
  status: number;
  reason: string | null;
  /** False for `HTTP 201 Created` (no `/1.1`). */
  hasVersion: boolean;
  lineIndex: number;
}

export function parseRequestText(content: string): RequestText | null {
  const lines = content.split('\n');
  const lineIndex = lines.findIndex((l) => l.trim() !== '');
  const match = lineIndex >= 0 ? REQUEST_LINE.exec(lines[lineIndex]!.trim()) : null;
  if (!match) return null;
  const message = readHeadersAndBody(content, lines, lineIndex + 1);
  const extraRequestLines: number[] = [];
  for (let i = message.bodyLineIndex; message.body !== null && i < lines.length; i++) {
    // The cheap test first: body lines of JSON fail it at their first character.
    if (/^\s*[A-Z]+\s+(https?:\/\/|\/)/.test(lines[i]!) && REQUEST_LINE.test(lines[i]!.trim())) extraRequestLines.push(i);
  }
  return { method: match[1]!, url: match[2]!, lineIndex, extraRequestLines, ...message };
}

export function parseResponseText(content: string): ResponseText | null {
  const lines = content.split('\n');
  const lineIndex = lines.findIndex((l) => l.trim() !== '');
  const match = lineIndex >= 0 ? STATUS_LINE.exec(lines[lineIndex]!.trim()) : null;
  if (!match) return null;
  const reason = match[3]?.trim() || null;
  return {
    status: Number(match[2]),
    reason,
    hasVersion: match[1] !== undefined,
    lineIndex,
    ...readHeadersAndBody(content, lines, lineIndex + 1),
  };
}

/** `lines` is `content` split at newlines. */
function readHeadersAndBody(content: string, lines: string[], from: number): HttpMessageText {
  let i = from;
  // A blank line right after the request line followed by header lines: the headers still count
  // (181 requests in the corpus are written this way, e.g. the Intune `assign` pages).
  let probe = i;
  while (probe < lines.length && lines[probe]!.trim() === '') probe++;
  if (probe > i && probe < lines.length && isHeaderLine(lines[probe]!)) i = probe;

  const headers: Header[] = [];
  for (; i < lines.length && isHeaderLine(lines[i]!); i++) {
    const match = HEADER_LINE.exec(lines[i]!.trim())!;
    headers.push({ name: match[1]!, value: match[2]! });
  }
  while (i < lines.length && lines[i]!.trim() === '') i++;
  // The body is the content from line i on: sliced at its offset rather than re-joined from lines.
  let offset = 0;
  for (let k = 0; k < i; k++) offset += lines[k]!.length + 1;
  const rest = content.slice(offset).trimEnd();
  return { headers, body: rest === '' ? null : rest, bodyLineIndex: i };
}

function isHeaderLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || /^[{[<"-]/.test(trimmed)) return false;
  return HEADER_LINE.test(trimmed);
}

/** Standard reason phrases, to flag `201 OK` and friends. */
const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The standard reason phrase when `reason` is a different one, else null. */
export function expectedReason(status: number, reason: string | null): string | null {
  const standard = REASONS[status];
  if (!standard || reason === null) return null;
  const normalise = (s: string): string => s.toLowerCase().replace(/[\s-]/g, '');
  return normalise(reason) === normalise(standard) ? null : standard;
}

