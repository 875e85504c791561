/**
 * The contract model: plain, serialisable data extracted from Graph reference pages.
 *
 * Every element carries a `source` (file:line:column) so that diagnostics, pact interactions and
 * conformance findings can point back at the line of documentation they came from. Nothing here is
 * a class instance: the model is written to JSON by `graph-contracts extract --json` and read back
 * by the later stages unchanged.
 */
import type { Diagnostic, SourceRef } from './diagnostics';

export type { Diagnostic, SourceRef } from './diagnostics';

/** The Edm primitive types Graph documents, after normalising spellings such as `string` or `GUID`. */
export type EdmPrimitive =
  | 'Edm.String'
  | 'Edm.Boolean'
  | 'Edm.Int16'
  | 'Edm.Int32'
  | 'Edm.Int64'
  | 'Edm.Byte'
  | 'Edm.SByte'
  | 'Edm.Single'
  | 'Edm.Double'
  | 'Edm.Decimal'
  | 'Edm.Guid'
  | 'Edm.DateTimeOffset'
  | 'Edm.Date'
  | 'Edm.TimeOfDay'
  | 'Edm.Duration'
  | 'Edm.Binary'
  | 'Edm.Stream'
  | 'Edm.Untyped';

/** A declared property type, normalised from the many spellings of the docs' type cells. */
export type TypeRef =
  | { kind: 'primitive'; name: EdmPrimitive }
  | {
      kind: 'enum';
      /** Qualified name when the docs name the enum type; null for an inline `Enumeration`. */
      name: string | null;
      members: string[];
      /** Link target relative to the docs root, when the cell links to a page. */
      ref?: string;
    }
  | {
      kind: 'complex';
      /** Qualified name, `microsoft.graph.` added when the docs give a bare name. */
      name: string;
      ref?: string;
    }
  | { kind: 'collection'; of: TypeRef }
  | { kind: 'unknown'; raw: string };

export interface PropertySpec {
  name: string;
  type: TypeRef;
  description: string;
  /** `true`/`false` when the docs say Required/Optional; null when they are silent. */
  required: boolean | null;
  readOnly: boolean;
  /** `false` when the docs say "Not nullable", `true` when they say "Nullable", else null. */
  nullable: boolean | null;
  source: SourceRef;
}

export interface Permission {
  /** `delegatedWork`, `delegatedPersonal` or `application`; `other` for rows the docs label oddly. */
  type: 'delegatedWork' | 'delegatedPersonal' | 'application' | 'other';
  label: string;
  scopes: string[];
  /** False for "Not supported."; null when the docs leave it open (TODO text, empty cell). */
  supported: boolean | null;
  source: SourceRef;
}

export interface HeaderSpec {
  name: string;
  description: string;
  required: boolean | null;
  source: SourceRef;
}

export interface UrlTemplate {
  method: string;
  /** The path as documented, without a host or version (`/users/{id | userPrincipalName}`). */
  path: string;
  source: SourceRef;
}

export interface Header {
  name: string;
  value: string;
}

export type Body =
  | {
      kind: 'json';
      value: unknown;
      /** What the lenient parser had to repair, empty for strict JSON. */
      repairs: string[];
      source: SourceRef;
    }
  | { kind: 'text'; text: string; source: SourceRef };

/** How a documentation block was marked: by an annotation, or found by its content. */
export type ExampleOrigin = 'annotated' | 'unannotated' | 'ignored';

export interface RequestExample {
  name: string | null;
  origin: ExampleOrigin;
  method: string;
  /** The URL exactly as written. */
  url: string;
  /** `graph.microsoft.com`, another host, or null for a relative URL. */
  host: string | null;
  /** The API version segment (`v1.0`, `beta`), or the page's version when the URL has none. */
  version: string;
  /** The path after the version segment, placeholders kept (`/users/{id}/messages`). */
  path: string;
  /** The documented template this example instantiates, when one matches. */
  pathTemplate: string | null;
  /** Values of the template's placeholders as the example gives them. */
  pathParams: Record<string, string>;
  /** The raw query string after `?`, or null. */
  query: string | null;
  headers: Header[];
  body: Body | null;
  /** Permission hints from the annotation (`scopes`). */
  scopes: string[];
  /** True when the request can become a Graph interaction (Graph host, resolvable URL). */
  usable: boolean;
  source: SourceRef;
}

export interface ResponseExample {
  origin: ExampleOrigin;
  status: number;
  headers: Header[];
  body: Body | null;
  truncated: boolean;
  isCollection: boolean;
  isEmpty: boolean;
  /** `@odata.type` from the annotation, as written. */
  odataType: string | null;
  expectError: boolean;
  name: string | null;
  source: SourceRef;
}

export interface ExamplePair {
  /** A stable id within the page: the request's name, or `example-N` by position. */
  id: string;
  request: RequestExample;
  response: ResponseExample;
}

/** A type documented on a resource page (entity, complex type) or an enum page. */
export interface ResourceType {
  /** Qualified name, e.g. `microsoft.graph.user`. */
  name: string;
  kind: 'entity' | 'complex' | 'enum';
  baseType: string | null;
  keyProperty: string | null;
  openType: boolean;
  optionalProperties: string[];
  properties: PropertySpec[];
  relationships: PropertySpec[];
  members: string[];
  /** The page that documents it, relative to the docs root. */
  file: string;
  source: SourceRef;
}

export interface PageContract {
  /** Path relative to the docs root given to `extract`. */
  file: string;
  kind: 'api' | 'resource' | 'other';
  title: string | null;
  description: string | null;
  docType: string | null;
  version: string;
  namespace: string | null;
  permissions: Permission[];
  urlTemplates: UrlTemplate[];
  requestHeaders: HeaderSpec[];
  requestBody: PropertySpec[];
  /** The type the `## Response` section says is returned (link target resolved to a name). */
  responseType: string | null;
  pairs: ExamplePair[];
  /** Types documented on this page (resource and enum pages). */
  types: ResourceType[];
  diagnostics: Diagnostic[];
}

export interface ContractModel {
  schemaVersion: 1;
  pages: PageContract[];
  /** All documented types by lower-case qualified name, for resolving property types. */
  types: Record<string, ResourceType>;
  /** Diagnostics not tied to one page's content (unreadable files, unresolved links). */
  diagnostics: Diagnostic[];
}
