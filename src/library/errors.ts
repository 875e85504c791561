/**
 * The library API's typed errors. Each says what went wrong, where (a path, a pattern, a page and
 * line) and how to fix it; `instanceof` or the stable `error.code` (docs/cli.md, "Error codes")
 * tells them apart.
 */
import { formatSource, type SourceRef } from '../contract/diagnostics';
import { GraphContractsError } from '../internal/errors';

export { PatternError, SelectionError } from '../contract/select';

/** A docs folder or model file that is missing, unreadable, or not what it should be. */
export class ContractLoadError extends GraphContractsError {
  override readonly name = 'ContractLoadError' as const;
  readonly code = 'contract_load_failed' as const;
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message, path ? { where: path } : {});
  }
}

/** `interaction(pattern)` wants one documented example and the pattern selects several. */
export class AmbiguousSelectionError extends GraphContractsError {
  override readonly name = 'AmbiguousSelectionError' as const;
  readonly code = 'selection_ambiguous' as const;
  constructor(
    readonly pattern: string,
    /** The selected examples' keys (`page#example`). */
    readonly candidates: string[],
  ) {
    super(
      `"${pattern}" selects ${candidates.length} documented examples; name one of them (\`page#example\`): ${candidates.slice(0, 10).join(', ')}${candidates.length > 10 ? `, ... (${candidates.length - 10} more)` : ''}.`,
    );
  }
}

/** A documented example that cannot become a Pact interaction (binary body, another host, a redirect, ...). */
export class NotAnInteractionError extends GraphContractsError {
  override readonly name = 'NotAnInteractionError' as const;
  readonly code = 'not_an_interaction' as const;
  constructor(
    /** `page#example`. */
    readonly key: string,
    readonly reason: string,
    readonly source: SourceRef,
  ) {
    super(`The example ${key} (${formatSource(source)}) cannot become a Pact interaction: ${reason}. Choose another example, or write this interaction yourself with matchersFor().`, { where: formatSource(source) });
  }
}

/** `matchersFor(type)` with a type the loaded docs do not document. */
export class UnknownTypeError extends GraphContractsError {
  override readonly name = 'UnknownTypeError' as const;
  readonly code = 'unknown_type' as const;
  constructor(
    readonly type: string,
    readonly suggestions: string[],
  ) {
    super(
      `The type "${type}" is not documented in the loaded docs${suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '.'} Load the resources folder that documents it (api-reference/v1.0/resources).`,
    );
  }
}

/** A value given to `matchersFor()` has properties its documented type does not have. */
export class UndocumentedPropertyError extends GraphContractsError {
  override readonly name = 'UndocumentedPropertyError' as const;
  readonly code = 'undocumented_property' as const;
  constructor(
    readonly type: string,
    /** JSON paths of the undocumented properties (`$.subject2`). */
    readonly properties: string[],
    readonly source: SourceRef,
  ) {
    super(`${properties.join(', ')} ${properties.length === 1 ? 'is' : 'are'} not documented for ${type} (${formatSource(source)}). Fix the name, or pass { allowUndocumented: true } to match ${properties.length === 1 ? 'it' : 'them'} by JSON type only.`, { where: formatSource(source) });
  }
}

/** `writeSourceComments()` on a file that is missing or not a pact. */
export class PactFileError extends GraphContractsError {
  override readonly name = 'PactFileError' as const;
  readonly code = 'pact_file_invalid' as const;
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message, { where: path });
  }
}
