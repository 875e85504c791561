/**
 * Diagnostics are data: a stable code, a severity, where (file:line:column), what went wrong and
 * how to fix it. Wording for each code lives in one catalog so that every renderer (console, JSON,
 * tests) shows the same text and a change of wording is reviewed in one place.
 */

export interface SourceRef {
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface CatalogEntry {
  /** What the rule finds, in a few words (SARIF's short description of the rule). */
  title: string;
  severity: Severity;
  /** How to fix it, shown after the message. */
  hint: string;
}

/**
 * Every diagnostic the extractor can emit. `error` means the page (or the example) cannot yield a
 * contract; `warning` means a contract was produced from something the docs got wrong; `info`
 * records a repair or a choice made on the reader's behalf.
 */
export const DIAGNOSTIC_CATALOG = {
  file_unreadable: { title: 'The page cannot be read', severity: 'error', hint: 'Check that the file exists and is readable.' },
  file_empty: { title: 'The page is empty', severity: 'error', hint: 'Add the page content, or remove the empty file from the docs folder.' },
  file_binary: { title: 'The file is not a text page', severity: 'error', hint: 'Only markdown pages can be extracted; remove binary files from the docs folder.' },
  file_too_large: {
    title: 'The page is too large to extract',
    severity: 'error',
    hint: 'Graph reference pages are well under 1 MB; split the page, or raise --max-page-bytes.',
  },
  file_invalid_utf8: {
    title: 'The page is not valid UTF-8',
    severity: 'warning',
    hint: 'Save the page as UTF-8; invalid bytes were replaced by U+FFFD.',
  },
  front_matter_missing: { title: 'The page has no front matter', severity: 'info', hint: 'Start the page with a `---` YAML front matter block (title, doc_type).' },
  front_matter_invalid: { title: 'The front matter is not valid YAML', severity: 'warning', hint: 'Fix the YAML between the two `---` lines.' },
  page_version_unknown: {
    title: 'The page\'s API version is unknown',
    severity: 'info',
    hint: 'Put the page under a `v1.0` or `beta` folder, or use full https://graph.microsoft.com/<version>/ URLs.',
  },
  fence_unterminated: {
    title: 'A code fence is never closed',
    severity: 'error',
    hint: 'Close the code fence with a line of three backticks.',
  },
  fence_swallows_fence: {
    title: 'An unclosed code fence swallows the next one',
    severity: 'error',
    hint: 'A code fence was never closed, so the next fence opener became part of it: add the closing ``` before that line.',
  },
  comment_unterminated: { title: 'An HTML comment is never closed', severity: 'error', hint: 'Close the HTML comment with `-->`.' },
  annotation_invalid: {
    title: 'An example annotation is not valid JSON',
    severity: 'warning',
    hint: 'Make the annotation strict JSON: quote keys, remove trailing commas.',
  },
  annotation_repaired: {
    title: 'An example annotation needed repairs to be read',
    severity: 'info',
    hint: 'Make the annotation strict JSON so that every tool reads it the same way.',
  },
  annotation_without_fence: {
    title: 'An example annotation has no code block after it',
    severity: 'warning',
    hint: 'Put the annotated code fence right after the annotation comment.',
  },
  annotation_flag_string: {
    title: 'An annotation flag is a string, not a boolean',
    severity: 'info',
    hint: 'Write flags as JSON booleans (true), not strings ("true").',
  },
  annotation_content_mismatch: {
    title: 'The annotation\'s blockType does not match the block',
    severity: 'warning',
    hint: 'Fix the annotation\'s blockType so that it matches the block content.',
  },
  example_unrecognized: {
    title: 'A code block is neither a request nor a response',
    severity: 'warning',
    hint: 'Start a request block with `METHOD https://graph.microsoft.com/<version>/...` and a response block with `HTTP/1.1 <status> <reason>`.',
  },
  example_request_unpaired: {
    title: 'A request example has no response',
    severity: 'info',
    hint: 'Add a response example after the request, or mark the request `"blockType": "ignored"`.',
  },
  example_response_unpaired: {
    title: 'A response example has no request',
    severity: 'info',
    hint: 'Add the request that produces this response before it.',
  },
  example_multiple_requests: {
    title: 'A code block holds more than one request',
    severity: 'warning',
    hint: 'Show one request per code block.',
  },
  url_unresolved: {
    title: 'An example URL is unresolved generator output',
    severity: 'error',
    hint: 'The doc generator could not resolve this URL; replace it with the real path, e.g. https://graph.microsoft.com/v1.0/<entitySet>.',
  },
  url_non_graph_host: {
    title: 'An example calls a host other than Graph',
    severity: 'info',
    hint: 'Requests to other hosts (callbacks, login) are not Graph contracts and are skipped.',
  },
  url_relative: {
    title: 'An example URL is relative',
    severity: 'info',
    hint: 'Write the full URL https://graph.microsoft.com/<version>/... so that the version is explicit.',
  },
  url_version_unknown: {
    title: 'An example URL has an unknown API version',
    severity: 'warning',
    hint: 'Use `v1.0` or `beta` as the first path segment.',
  },
  url_version_case: { title: 'An example URL\'s version is not lower case', severity: 'warning', hint: 'Write the version segment in lower case (`v1.0`).' },
  url_version_mismatch: {
    title: 'An example calls another API version than the page',
    severity: 'info',
    hint: 'The example calls another API version than the page documents; check the URL.',
  },
  url_empty_segment: { title: 'An example URL has an empty path segment', severity: 'warning', hint: 'Remove the doubled `/` from the path.' },
  url_unencoded: {
    title: 'An example URL has unencoded characters',
    severity: 'info',
    hint: 'Percent-encode spaces and quotes in the URL (the harness encodes them when sending).',
  },
  url_no_template: {
    title: 'An example path matches no documented URL template',
    severity: 'info',
    hint: 'Add the operation\'s URL template under `## HTTP request`, or fix the example\'s path.',
  },
  status_line_malformed: {
    title: 'A response status line is malformed',
    severity: 'warning',
    hint: 'Write the status line as `HTTP/1.1 <code> <reason>`.',
  },
  status_reason_mismatch: {
    title: 'A status line has a non-standard reason phrase',
    severity: 'info',
    hint: 'Use the standard reason phrase for the status code (e.g. `201 Created`).',
  },
  body_on_no_content: {
    title: 'A 204 response has a body',
    severity: 'warning',
    hint: 'A 204 response has no body; remove the body or change the status.',
  },
  json_repaired: {
    title: 'An example body needed repairs to be read as JSON',
    severity: 'info',
    hint: 'Make the example strict JSON so that clients can copy it.',
  },
  json_invalid: {
    title: 'An example body is not valid JSON',
    severity: 'warning',
    hint: 'Fix the JSON; the body is kept as opaque text.',
  },
  json_too_deep: {
    title: 'An example body nests too deeply',
    severity: 'error',
    hint: 'The body nests deeper than the harness accepts; simplify the example.',
  },
  table_malformed: {
    title: 'A table is malformed',
    severity: 'warning',
    hint: 'Give every table a header row and a `|---|` separator, and escape `|` inside cells as `\\|`.',
  },
  type_unparsed: {
    title: 'A property type cannot be read',
    severity: 'warning',
    hint: 'Write the type as an Edm primitive, a link to the type\'s page, or `<type> collection`.',
  },
  type_unresolved: {
    title: 'A linked type\'s page is not in the docs folder',
    severity: 'info',
    hint: 'Add the linked resource page to the docs folder so that its properties can be checked.',
  },
  type_without_properties: {
    title: 'A page titled as a type documents no properties',
    severity: 'warning',
    hint: 'Add the `## Properties` table (Property | Type | Description), the `## Members` table of an enum, or the JSON representation; an overview page should not be titled as a type.',
  },
  string_lists_values: {
    title: 'A String property lists its possible values',
    severity: 'info',
    hint: 'If these are all the values, type the property with its enum (a link to the enum\'s page or `### x values` section) so that contracts check them; if the list is open, keep String and give the values as examples ("for example, `a`").',
  },
  doc_todo: {
    title: 'The page contains TODO text',
    severity: 'warning',
    hint: 'Replace the TODO text with the real content.',
  },
  placeholder_value: {
    title: 'An example value is a type-name placeholder',
    severity: 'info',
    hint: 'Give a realistic example value of the documented type instead of a type-name placeholder.',
  },
  example_type_mismatch: {
    title: 'An example value contradicts the documented type',
    severity: 'warning',
    hint: 'Give the example a value of the documented type.',
  },
  page_no_contract: {
    title: 'An API page has no request/response example',
    severity: 'warning',
    hint: 'Add a request example and its response under `## Example`.',
  },
  internal_error: {
    title: 'The extractor failed on this page',
    severity: 'error',
    hint: 'This is a bug in graph-contracts; please report it with the page attached.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CATALOG;

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint: string;
  source: SourceRef;
}

/** Builds a diagnostic with the catalog's severity and hint. */
export function diagnostic(code: DiagnosticCode, message: string, source: SourceRef): Diagnostic {
  const entry: CatalogEntry = DIAGNOSTIC_CATALOG[code];
  return { code, severity: entry.severity, message, hint: entry.hint, source };
}

/** `file:line:column`, the form editors and CI annotations understand. */
export function formatSource(source: SourceRef): string {
  return `${source.file}:${source.line}:${source.column}`;
}

/** One line per diagnostic: `file:line:col severity code: message. hint` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${formatSource(d.source)} ${d.severity} ${d.code}: ${d.message} ${d.hint}`;
}
