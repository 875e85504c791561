/**
 * Extraction stage: docs folders/files → ContractModel + summary figures.
 *
 * Pages are read and extracted one by one; a page that crashes the extractor (a bug, never bad
 * input) is recorded as an `internal_error` diagnostic and counted in `crashes`, and the run goes
 * on. After all inputs, resource pages linked from the extracted pages are followed on disk (when
 * present) so that property types can be resolved; then types are resolved across all pages.
 */
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../contract/diagnostics';
import { BoundedMemo } from '../internal/bounded-memo';
import { byCodeUnits } from '../internal/order';
import type { ContractModel, PageContract, PropertySpec } from '../contract/model';
import { extractPage, versionFromPath, type PageStats } from './page';
import { DEFAULT_MAX_PAGE_BYTES, readPage } from './read-page';
import { buildRegistry, resolveTypes } from './resolve';
import { summarise, type ExtractSummary } from './summary';

export interface ExtractOptions {
  /** Pages larger than this are reported and skipped. */
  maxPageBytes?: number;
  /** Follow links from API pages to resource pages on disk (default true). */
  followLinks?: boolean;
  /** Called after each page. */
  onProgress?: (done: number, total: number) => void;
  /** Paths in diagnostics are relative to this folder (default: the working directory). */
  cwd?: string;
}

export interface ExtractResult {
  model: ContractModel;
  summary: ExtractSummary;
}

export interface PageOutcome {
  /** The absolute path that was read (page.file is the display path). */
  path: string;
  page: PageContract;
  stats: PageStats;
  bytes: number;
  crashed: boolean;
}

const MAX_FOLLOWED_PAGES = 5000;

export function extract(paths: string[], options: ExtractOptions = {}): ExtractResult {
  const started = process.hrtime.bigint();
  const cwd = options.cwd ?? process.cwd();
  const globalDiagnostics: Diagnostic[] = [];
  const files = listFiles(paths, cwd, globalDiagnostics);
  const outcomes: PageOutcome[] = [];
  const seen = new Set(files.map((f) => f.toLowerCase()));

  const total = files.length;
  files.forEach((file, index) => {
    outcomes.push(extractFile(file, cwd, options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES));
    options.onProgress?.(index + 1, total);
  });

  if (options.followLinks !== false) followLinks(outcomes, cwd, seen, options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES);

  const pages = outcomes.map((o) => o.page);
  const registry = buildRegistry(pages);
  resolveTypes(pages, registry);
  const types: ContractModel['types'] = {};
  for (const [name, type] of [...registry.byName].sort((a, b) => byCodeUnits(a[0], b[0]))) types[name] = type;

  const model: ContractModel = { schemaVersion: 1, pages, types, diagnostics: globalDiagnostics };
  const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { model, summary: summarise(outcomes, globalDiagnostics, durationMs) };
}

/** Extracts one file; never throws. */
export function extractFile(absolutePath: string, cwd: string, maxPageBytes: number): PageOutcome {
  const display = toDisplayPath(absolutePath, cwd);
  const read = readPage(absolutePath, display, maxPageBytes);
  if (!read.ok) return { path: absolutePath, page: placeholderPage(display, read.diagnostics), stats: emptyStats(), bytes: read.bytes, crashed: false };
  try {
    const { page, stats } = extractPage({ file: display, text: read.text, versionHint: versionFromPath(absolutePath) });
    page.diagnostics.unshift(...read.diagnostics);
    return { path: absolutePath, page, stats, bytes: read.bytes, crashed: false };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const crash = diagnostic('internal_error', `Extraction failed unexpectedly (${reason}).`, { file: display, line: 1, column: 1 });
    return { path: absolutePath, page: placeholderPage(display, [...read.diagnostics, crash]), stats: emptyStats(), bytes: read.bytes, crashed: true };
  }
}

function toDisplayPath(absolutePath: string, cwd: string): string {
  // Pages come folder by folder: the folder's display path is worked out once per folder.
  const slash = absolutePath.lastIndexOf(sep);
  const folder = slash === 0 ? sep : absolutePath.slice(0, slash);
  const shown = displayFolders.get(`${cwd}\0${folder}`, () => {
    const rel = relative(cwd, folder);
    return (rel.startsWith('..') && rel.split(sep).length > 5 ? folder : rel).split(sep).join('/');
  });
  const name = absolutePath.slice(slash + 1);
  return shown === '' ? name : `${shown}/${name}`;
}

