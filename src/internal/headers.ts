/**
 * HTTP headers as one flat map: lower-case names, string values, repeated headers joined with
 * `, `. Shared by the Graph client (axios responses), the token client and the recording proxy
 * (Node's incoming headers), which all read headers by lower-case name.
 */
export function flatHeaders(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

/** The first header of this name (any case), or null. */
export function headerValue(headers: readonly { name: string; value: string }[], name: string): string | null {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value ?? null;
}
