/**
 * Reads one page file defensively: size limit before reading, binary detection, UTF-8 validation.
 * Bad files become diagnostics, never exceptions.
 */
import { readFileSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { diagnostic, type Diagnostic, type SourceRef } from '../contract/diagnostics';

/** Real Graph pages are under 200 kB; anything above this is not a reference page. */
export const DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024;

export type ReadResult = { ok: true; text: string; bytes: number; diagnostics: Diagnostic[] } | { ok: false; bytes: number; diagnostics: Diagnostic[] };

export function readPage(path: string, display: string, maxBytes: number): ReadResult {
  const at = { file: display, line: 1, column: 1 };
  let size: number;
  let text: string;
  try {
    // The size limit is checked before anything is read. Reading with 'utf8' takes Node's native
    // read-and-decode path, ~30% faster over the corpus than open + fstat + read + decode in JS.
    const stat = statSync(path);
    // Only regular files: a device (/dev/zero) or a named pipe could block or be read forever, and
    // neither has a size to check against the limit.
    if (!stat.isFile()) {
      return { ok: false, bytes: 0, diagnostics: [diagnostic('file_unreadable', 'The path is not a regular file (a device, a pipe or a socket); it was not read.', at)] };
    }
    size = stat.size;
    if (size > maxBytes) {
      return { ok: false, bytes: size, diagnostics: [diagnostic('file_too_large', `The file is ${size} bytes, over the ${maxBytes}-byte limit; it was not read.`, at)] };
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return unreadable(error, at);
  }
  if (text.trim() === '') {
    return { ok: false, bytes: size, diagnostics: [diagnostic('file_empty', 'The file is empty.', at)] };
  }
  const diagnostics: Diagnostic[] = [];
  // A NUL or a replacement character can only come from a binary file, bytes that are not UTF-8,
  // or (rarely) a real U+FFFD: only then are the bytes read and checked.
  const nul = text.indexOf('\0');
  if ((nul >= 0 && nul < BINARY_WINDOW) || text.includes('\uFFFD')) {
    let buffer: Buffer;
    try {
      buffer = readFileSync(path);
    } catch (error) {
      return unreadable(error, at);
    }
    const nulByte = buffer.indexOf(0);
    if (nulByte >= 0 && nulByte < BINARY_WINDOW) {
      return { ok: false, bytes: buffer.length, diagnostics: [diagnostic('file_binary', 'The file holds NUL bytes: it is binary, not markdown.', at)] };
    }
    if (!isUtf8(buffer)) {
      const line = firstInvalidUtf8Line(buffer);
      diagnostics.push(diagnostic('file_invalid_utf8', 'The file is not valid UTF-8.', { file: display, line, column: 1 }));
    }
  }
  // Files such as /proc's report size 0: their size is the text's.
  if (size === 0) size = Buffer.byteLength(text);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { ok: true, text, bytes: size, diagnostics };
}

/** A NUL byte within the first 8 kB marks a binary file. */
const BINARY_WINDOW = 8192;

function unreadable(error: unknown, at: SourceRef): ReadResult {
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, bytes: 0, diagnostics: [diagnostic('file_unreadable', `The file cannot be read: ${reason}.`, at)] };
}

/** The line of the first byte sequence that is not UTF-8 (validating line by line). */
function firstInvalidUtf8Line(buffer: Buffer): number {
  let line = 1;
  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(0x0a, start);
    if (end < 0) end = buffer.length;
    if (!isUtf8(buffer.subarray(start, end))) return line;
    line++;
    start = end + 1;
  }
  return line;
}
