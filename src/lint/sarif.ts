/**
 * Diagnostics as a SARIF 2.1.0 log (the format of GitHub code scanning and most CI viewers).
 *
 * Typed against @types/sarif rather than built with a SARIF builder library: node-sarif-builder 5
 * needs Node 22, and 4.x writes `endColumn: 1` for regions without an end (a region that ends
 * before it starts whenever the column is past 1) and brings fs-extra for a write this project
 * does atomically itself. What a builder would add (rule and artifact indexes) is a few lines here.
 *
 * Rules are the diagnostic catalog (src/contract/diagnostics.ts), every code whether or not it was
 * found, so that a viewer can show the rule of any result; result paths are relative to the
 * repository root (`rootDir`), as code scanning expects them.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type * as Sarif from 'sarif';
import { DIAGNOSTIC_CATALOG, type CatalogEntry, type Diagnostic, type DiagnosticCode, type Severity } from '../contract/diagnostics';

/** The schema a viewer validates against: the OASIS standard's, errata 01. */
const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** Folder the diagnostics' paths are relative to (the extractor's working directory). */
  cwd: string;
  /** Repository root: result URIs are relative to it. */
  rootDir: string;
  toolVersion: string;
  /** False when the extractor crashed on a page: the run did not complete as intended. */
  executionSuccessful: boolean;
}

/** Every catalog entry as a SARIF rule, in catalog order (ruleIndex points into this list). */
function sarifRules(): Sarif.ReportingDescriptor[] {
  return (Object.entries(DIAGNOSTIC_CATALOG) as [DiagnosticCode, CatalogEntry][]).map(([code, entry]) => ({
    id: code,
    name: ruleName(code),
    shortDescription: { text: entry.title },
    fullDescription: { text: `${entry.title}. ${entry.hint}` },
    help: { text: entry.hint, markdown: entry.hint },
    defaultConfiguration: { level: LEVELS[entry.severity] },
  }));
}

/** `url_no_template` → `UrlNoTemplate`: SARIF's `name` is an identifier-like form of the id. */
function ruleName(code: string): string {
  return code.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** A path as a URI reference relative to the root: forward slashes, each segment percent-encoded. */
export function relativeUri(file: string, options: Pick<SarifOptions, 'cwd' | 'rootDir'>): string {
  const absolute = isAbsolute(file) ? file : resolve(options.cwd, file);
  const rel = relative(options.rootDir, absolute);
  // A page outside the repository keeps its absolute path, as a file: URI.
  if (rel.startsWith('..') || isAbsolute(rel)) return `file://${absolute.split(sep).map(encodeURIComponent).join('/')}`;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

export function toSarif(diagnostics: Diagnostic[], options: SarifOptions): Sarif.Log {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const artifacts: Sarif.Artifact[] = [];
  const artifactIndex = new Map<string, number>();
  const results: Sarif.Result[] = diagnostics.map((d) => {
    const uri = relativeUri(d.source.file, options);
    let index = artifactIndex.get(uri);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(uri, index);
      artifacts.push({ location: { uri }, sourceLanguage: 'markdown' });
    }
    return {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code)!,
      level: LEVELS[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri, index },
            region: { startLine: Math.max(1, d.source.line), startColumn: Math.max(1, d.source.column) },
          },
        },
      ],
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'graph-contracts',
            semanticVersion: options.toolVersion,
            version: options.toolVersion,
            rules,
          },
        },
        invocations: [{ executionSuccessful: options.executionSuccessful }],
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
