/**
 * Analyses an example URL: host, API version, path and query, and what is wrong with it.
 *
 * Real URLs (survey §4, §12): absolute Graph URLs with `v1.0`/`beta`; odd version segments
 * (`V1.0`, `v1`, `localtest`); relative paths; other hosts (bot callbacks, login); unresolved
 * generator output (`** Collection URI for ... not found`); unencoded spaces and quotes in
 * `$filter`; a doubled `/`. Nothing is guessed: each problem becomes an issue for a diagnostic.
 */
import type { DiagnosticCode } from '../contract/diagnostics';
import { BoundedMemo } from '../internal/bounded-memo';
import { escapeRegex } from '../internal/regex';
import { placeholderName } from '../internal/names';

const GRAPH_HOSTS = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
  'graph.microsoft.de',
  'canary.graph.microsoft.com',
]);

export const KNOWN_VERSIONS = ['v1.0', 'beta'] as const;

interface UrlIssue {
  code: DiagnosticCode;
  message: string;
}

export interface UrlAnalysis {
  host: string | null;
  version: string;
  path: string;
  query: string | null;
  usable: boolean;
  issues: UrlIssue[];
}

const ABSOLUTE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)(.*)$/i;

export function analyseUrl(url: string, pageVersion: string): UrlAnalysis {
  const issues: UrlIssue[] = [];
  if (url.includes('**') || /\bURI\b.*\bnot found\b/i.test(url)) {
    issues.push({ code: 'url_unresolved', message: `The URL \`${url}\` is unresolved generator output, not a real path.` });
    return { host: null, version: pageVersion, path: '', query: null, usable: false, issues };
  }

  let host: string | null = null;
  let rest = url;
  const absolute = ABSOLUTE.exec(url);
  if (absolute) {
    host = absolute[2]!.toLowerCase();
    rest = absolute[3]!;
    if (!GRAPH_HOSTS.has(host)) {
      issues.push({ code: 'url_non_graph_host', message: `The request goes to \`${host}\`, not to Microsoft Graph.` });
      const split = splitQuery(rest.startsWith('/') ? rest : `/${rest}`);
      return { host, version: pageVersion, path: split.path, query: split.query, usable: false, issues };
    }
  } else if (!url.startsWith('/')) {
    rest = `/${url}`;
  }

  const { path: rawPath, query } = splitQuery(rest);
  let path = rawPath;
  if (/\/\/+/.test(path)) {
    issues.push({ code: 'url_empty_segment', message: `The path \`${path}\` has an empty segment (\`//\`).` });
    path = path.replace(/\/\/+/g, '/');
  }

  const segments = path.split('/');
  const first = segments[1] ?? '';
  let version = pageVersion;
  const known = KNOWN_VERSIONS.find((v) => v.toLowerCase() === first.toLowerCase());
  if (known) {
    if (known !== first) issues.push({ code: 'url_version_case', message: `The version segment \`${first}\` should be \`${known}\`.` });
    version = known;
    path = `/${segments.slice(2).join('/')}`;
  } else if (host !== null) {
    // In an absolute Graph URL the first segment is always the version.
    issues.push({
      code: 'url_version_unknown',
      message: `The version segment \`${first}\` is not a Graph API version; using the page's version \`${pageVersion}\`.`,
    });
    path = `/${segments.slice(2).join('/')}`;
  } else {
    issues.push({
      code: 'url_relative',
      message: `The URL \`${url}\` is relative; using the page's version \`${pageVersion}\`.`,
    });
  }
  if (host === null && known) {
    issues.push({ code: 'url_relative', message: `The URL \`${url}\` has no host; assuming graph.microsoft.com.` });
  }
  if (known && known !== pageVersion) {
    issues.push({ code: 'url_version_mismatch', message: `The example calls \`${known}\` on a \`${pageVersion}\` page.` });
  }
  // eslint-disable-next-line no-control-regex -- \x00-\x7f is the ASCII range, not a stray control character
  if (/[\s"'\u201c\u201d]|[^\x00-\x7f]/.test(path + (query ?? ''))) {
    issues.push({ code: 'url_unencoded', message: `The URL \`${url}\` has unencoded spaces, quotes or non-ASCII characters.` });
  }
  return { host, version, path: path === '' ? '/' : path, query, usable: true, issues };
}

function splitQuery(rest: string): { path: string; query: string | null } {
  const q = rest.indexOf('?');
  if (q < 0) return { path: rest, query: null };
  return { path: rest.slice(0, q), query: rest.slice(q + 1) };
}

/**
 * Matches an example path against documented templates (`/users/{id | userPrincipalName}`):
 * literal segments compare case-insensitively, `{...}` and `<...>` match any text.
 */
export function matchTemplate(path: string, template: string): Record<string, string> | null {
  const compiled = compileTemplate(template);
  const segments = path.split('/');
  if (segments.length !== compiled.length) return null;
  let params: Record<string, string> | null = null;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const { literal, pattern, names } = compiled[i]!;
    if (literal !== null) {
      if (segment.length !== literal.length || segment.toLowerCase() !== literal) return null;
      continue;
    }
    const match = pattern!.exec(segment);
    if (!match) return null;
    params ??= {};
    for (let k = 0; k < names.length; k++) params[names[k]!] = match[k + 1]!;
  }
  return params ?? {};
}

interface CompiledSegment {
  /** Lower-case text of a segment without placeholders (compared without a regex). */
  literal: string | null;
  pattern: RegExp | null;
  names: string[];
}

const compiledTemplates = new BoundedMemo<CompiledSegment[]>(10_000);
const PLACEHOLDER = /\{[^}]*\}|<[^>]*>/;

/** Each template segment as a literal or a regex, compiled once per template text. */
function compileTemplate(template: string): CompiledSegment[] {
  return compiledTemplates.get(template, () => template.split('/').map(compileSegment));
}

function compileSegment(segment: string): CompiledSegment {
  if (!PLACEHOLDER.test(segment)) return { literal: segment.toLowerCase(), pattern: null, names: [] };
  const names: string[] = [];
  const source = segment
    .split(/(\{[^}]*\}|<[^>]*>)/)
    .map((part) => {
      if (/^(\{[^}]*\}|<[^>]*>)$/.test(part)) {
        names.push(placeholderName(part));
        return '(.+?)';
      }
      return escapeRegex(part);
    })
    .join('');
  return { literal: null, pattern: new RegExp(`^${source}$`, 'i'), names };
}

