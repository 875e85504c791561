/**
 * Which pact file (provider) each interaction goes to. By default one provider per API version
 * and top path segment (`graph-v1.0-users`); a group larger than `maxPerPact` is split by its
 * second segment, so that no pact file grows past a few hundred interactions (pact files are
 * re-read by every tool that touches them). `override` puts everything under one name.
 */
import type { InteractionSpec } from './interactions';

const DEFAULT_MAX_PER_PACT = 200;

export function assignProviders(specs: InteractionSpec[], options: { override?: string; maxPerPact?: number } = {}): Map<InteractionSpec, string> {
  const assigned = new Map<InteractionSpec, string>();
  if (options.override) {
    for (const spec of specs) assigned.set(spec, options.override);
    return assigned;
  }
  const max = options.maxPerPact ?? DEFAULT_MAX_PER_PACT;
  const groups = new Map<string, InteractionSpec[]>();
  for (const spec of specs) {
    const members = groups.get(spec.provider) ?? [];
    members.push(spec);
    groups.set(spec.provider, members);
  }
  for (const [provider, members] of groups) {
    for (const spec of members) {
      if (members.length <= max) {
        assigned.set(spec, provider);
        continue;
      }
      // The first segment after the top one that is not a key (`/users/${id}/messages` → messages).
      const segments = (spec.request.pathExpression ?? spec.request.path).split('/').slice(3);
      const second = segments.find((s) => !s.includes('${'))?.replace(/\(.*$/, '').replace(/[^A-Za-z0-9_.-]/g, '') || 'root';
      assigned.set(spec, `${provider}-${second}`);
    }
  }
  return assigned;
}

/**
 * Interaction descriptions must be unique within a pact file: Pact identifies an interaction by
 * its description (and states). Pages that share a title and an unnamed example (Intune documents
 * `Get deviceAppManagement` on several pages) get the page's file name appended.
 */
export function makeDescriptionsUnique(specs: InteractionSpec[], providers: Map<InteractionSpec, string>): void {
  const seen = new Map<string, number>();
  for (const spec of specs) {
    const id = `${providers.get(spec)}\u0000${spec.description}`;
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  for (const spec of specs) {
    if ((seen.get(`${providers.get(spec)}\u0000${spec.description}`) ?? 0) > 1) {
      spec.description = `${spec.description} (${spec.page.split('/').pop()})`;
    }
  }
}
