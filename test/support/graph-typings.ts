/**
 * Reads `@microsoft/microsoft-graph-types` (typings generated from Graph's own schema) with the
 * TypeScript compiler API, as an outside oracle for the types the extractor reads from the docs.
 *
 * The typings hold an interface per entity and complex type (`interface User extends
 * DirectoryObject`), a string-literal union per enum (`type TeamVisibilityType = "private" |
 * "public"`) and namespaces for the sub-namespaces of `microsoft.graph` (`CallRecords`,
 * `SecurityNamespace`, `Partners.Billing`). Only the syntax tree is read: no type checker, no
 * program, so reading the 2 MB file takes well under a second.
 *
 * This is test code: the typings are a dev dependency, never a runtime one.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as ts from 'typescript';

/** What the typings say a property holds, in the kinds both sides can express. */
export type OracleKind =
  | { kind: 'string' | 'number' | 'boolean' | 'any' }
  | { kind: 'enum'; name: string; members: string[] }
  | { kind: 'complex'; name: string }
  | { kind: 'collection'; of: OracleKind }
  | { kind: 'other'; text: string };

interface OracleInterface {
  kind: 'interface';
  /** Graph's qualified name, as the typings spell it (`microsoft.graph.callRecords.CallRecord`). */
  name: string;
  /** Own properties by lower-case name. */
  properties: Map<string, { name: string; type: OracleKind }>;
  /** Qualified lower-case names of the interfaces it extends. */
  bases: string[];
}

interface OracleEnum {
  kind: 'enum';
  name: string;
  members: string[];
}

export type OracleType = OracleInterface | OracleEnum;

export interface GraphTypings {
  /** The package version read. */
  version: string;
  /** Types by lower-case qualified Graph name (`microsoft.graph.callrecords.callrecord`). */
  types: Map<string, OracleType>;
  /** Types by lower-case simple name, for matching across namespaces. */
  bySimpleName: Map<string, OracleType[]>;
  /** Own and inherited properties of an interface, by lower-case name (own first). */
  allProperties(type: OracleInterface): Map<string, { name: string; type: OracleKind }>;
}

const PACKAGE = '@microsoft/microsoft-graph-types';

/** The typings file, or null with the reason when the package is not installed. */
export function locateTypings(): { file: string; version: string } | { reason: string } {
  try {
    const manifest = require.resolve(`${PACKAGE}/package.json`);
    const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    const file = manifest.replace(/package\.json$/, 'microsoft-graph.d.ts');
    if (!existsSync(file)) return { reason: `${PACKAGE} ${version} has no microsoft-graph.d.ts` };
    return { file, version };
  } catch {
    return { reason: `${PACKAGE} is not installed (npm install)` };
  }
}