const displayFolders = new BoundedMemo<string>(10_000);

function placeholderPage(file: string, diagnostics: Diagnostic[]): PageContract {
  return {
    file,
    kind: 'other',
    title: null,
    description: null,
    docType: null,
    version: versionFromPath(file) ?? 'v1.0',
    namespace: null,
    permissions: [],
    urlTemplates: [],
    requestHeaders: [],
    requestBody: [],
    responseType: null,
    pairs: [],
    types: [],
    diagnostics,
  };
}

function emptyStats(): PageStats {
  return { requestExamples: 0, responseExamples: 0, jsonBodies: 0, jsonStrict: 0, jsonRepaired: 0 };
}

/**
 * Markdown files under the given paths (README.md files excepted), sorted for a deterministic
 * order; files named explicitly are taken as given.
 */
export function listFiles(paths: string[], cwd: string, diagnostics: Diagnostic[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      diagnostics.push(diagnostic('file_unreadable', `The path \`${path}\` does not exist.`, { file: path, line: 1, column: 1 }));
      continue;
    }
    if (isDirectory) files.push(...walk(absolute, cwd, diagnostics));
    else files.push(absolute);
  }
  return [...new Set(files)];
}

function walk(dir: string, cwd: string, diagnostics: Diagnostic[]): string[] {
  const found: string[] = [];
  let listed: Dirent[];
  try {
    listed = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    // A folder that cannot be listed (EACCES) is reported like an unreadable file; the rest is read.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const shown = toDisplayPath(dir, cwd);
    diagnostics.push(diagnostic('file_unreadable', `The folder \`${shown}\` cannot be listed (${code}); its pages were not read.`, { file: shown, line: 1, column: 1 }));
    return found;
  }
  const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) found.push(...walk(full, cwd, diagnostics));
    } else if (/\.(md|markdown)$/i.test(entry.name) && !/^readme\.md$/i.test(entry.name)) {
      // A folder's README describes the folder; it is not a reference page.
      found.push(full);
    }
  }
  return found;
}

/**
 * Extracts the resource pages that extracted pages link to from their property tables, when they
 * exist on disk and were not extracted yet. Followed pages may link further (base types, nested
 * complex types), so the list grows while it is walked, up to MAX_FOLLOWED_PAGES.
 */
function followLinks(outcomes: PageOutcome[], cwd: string, seen: Set<string>, maxPageBytes: number): void {
  let followed = 0;
  for (let i = 0; i < outcomes.length && followed < MAX_FOLLOWED_PAGES; i++) {
    const refs = linkedRefs(outcomes[i]!.page);
    if (refs.length === 0) continue;
    const folder = dirname(outcomes[i]!.path);
    for (const ref of refs) {
      const [target, lowerCase] = resolveInFolder(folder, ref.split('#')[0]!);
      if (seen.has(lowerCase) || !existsSync(target)) continue;
      seen.add(lowerCase);
      outcomes.push(extractFile(target, cwd, maxPageBytes));
      followed++;
    }
  }
}

/**
 * `resolve(folder, relative)` and its lower-case form (the `seen` key), worked out once per pair:
 * the pages of one folder link the same resource pages thousands of times.
 */
function resolveInFolder(folder: string, relative: string): readonly [string, string] {
  return resolvedLinks.get(`${folder}\0${relative}`, () => {
    const absolute = resolve(folder, relative);
    return [absolute, absolute.toLowerCase()];
  });
}

const resolvedLinks = new BoundedMemo<readonly [string, string]>(100_000);

/** The relative links from a page's property and request-body tables to resource pages (`../resources/user.md#...`). */
export function linkedRefs(page: PageContract): string[] {
  const refs: string[] = [];
  addLinkedRefs(page.requestBody, refs);
  for (const type of page.types) {
    addLinkedRefs(type.properties, refs);
    addLinkedRefs(type.relationships, refs);
  }
  return refs;
}

function addLinkedRefs(properties: PropertySpec[], refs: string[]): void {
  for (const property of properties) {
    let type = property.type;
    while (type.kind === 'collection') type = type.of;
    if ((type.kind === 'complex' || type.kind === 'enum') && type.ref && !type.ref.startsWith('#') && !/^[a-z]+:/i.test(type.ref)) {
      refs.push(type.ref);
    }
  }
}
