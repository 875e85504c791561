/**
 * Reading a request body into the mock without letting one request exhaust it: JSON bodies are
 * buffered up to a limit (a declared or streamed size above it is refused before it is held), other
 * bodies (uploads) are read and dropped, since the mock never looks at them; and a JSON text
 * nested deeper than any Graph payload is refused before it is parsed, because serialising such a
 * value again (`JSON.stringify`) overflows the stack.
 */
import type { IncomingMessage } from 'node:http';

/** Default limit of a JSON request body the mock holds in memory. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Graph payloads nest a few levels (a dozen at most); 64 leaves room and stays far from the stack limit. */
export const MAX_JSON_DEPTH = 64;

export type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true; bytes: number };

/**
 * The body as text when `keep` (JSON), else drained and dropped (''). A body over `maxBytes` (by
 * its Content-Length, or as it streams in) is not held: the answer is `tooLarge`, and the caller
 * answers 413 and closes the connection, so the rest is never read.
 */
export function readBody(request: IncomingMessage, maxBytes: number, keep: boolean): Promise<BodyRead> {
  const declared = Number(request.headers['content-length']);
  if (keep && Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, tooLarge: true, bytes: declared });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const finish = (result: BodyRead): void => {
      if (done) return;
      done = true;
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      if (done || !keep) return;
      bytes += chunk.length;
      if (bytes > maxBytes) {
        chunks.length = 0;
        // Stop reading: the rest stays in the socket until the 413 is sent and the connection closed.
        request.pause();
        return finish({ ok: false, tooLarge: true, bytes });
      }
      chunks.push(chunk);
    });
    request.on('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    // A client that goes away mid-body: nothing to answer; the empty text is never routed further.
    request.on('error', () => finish({ ok: true, text: '' }));
    request.on('aborted', () => finish({ ok: true, text: '' }));
  });
}

/** Whether a JSON text nests arrays and objects deeper than `max` (a linear scan, strings skipped). */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