/** `CallRecords` → `callRecords`, `SecurityNamespace` → `security` (the typings rename clashes). */
function graphNamespace(tsNamespace: string[]): string {
  return ['microsoft', 'graph', ...tsNamespace.map((n) => lowerFirst(n.replace(/Namespace$/, '')))].join('.');
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function readGraphTypings(file: string, version: string): GraphTypings {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  // First pass: declarations by namespace, so that type references can be resolved in the second.
  const aliases = new Map<string, ts.TypeAliasDeclaration>();
  const interfaces = new Map<string, { node: ts.InterfaceDeclaration; namespace: string }>();
  const visit = (statements: readonly ts.Statement[], namespace: string[]): void => {
    for (const statement of statements) {
      if (ts.isModuleDeclaration(statement)) {
        const path = [...namespace];
        let body: ts.ModuleDeclaration['body'] = statement.body;
        path.push(statement.name.getText(source));
        // `namespace Partners.Billing` nests one module declaration in another.
        while (body && ts.isModuleDeclaration(body)) {
          path.push(body.name.getText(source));
          body = body.body;
        }
        if (body && ts.isModuleBlock(body)) visit(body.statements, path);
      } else if (ts.isTypeAliasDeclaration(statement)) {
        aliases.set(`${graphNamespace(namespace)}.${statement.name.text}`.toLowerCase(), statement);
      } else if (ts.isInterfaceDeclaration(statement)) {
        interfaces.set(`${graphNamespace(namespace)}.${statement.name.text}`.toLowerCase(), { node: statement, namespace: graphNamespace(namespace) });
      }
    }
  };
  visit(source.statements, []);

  const types = new Map<string, OracleType>();
  for (const [key, alias] of aliases) {
    const members = stringLiterals(alias.type);
    if (members) types.set(key, { kind: 'enum', name: key, members });
  }

  /** A reference (`Foo`, `microsoftgraph.Foo`) from inside `namespace`: own namespace, then root. */
  const lookup = (reference: string, namespace: string): string | null => {
    const parts = reference.split('.');
    const candidates =
      parts[0] === 'microsoftgraph' ? [`microsoft.graph.${parts.slice(1).join('.')}`] : [`${namespace}.${reference}`, `microsoft.graph.${reference}`];
    for (const candidate of candidates.map((c) => c.toLowerCase())) if (types.has(candidate) || interfaces.has(candidate)) return candidate;
    return null;
  };

  const kindOf = (node: ts.TypeNode, namespace: string): OracleKind => {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { kind: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { kind: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { kind: 'boolean' };
      case ts.SyntaxKind.AnyKeyword:
        return { kind: 'any' };
    }
    if (ts.isArrayTypeNode(node)) return { kind: 'collection', of: kindOf(node.elementType, namespace) };
    if (ts.isParenthesizedTypeNode(node)) return kindOf(node.type, namespace);
    if (ts.isUnionTypeNode(node)) {
      const members = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
      if (members.length === 1) return kindOf(members[0]!, namespace);
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(source);
      if (name === 'NullableOption' && node.typeArguments?.length === 1) return kindOf(node.typeArguments[0]!, namespace);
      const target = lookup(name, namespace);
      const type = target ? types.get(target) : undefined;
      if (type?.kind === 'enum') return { kind: 'enum', name: type.name, members: type.members };
      if (target && interfaces.has(target)) return { kind: 'complex', name: target };
    }
    return { kind: 'other', text: node.getText(source) };
  };

  for (const [key, { node, namespace }] of interfaces) {
    const properties = new Map<string, { name: string; type: OracleKind }>();
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(source);
      properties.set(name.toLowerCase(), { name, type: kindOf(member.type, namespace) });
    }
    const bases = (node.heritageClauses ?? [])
      .flatMap((clause) => clause.types.map((t) => lookup(t.expression.getText(source), namespace)))
      .filter((b): b is string => b !== null);
    types.set(key, { kind: 'interface', name: key, properties, bases });
  }

  const bySimpleName = new Map<string, OracleType[]>();
  for (const [key, type] of types) {
    const simple = key.slice(key.lastIndexOf('.') + 1);
    bySimpleName.set(simple, [...(bySimpleName.get(simple) ?? []), type]);
  }

  const allProperties = (type: OracleInterface): Map<string, { name: string; type: OracleKind }> => {
    const all = new Map<string, { name: string; type: OracleKind }>();
    const seen = new Set<string>();
    for (let current: OracleType | undefined = type; current?.kind === 'interface' && !seen.has(current.name); ) {
      seen.add(current.name);
      for (const [name, property] of current.properties) if (!all.has(name)) all.set(name, property);
      // Graph types have one base; the typings never extend more than one interface.
      current = current.bases[0] ? types.get(current.bases[0]) : undefined;
    }
    return all;
  };

  return { version, types, bySimpleName, allProperties };
}

/** The members of a union of string literals (`"a" | "b"`), or null for any other alias. */
function stringLiterals(node: ts.TypeNode): string[] | null {
  const parts = ts.isUnionTypeNode(node) ? node.types : [node];
  const members: string[] = [];
  for (const part of parts) {
    if (!ts.isLiteralTypeNode(part) || !ts.isStringLiteral(part.literal)) return null;
    members.push(part.literal.text);
  }
  return members;
}
