/**
 * graph-contracts as a library: the stages the CLI wires together, usable on their own.
 *
 * @example
 * import { extract } from 'graph-contracts';
 * const { model, summary } = extract(['docs/api-reference/v1.0']);
 */
export * from './contract/model';
export { DIAGNOSTIC_CATALOG, diagnostic, formatDiagnostic, formatSource } from './contract/diagnostics';
export type { DiagnosticCode, Severity } from './contract/diagnostics';
export { extract, extractFile, type ExtractOptions, type ExtractResult } from './docs/extract';
export { extractPage, type PageInput, type PageResult } from './docs/page';
export type { ExtractSummary } from './docs/summary';
export { parseLenientJson, type LenientJsonResult } from './docs/lenient-json';

// Every error graph-contracts throws on purpose extends GraphContractsError: a stable `code`
// (docs/cli.md, "Error codes") and the CLI's exit code.
export { GraphContractsError, type ErrorCode } from './internal/errors';

// Consumer tests of an app's own Graph code (see README, "Consumer contract tests for your app").
export { loadContracts, GraphContracts, type LoadContractsOptions, type DocumentedExample } from './library/contracts';
export { DocumentedInteraction, type AddToOptions, type DocumentedSource, type InteractionComments, type ProviderState, type V4InteractionWithResponse, type V4UnconfiguredInteraction } from './library/interaction';
export type { MatchersForOptions } from './library/type-matchers';
export {
  AmbiguousSelectionError,
  ContractLoadError,
  NotAnInteractionError,
  PactFileError,
  PatternError,
  SelectionError,
  UndocumentedPropertyError,
  UnknownTypeError,
} from './library/errors';
