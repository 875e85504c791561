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

interface CatalogEntry {
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
  file_unreadable: { severity: 'error', hint: 'Check that the file exists and is readable.' },
  file_empty: { severity: 'error', hint: 'Add the page content, or remove the empty file from the docs folder.' },
  file_binary: { severity: 'error', hint: 'Only markdown pages can be extracted; remove binary files from the docs folder.' },
  file_too_large: {
    severity: 'error',
    hint: 'Graph reference pages are well under 1 MB; split the page, or raise --max-page-bytes.',
  },
  file_invalid_utf8: {
    severity: 'warning',
    hint: 'Save the page as UTF-8; invalid bytes were replaced by U+FFFD.',
  },
  front_matter_missing: { severity: 'info', hint: 'Start the page with a `---` YAML front matter block (title, doc_type).' },
  front_matter_invalid: { severity: 'warning', hint: 'Fix the YAML between the two `---` lines.' },
  page_version_unknown: {
    severity: 'info',
    hint: 'Put the page under a `v1.0` or `beta` folder, or use full https://graph.microsoft.com/<version>/ URLs.',
  },
  fence_unterminated: {
    severity: 'error',
    hint: 'Close the code fence with a line of three backticks.',
  },
  fence_swallows_fence: {
    severity: 'error',
    hint: 'A code fence was never closed, so the next fence opener became part of it: add the closing ``` before that line.',
  },
  comment_unterminated: { severity: 'error', hint: 'Close the HTML comment with `-->`.' },
  annotation_invalid: {
    severity: 'warning',
    hint: 'Make the annotation strict JSON: quote keys, remove trailing commas.',
  },
  annotation_repaired: {
    severity: 'info',
    hint: 'Make the annotation strict JSON so that every tool reads it the same way.',
  },
  annotation_without_fence: {
    severity: 'warning',
    hint: 'Put the annotated code fence right after the annotation comment.',
  },
  annotation_flag_string: {
    severity: 'info',
    hint: 'Write flags as JSON booleans (true), not strings ("true").',
  },
  annotation_content_mismatch: {
    severity: 'warning',
    hint: 'Fix the annotation\'s blockType so that it matches the block content.',
  },
  example_unrecognized: {
    severity: 'warning',
    hint: 'Start a request block with `METHOD https://graph.microsoft.com/<version>/...` and a response block with `HTTP/1.1 <status> <reason>`.',
  },
  example_request_unpaired: {
    severity: 'info',
    hint: 'Add a response example after the request, or mark the request `"blockType": "ignored"`.',
  },
  example_response_unpaired: {
    severity: 'info',
    hint: 'Add the request that produces this response before it.',
  },
  example_multiple_requests: {
    severity: 'warning',
    hint: 'Show one request per code block.',
  },
  url_unresolved: {
    severity: 'error',
    hint: 'The doc generator could not resolve this URL; replace it with the real path, e.g. https://graph.microsoft.com/v1.0/<entitySet>.',
  },
  url_non_graph_host: {
    severity: 'info',
    hint: 'Requests to other hosts (callbacks, login) are not Graph contracts and are skipped.',
  },
  url_relative: {
    severity: 'info',
    hint: 'Write the full URL https://graph.microsoft.com/<version>/... so that the version is explicit.',
  },
  url_version_unknown: {
    severity: 'warning',
    hint: 'Use `v1.0` or `beta` as the first path segment.',
  },
  url_version_case: { severity: 'warning', hint: 'Write the version segment in lower case (`v1.0`).' },
  url_version_mismatch: {
    severity: 'info',
    hint: 'The example calls another API version than the page documents; check the URL.',
  },
  url_empty_segment: { severity: 'warning', hint: 'Remove the doubled `/` from the path.' },
  url_unencoded: {
    severity: 'info',
    hint: 'Percent-encode spaces and quotes in the URL (the harness encodes them when sending).',
  },
  url_no_template: {
    severity: 'info',
    hint: 'No `## HTTP request` template matches this example path; add the template or fix the path.',
  },
  status_line_malformed: {
    severity: 'warning',
    hint: 'Write the status line as `HTTP/1.1 <code> <reason>`.',
  },
  status_reason_mismatch: {
    severity: 'info',
    hint: 'Use the standard reason phrase for the status code (e.g. `201 Created`).',
  },
  body_on_no_content: {
    severity: 'warning',
    hint: 'A 204 response has no body; remove the body or change the status.',
  },
  json_repaired: {
    severity: 'info',
    hint: 'Make the example strict JSON so that clients can copy it.',
  },
  json_invalid: {
    severity: 'warning',
    hint: 'Fix the JSON; the body is kept as opaque text.',
  },
  json_too_deep: {
    severity: 'error',
    hint: 'The body nests deeper than the harness accepts; simplify the example.',
  },
  table_malformed: {
    severity: 'warning',
    hint: 'Give every table a header row and a `|---|` separator, and escape `|` inside cells as `\\|`.',
  },
  type_unparsed: {
    severity: 'warning',
    hint: 'Write the type as an Edm primitive, a link to the type\'s page, or `<type> collection`.',
  },
  type_unresolved: {
    severity: 'info',
    hint: 'Add the linked resource page to the docs folder so that its properties can be checked.',
  },
  type_without_properties: {
    severity: 'warning',
    hint: 'Add the `## Properties` table (Property | Type | Description), the `## Members` table of an enum, or the JSON representation; an overview page should not be titled as a type.',
  },
  string_lists_values: {
    severity: 'info',
    hint: 'If these are all the values, type the property with its enum (a link to the enum\'s page or `### x values` section) so that contracts check them; if the list is open, keep String and give the values as examples ("for example, `a`").',
  },
  doc_todo: {
    severity: 'warning',
    hint: 'Replace the TODO text with the real content.',
  },
  placeholder_value: {
    severity: 'info',
    hint: 'Give a realistic example value of the documented type instead of a type-name placeholder.',
  },
  example_type_mismatch: {
    severity: 'warning',
    hint: 'Give the example a value of the documented type.',
  },
  page_no_contract: {
    severity: 'warning',
    hint: 'Add a request example and its response under `## Example`.',
  },
  internal_error: {
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
