/**
 * Compares the extracted contract model's types with Graph's own typings (see graph-typings.ts).
 *
 * - Types are matched by qualified name (case-insensitive); a type the typings file under another
 *   namespace is matched by its simple name when exactly one type has it.
 * - A pair is a (type, property) the docs document and the typings also have, the typings'
 *   inherited properties included (docs often repeat inherited properties on a derived page).
 * - Kinds are compared as the typings can express them: string (Edm.String, Guid, the date and
 *   time types, Duration, Binary: all `string` in the typings), number, boolean, any (Untyped,
 *   Stream), enum, complex, collection of X. Enums agree when every member the docs list is a
 *   member in the schema (members added since the docs were written are drift, not disagreement).
 */
import type { ContractModel, ResourceType, TypeRef } from '../../src/contract/model';
import type { GraphTypings, OracleKind, OracleType } from './graph-typings';

interface Disagreement {
  /** `microsoft.graph.team.visibility`: the model type's name and the property. */
  key: string;
  model: string;
  typings: string;
}

export interface OracleReport {
  modelTypes: number;
  matchedTypes: number;
  matchedAcrossNamespace: number;
  unmatched: string[];
  pairs: number;
  agreeing: number;
  disagreements: Disagreement[];
  /** Model enum types whose members the typings' enum has (all of them). */
  enumTypes: { compared: number; agreeing: number };
  /** Model types whose kind (enum or not) contradicts the typings (an enum documented as complex). */
  typeKindMismatches: Disagreement[];
}

export function compareWithTypings(model: ContractModel, typings: GraphTypings): OracleReport {
  const report: OracleReport = {
    modelTypes: 0,
    matchedTypes: 0,
    matchedAcrossNamespace: 0,
    unmatched: [],
    pairs: 0,
    agreeing: 0,
    disagreements: [],
    enumTypes: { compared: 0, agreeing: 0 },
    typeKindMismatches: [],
  };
  for (const type of Object.values(model.types)) {
    report.modelTypes++;
    const oracle = findType(type.name, typings);
    if (!oracle) {
      report.unmatched.push(type.name);
      continue;
    }
    report.matchedTypes++;
    if (oracle.across) report.matchedAcrossNamespace++;
    const found = oracle.type;
    if ((type.kind === 'enum') !== (found.kind === 'enum')) {
      report.typeKindMismatches.push({ key: type.name, model: type.kind, typings: found.kind === 'enum' ? 'enum' : 'interface' });
      continue;
    }
    if (found.kind === 'enum') {
      report.enumTypes.compared++;
      if (membersAgree(type.members, found.members)) report.enumTypes.agreeing++;
      continue;
    }
    const schemaProperties = typings.allProperties(found);
    for (const property of ownProperties(type)) {
      const schema = schemaProperties.get(property.name.toLowerCase());
      if (!schema) continue;
      report.pairs++;
      if (kindsAgree(property.type, schema.type)) report.agreeing++;
      else report.disagreements.push({ key: `${type.name}.${property.name}`, model: describeModel(property.type), typings: describeOracle(schema.type) });
    }
  }
  report.unmatched.sort();
  report.disagreements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return report;
}

function ownProperties(type: ResourceType): ResourceType['properties'] {
  // A property documented twice on one page (in two tables) is one pair.
  const seen = new Set<string>();
  return [...type.properties, ...type.relationships].filter((p) => !seen.has(p.name.toLowerCase()) && seen.add(p.name.toLowerCase()));
}

function findType(name: string, typings: GraphTypings): { type: OracleType; across: boolean } | null {
  const exact = typings.types.get(name.toLowerCase());
  if (exact) return { type: exact, across: false };
  const simple = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const candidates = typings.bySimpleName.get(simple) ?? [];
  return candidates.length === 1 ? { type: candidates[0]!, across: true } : null;
}

function membersAgree(documented: string[], schema: string[]): boolean {
  const known = new Set(schema.map((m) => m.toLowerCase()));
  return documented.every((m) => known.has(m.toLowerCase()));
}

const STRING_LIKE = new Set(['Edm.String', 'Edm.Guid', 'Edm.DateTimeOffset', 'Edm.Date', 'Edm.TimeOfDay', 'Edm.Duration', 'Edm.Binary']);
const NUMBER_LIKE = new Set(['Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Byte', 'Edm.SByte', 'Edm.Single', 'Edm.Double', 'Edm.Decimal']);

/** The primitive's kind as the typings write it. */
function primitiveKind(name: string): 'string' | 'number' | 'boolean' | 'any' {
  if (STRING_LIKE.has(name)) return 'string';
  if (NUMBER_LIKE.has(name)) return 'number';
  if (name === 'Edm.Boolean') return 'boolean';
  return 'any';
}

function kindsAgree(documented: TypeRef, schema: OracleKind): boolean {
  switch (documented.kind) {
    case 'collection':
      return schema.kind === 'collection' && kindsAgree(documented.of, schema.of);
    case 'primitive':
      return schema.kind === primitiveKind(documented.name);
    case 'enum':
      return schema.kind === 'enum' && membersAgree(documented.members, schema.members);
    case 'complex':
      return schema.kind === 'complex';
    case 'unknown':
      return false;
  }
}

function describeModel(type: TypeRef): string {
  switch (type.kind) {
    case 'collection':
      return `collection of ${describeModel(type.of)}`;
    case 'primitive':
      return type.name;
    case 'enum':
      return `enum ${type.name ?? '(inline)'} [${type.members.join(', ')}]`;
    case 'complex':
      return `complex ${type.name}`;
    case 'unknown':
      return `unknown \`${type.raw}\``;
  }
}

function describeOracle(type: OracleKind): string {
  switch (type.kind) {
    case 'collection':
      return `collection of ${describeOracle(type.of)}`;
    case 'enum':
      return `enum ${type.name} [${type.members.join(', ')}]`;
    case 'complex':
      return `complex ${type.name}`;
    case 'other':
      return `other \`${type.text}\``;
    default:
      return type.kind;
  }
}
