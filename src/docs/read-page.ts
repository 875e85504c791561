/**
 * Reads one page file defensively: size limit before reading, binary detection, UTF-8 validation.
 * Bad files become diagnostics, never exceptions.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { diagnostic, type Diagnostic } from '../contract/diagnostics';

/** Real Graph pages are under 200 kB; anything above this is not a reference page. */
export const DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024;

export type ReadResult = { ok: true; text: string; bytes: number; diagnostics: Diagnostic[] } | { ok: false; bytes: number; diagnostics: Diagnostic[] };

export function readPage(path: string, display: string, maxBytes: number): ReadResult {
  const at = { file: display, line: 1, column: 1 };
  let buffer: Buffer;
  let fd: number | null = null;
  try {
    // One open and one fstat: the size limit is checked before anything is read.
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > maxBytes) {
      return { ok: false, bytes: size, diagnostics: [diagnostic('file_too_large', `The file is ${size} bytes, over the ${maxBytes}-byte limit; it was not read.`, at)] };
    }
    buffer = readFileSync(fd);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, bytes: 0, diagnostics: [diagnostic('file_unreadable', `The file cannot be read: ${reason}.`, at)] };
  } finally {
    if (fd !== null) closeSync(fd);
  }
  // Decoded once: the emptiness check and the extraction share the text.
  let text = buffer.toString('utf8');
  if (text.trim() === '') {
    return { ok: false, bytes: buffer.length, diagnostics: [diagnostic('file_empty', 'The file is empty.', at)] };
  }
  // A NUL in the first 8 kB; indexOf scans natively without creating a subarray per page.
  const nul = buffer.indexOf(0);
  if (nul >= 0 && nul < 8192) {
    return { ok: false, bytes: buffer.length, diagnostics: [diagnostic('file_binary', 'The file holds NUL bytes: it is binary, not markdown.', at)] };
  }
  const diagnostics: Diagnostic[] = [];
  if (!isUtf8(buffer)) {
    const line = firstInvalidUtf8Line(buffer);
    diagnostics.push(diagnostic('file_invalid_utf8', 'The file is not valid UTF-8.', { file: display, line, column: 1 }));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { ok: true, text, bytes: buffer.length, diagnostics };
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
