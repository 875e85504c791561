/**
 * The library API for consumer tests of an app's own Graph code, in the pact-js idiom:
 *
 *   const contracts = loadContracts('graph-docs');            // once per test file
 *   const pact = new PactV4({ consumer: 'my-app', provider: 'graph' });
 *   await contracts.interaction('GET /me').addTo(pact.addInteraction())
 *     .executeTest(async (mock) => { ...the app's own code against mock.url... });
 *   contracts.writeSourceComments('pacts/my-app-graph.json'); // afterAll: doc sources as comments
 *
 * Selection patterns are `--only`'s (src/contract/select.ts); interactions are the CLI's
 * (src/pact/interactions.ts, src/pact/builder.ts), so both write the same pact for an example.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ContractModel, ExamplePair, PageContract, ResourceType } from '../contract/model';
import { exampleTarget, parsePattern, select, SelectionError } from '../contract/select';
import { extract } from '../docs/extract';
import type { InteractionComments } from '../pact/comments';
import { buildSpec, type ExampleSpec } from '../pact/interactions';
import type { Template } from '../pact/matchers';
import { typeLookup, type TypeLookup } from '../contract/types';
import { AmbiguousSelectionError, ContractLoadError, NotAnInteractionError } from './errors';
import { DocumentedInteraction } from './interaction';
import { writeSourceComments } from './pact-comments';
import { resolveType as resolveTypeName, typedMatchers, type MatchersForOptions } from './type-matchers';

export interface LoadContractsOptions {
  /** Docs folders or pages (markdown), e.g. a checkout's `api-reference/v1.0/api` and `.../resources`. */
  docs?: string[];
  /** A contract model saved by `graph-contracts extract --json <file>` (a path), or the model itself. */
  model?: string | ContractModel;
  /** Relative paths are resolved from here (default: the working directory). */
  cwd?: string;
}

/** One documented example, whether or not it can become an interaction. */
export interface DocumentedExample {
  /** `page#example`. */
  key: string;
  page: string;
  example: string;
  method: string;
  /** The documented URL template (`/users/{id | userPrincipalName}/events`), else the example's path; no version. */
  path: string;
  version: string;
  /** Null when it can become an interaction; else why not. */
  notAnInteraction: string | null;
}

/**
 * Loads documented contracts: docs folders/pages, or a saved contract model. A string ending in
 * `.json` is a model file, any other string a docs path. Throws ContractLoadError for a missing
 * path or a file that is not a contract model.
 */
export function loadContracts(source: string | string[] | LoadContractsOptions): GraphContracts {
  const options: LoadContractsOptions = typeof source === 'string' || Array.isArray(source) ? fromPaths(typeof source === 'string' ? [source] : source) : source;
  const cwd = options.cwd ?? process.cwd();
  const models: ContractModel[] = [];
  if (options.model !== undefined) models.push(typeof options.model === 'string' ? readModel(resolve(cwd, options.model), options.model) : options.model);
  if (options.docs && options.docs.length > 0) {
    for (const path of options.docs) {
      try {
        statSync(resolve(cwd, path));
      } catch {
        throw new ContractLoadError(path, `The docs path \`${path}\` does not exist (resolved from ${cwd}). Give a folder of Graph reference pages, e.g. microsoft-graph-docs/api-reference/v1.0/api.`);
      }
    }
    models.push(extract(options.docs, { cwd }).model);
  }
  if (models.length === 0) throw new ContractLoadError('', 'loadContracts needs docs folders or a contract model: loadContracts("graph-docs") or loadContracts({ model: "contracts.json" }).');
  return new GraphContracts(models.length === 1 ? models[0]! : mergeModels(models));
}

export class GraphContracts {
  private readonly lookup: TypeLookup;
  private readonly pairs: { page: PageContract; pair: ExamplePair }[];
  private readonly specs = new Map<string, ExampleSpec>();
  /** Descriptions given to builders, with their comments, for `writeSourceComments`. */
  private readonly added = new Map<string, InteractionComments>();
  /** Description → key of the example that first used it: two pages with one title stay distinct. */
  private readonly descriptions = new Map<string, string>();

  constructor(readonly model: ContractModel) {
    this.lookup = typeLookup(model.types);
    this.pairs = model.pages.flatMap((page) => page.pairs.map((pair) => ({ page, pair })));
  }

  /** Every documented example, in page order. */
  examples(): DocumentedExample[] {
    return this.pairs.map(({ page, pair }) => this.describe(page, pair));
  }

  /**
   * The documented examples the patterns select (any pattern matching): `METHOD /path/{template}`
   * (globs * and **), a page (`user-get.md`, `api/user-*.md`), an example name (`get_user`) or
   * `page#example`. Throws SelectionError naming the patterns that select nothing.
   */
  select(...patterns: string[]): DocumentedExample[] {
    return this.selectPairs(patterns).map(({ page, pair }) => this.describe(page, pair));
  }

  /**
   * The one documented example the pattern selects, as an interaction. Throws SelectionError
   * (nothing selected), AmbiguousSelectionError (several) or NotAnInteractionError (the example
   * cannot become one, with the reason).
   */
  interaction(pattern: string): DocumentedInteraction {
    const selected = this.selectPairs([pattern]);
    if (selected.length > 1) throw new AmbiguousSelectionError(pattern, selected.map(({ page, pair }) => `${page.file}#${pair.id}`));
    const { page, pair } = selected[0]!;
    return this.toInteraction(page, pair);
  }

