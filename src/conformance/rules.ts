/**
 * One category of a pact's matching rules (body, header, status) compiled for lookups by
 * concrete path, with Pact V4's selection semantics (see path.ts).
 */
import { parsePath, pathWeight, type ConcretePath, type PathToken } from './path';

export type Matcher = {
  match: string;
  regex?: string;
  min?: number;
  max?: number;
  value?: unknown;
  format?: string;
  /** V3 spellings of a date/time format. */
  date?: string;
  time?: string;
  timestamp?: string;
  datetime?: string;
  /** eachKey / eachValue: the rules every key or value must pass. */
  rules?: Matcher[];
  /** arrayContains: which expected items must be found, each with its own rules (paths from `$`, the item). */
  variants?: { index: number; rules?: Record<string, RuleSet> }[];
  /** statusCode */
  status?: string | number[];
};

export interface RuleSet {
  combine?: 'AND' | 'OR';
  matchers: Matcher[];
}

/** The rules that govern one place, and whether they were written for an ancestor of it. */
export interface SelectedRules {
  combine: 'AND' | 'OR';
  matchers: Matcher[];
  cascaded: boolean;
  /** The rule's own path expression, for reports. */
  expression: string;
}

interface Entry {
  expression: string;
  tokens: PathToken[];
  rules: RuleSet;
}

/** Header and query rules are keyed by a plain name (`Accept`, `X-Id[0]`) rather than a path. */
function nameTokens(name: string): PathToken[] | null {
  if (name.startsWith('$') || name.trim() === '') return null;
  const indexed = /^(.*)\[(\d+)\]$/.exec(name);
  return indexed ? [{ kind: 'root' }, { kind: 'field', name: indexed[1]! }, { kind: 'index', index: Number(indexed[2]) }] : [{ kind: 'root' }, { kind: 'field', name }];
}

export class RuleCategory {
  private readonly entries: Entry[];

  constructor(rules: Record<string, RuleSet> | undefined) {
    this.entries = Object.entries(rules ?? {}).flatMap(([expression, set]) => {
      const tokens = parsePath(expression) ?? nameTokens(expression);
      return tokens && Array.isArray(set?.matchers) && set.matchers.length > 0 ? [{ expression, tokens, rules: set }] : [];
    });
  }

  static of(entries: { expression: string; rules: RuleSet }[]): RuleCategory {
    return new RuleCategory(Object.fromEntries(entries.map((e) => [e.expression, e.rules])));
  }

  get empty(): boolean {
    return this.entries.length === 0;
  }

  /** Pact's `matcher_is_defined`: some rule applies here, its own or an ancestor's. */
  isDefined(path: ConcretePath): boolean {
    return this.entries.some((e) => pathWeight(e.tokens, path) > 0);
  }

  /** Pact's `select_best_matcher`: the applicable rule with the greatest weight times length. */
  best(path: ConcretePath): SelectedRules | null {
    let best: { entry: Entry; score: number } | null = null;
    for (const entry of this.entries) {
      const weight = pathWeight(entry.tokens, path);
      if (weight === 0) continue;
      const score = weight * entry.tokens.length;
      if (!best || score > best.score) best = { entry, score };
    }
    if (!best) return null;
    const { entry } = best;
    return { combine: entry.rules.combine === 'OR' ? 'OR' : 'AND', matchers: entry.rules.matchers, cascaded: entry.tokens.length !== path.length, expression: entry.expression };
  }

  /** Pact's `direct_matcher_defined`: a rule written for exactly this place has one of these matchers. */
  directlyDefined(path: ConcretePath, names: readonly string[]): boolean {
    return this.entries.some((e) => e.tokens.length === path.length && pathWeight(e.tokens, path) > 0 && e.rules.matchers.some((m) => names.includes(m.match)));
  }

  /** The eachKey rules written for exactly this place. */
  eachKeyRules(path: ConcretePath): Matcher[][] {
    return this.entries
      .filter((e) => e.tokens.length === path.length && pathWeight(e.tokens, path) > 0)
      .flatMap((e) => e.rules.matchers.filter((m) => m.match === 'eachKey').map((m) => m.rules ?? []));
  }
}
