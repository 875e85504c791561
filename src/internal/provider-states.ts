/**
 * What a provider state's params mean. Plain names (`id`, `userId`) are keys: the provider sets
 * up an object under that key and answers the value, which Pact's verifier puts in the path.
 * Names starting with `@` describe what the documented example shows about that object, so that
 * a provider (the built-in mock) can set up the object the example is about:
 *   `@entitySet`  the collection the object lives in (`/v1.0/deviceManagement/deviceConfigurations`);
 *   `@odata.type` its derived type (`#microsoft.graph.androidCustomConfiguration`);
 *   `@entity`     the object as documented (the example's response);
 *   `@entities`   for a list: the objects the set holds (the example's `value`).
 * A provider that only knows keys (the live target) ignores them.
 */
export const STATE_DETAILS = {
  entitySet: '@entitySet',
  odataType: '@odata.type',
  entity: '@entity',
  entities: '@entities',
} as const;

function isDetailParam(name: string): boolean {
  return name.startsWith('@');
}

/** The key params of a state (plain names with scalar values), as strings. */
export function keyParams(params: Record<string, unknown> | undefined): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (isDetailParam(name) || value === null || typeof value === 'object') continue;
    keys[name] = String(value);
  }
  return keys;
}