  /** Every selected example that can become an interaction; throws NotAnInteractionError when none can. */
  interactions(...patterns: string[]): DocumentedInteraction[] {
    const selected = this.selectPairs(patterns);
    const usable = selected.filter(({ page, pair }) => this.spec(page, pair).kind === 'interaction');
    // None usable: the first one's reason says why (toInteraction throws NotAnInteractionError).
    const chosen = usable.length > 0 ? usable : selected.slice(0, 1);
    return chosen.map(({ page, pair }) => this.toInteraction(page, pair));
  }

  /**
   * Pact-js matchers for a value of a documented type, each field matched by its documented type
   * (an array: a collection of the type). For interactions the docs do not show, e.g. the app's
   * own request body: `addTo(builder, { requestBody: contracts.matchersFor('event', body) })`.
   * Throws UnknownTypeError, or UndocumentedPropertyError for properties the type lacks.
   */
  matchersFor(type: string, value: unknown, options: MatchersForOptions = {}): Template {
    return typedMatchers(type, value, this.model.types, this.lookup, options);
  }

  /** A documented type (`user`, `microsoft.graph.event`) with its properties. Throws UnknownTypeError. */
  type(name: string): ResourceType {
    return resolveTypeName(name, this.model.types);
  }

  /**
   * Adds the documented source (page:line, example) as V4 comments to the interactions this object
   * added to builders (`addTo`), in a pact file Pact wrote; pact-js 16 has no call for comments.
   * Call it in `afterAll`, after the last `executeTest` of the file. Returns how many it annotated.
   */
  writeSourceComments(pactFile: string): number {
    return writeSourceComments(pactFile, this.added);
  }

  private selectPairs(patterns: string[]): { page: PageContract; pair: ExamplePair }[] {
    const parsed = patterns.map(parsePattern);
    if (parsed.length === 0) throw new SelectionError(['(no pattern)'], 'the docs');
    const { selected, unmatched } = select(this.pairs, parsed, ({ page, pair }) => exampleTarget(page, pair));
    if (unmatched.length > 0) throw new SelectionError(unmatched, 'the loaded docs');
    return selected;
  }

  private spec(page: PageContract, pair: ExamplePair): ExampleSpec {
    const key = `${page.file}#${pair.id}`;
    let spec = this.specs.get(key);
    if (!spec) {
      spec = buildSpec(page, pair, this.lookup);
      if (spec.kind === 'interaction') {
        const owner = this.descriptions.get(spec.description);
        if (owner !== undefined && owner !== key) spec.description = `${spec.description} (${basename(page.file)})`;
        this.descriptions.set(spec.description, key);
      }
      this.specs.set(key, spec);
    }
    return spec;
  }

  private toInteraction(page: PageContract, pair: ExamplePair): DocumentedInteraction {
    const spec = this.spec(page, pair);
    if (spec.kind === 'skip') throw new NotAnInteractionError(spec.key, spec.reason, spec.source);
    return new DocumentedInteraction(spec, (description, comments) => this.added.set(description, comments));
  }

  private describe(page: PageContract, pair: ExamplePair): DocumentedExample {
    const spec = this.spec(page, pair);
    const { request } = pair;
    return {
      key: `${page.file}#${pair.id}`,
      page: page.file,
      example: pair.id,
      method: request.method,
      path: request.pathTemplate ?? request.path,
      version: request.version,
      notAnInteraction: spec.kind === 'skip' ? spec.reason : null,
    };
  }
}

function fromPaths(paths: string[]): LoadContractsOptions {
  const models = paths.filter((p) => /\.json$/i.test(p));
  if (models.length > 1) throw new ContractLoadError(models[1]!, `Give one contract model file, not ${models.length}: ${models.join(', ')}.`);
  return { docs: paths.filter((p) => !/\.json$/i.test(p)), ...(models[0] ? { model: models[0] } : {}) };
}

function readModel(path: string, shown: string): ContractModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ContractLoadError(shown, `The contract model \`${shown}\` cannot be read. Write one with \`graph-contracts extract <docs> --json ${shown}\`.`);
  }
  let json: Partial<ContractModel>;
  try {
    json = JSON.parse(text) as Partial<ContractModel>;
  } catch (error) {
    throw new ContractLoadError(shown, `\`${shown}\` is not JSON (${(error as Error).message}), so not a contract model from \`graph-contracts extract --json\`.`);
  }
  if (json === null || typeof json !== 'object' || json.schemaVersion !== 1 || !Array.isArray(json.pages) || json.types === null || typeof json.types !== 'object') {
    throw new ContractLoadError(shown, `\`${shown}\` is not a contract model (schemaVersion 1 with pages and types), as \`graph-contracts extract --json\` writes.`);
  }
  return json as ContractModel;
}

/** Docs and a saved model together: pages in order given, types from both. */
function mergeModels(models: ContractModel[]): ContractModel {
  return {
    schemaVersion: 1,
    pages: models.flatMap((m) => m.pages),
    types: Object.assign({}, ...models.map((m) => m.types)) as ContractModel['types'],
    diagnostics: models.flatMap((m) => m.diagnostics),
  };
}

