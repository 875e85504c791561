/**
 * Pact matching-rule path expressions (`$.animals[*].name`, `$['@odata.type']`, `$.*`) and how a
 * rule is chosen for a concrete place in a body, as Pact V4 does it (pact_models `path_exp`,
 * `MatchingRuleCategory::select_best_matcher`): an expression applies to every path it is a prefix
 * of, each step weighing 2 when it names the step exactly and 1 for a wildcard; the best rule has
 * the highest weight times its length, and is "cascaded" when it was written for an ancestor.
 */

export type PathToken =
  | { kind: 'root' }
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'star' }
  | { kind: 'starIndex' };

/** A concrete place in a document: `['$', 'value', 0, 'id']` (list indexes are numbers). */
export type ConcretePath = readonly (string | number)[];

const cache = new Map<string, PathToken[] | null>();

/** Parses a rule's path expression; null when it is not one (such a rule never applies). */
export function parsePath(expression: string): PathToken[] | null {
  const cached = cache.get(expression);
  if (cached !== undefined) return cached;
  const tokens = parse(expression.trim());
  cache.set(expression, tokens);
  return tokens;
}

function parse(text: string): PathToken[] | null {
  if (!text.startsWith('$')) return null;
  const tokens: PathToken[] = [{ kind: 'root' }];
  let i = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '.') {
      const match = /^\.(\*|[^.[\]]+)/.exec(text.slice(i));
      if (!match) return null;
      tokens.push(match[1] === '*' ? { kind: 'star' } : { kind: 'field', name: match[1]! });
      i += match[0].length;
    } else if (c === '[') {
      const rest = text.slice(i);
      const quoted = /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/.exec(rest) ?? /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest);
      const bare = /^\[\s*(\*|\d+)\s*\]/.exec(rest);
      if (quoted) {
        tokens.push(quoted[1] === '*' ? { kind: 'star' } : { kind: 'field', name: quoted[1]!.replace(/\\(.)/g, '$1') });
        i += quoted[0].length;
      } else if (bare) {
        tokens.push(bare[1] === '*' ? { kind: 'starIndex' } : { kind: 'index', index: Number(bare[1]) });
        i += bare[0].length;
      } else return null;
    } else return null;
  }
  return tokens;
}

function tokenWeight(token: PathToken, step: string | number): number {
  // Pact's concrete paths are strings: an index and a key of digits weigh the same.
  const fragment = String(step);
  switch (token.kind) {
    case 'root':
      return fragment === '$' ? 2 : 0;
    case 'field':
      return fragment === token.name ? 2 : 0;
    case 'index':
      return /^\d+$/.test(fragment) && Number(fragment) === token.index ? 2 : 0;
    case 'starIndex':
      return /^\d+$/.test(fragment) ? 1 : 0;
    case 'star':
      return 1;
  }
}

/** Pact's path weight: 0 when the expression does not apply to (is not a prefix of) the path. */
export function pathWeight(tokens: PathToken[], path: ConcretePath): number {
  if (path.length < tokens.length) return 0;
  let weight = 1;
  for (let i = 0; i < tokens.length && weight > 0; i++) weight *= tokenWeight(tokens[i]!, path[i]!);
  return weight;
}

/** Pact's display form of a concrete path: `$.value[0]['@odata.type']`. */
export function formatPath(path: ConcretePath): string {
  return path
    .map((step, i) => {
      if (i === 0) return step;
      if (typeof step === 'number' || /^\d+$/.test(step)) return `[${step}]`;
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(step) ? `.${step}` : `['${step}']`;
    })
    .join('');
}
