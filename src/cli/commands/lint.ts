/**
 * `graph-contracts lint <paths...>`: the docs lint for pull requests. The extractor's diagnostics
 * of the pages named (or, with `--changed-since`, of those a change touches) as console lines or
 * GitHub annotations, and as SARIF for code scanning; the exit code follows `--fail-on`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { positiveInteger } from '../arguments';
import type { Diagnostic, Severity } from '../../contract/diagnostics';
import { extract, listFiles } from '../../docs/extract';
import { DEFAULT_MAX_PAGE_BYTES } from '../../docs/read-page';
import { writeFileAtomic } from '../../internal/atomic-write';
import { packageVersion } from '../../internal/paths';
import { formatAnnotations } from '../../lint/annotations';
import { ChangedFilesError, changedFiles, filesToExtract, repositoryRoot, selectChanged, type SelectionReason } from '../../lint/changed';
import { relativeUri, toSarif } from '../../lint/sarif';
import { errorLine, formatDiagnostics, type Writer } from '../output';
import { createProgress, type Progress } from '../progress';
import { EXIT } from '../../internal/exit-codes';

export interface LintCommandOptions {
  sarif?: string;
  annotations?: boolean;
  maxAnnotations: number;
  changedSince?: string;
  show: Severity | 'none';
  limit: number;
  failOn: Severity | 'none';
  maxPageBytes: number;
  followLinks: boolean;
  progress: boolean;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const atLeast = (minimum: Severity | 'none') => (d: Diagnostic): boolean => minimum !== 'none' && RANK[d.severity] >= RANK[minimum];

/** Runs the lint; `env` decides whether annotations are on by default (GITHUB_ACTIONS=true). */
export function runLint(paths: string[], options: LintCommandOptions, writer: Writer, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): number {
  const missing = paths.filter((p) => !existsSync(resolve(cwd, p)));
  if (missing.length > 0) {
    writer.err(`[graph-contracts] Cannot lint: ${missing.map((p) => `\`${p}\``).join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist. Give docs folders or page files.\n`);
    return EXIT.usage;
  }
  const rootDir = repositoryRoot(cwd) ?? cwd;
  const files = listFiles(paths, cwd, []);
  const named = new Set(files.map((f) => f.toLowerCase()));
  let changed: Set<string> | null = null;
  let toExtract = files;
  if (options.changedSince !== undefined) {
    try {
      changed = changedFiles(options.changedSince, cwd);
    } catch (error) {
      if (error instanceof ChangedFilesError) {
        writer.err(errorLine(error, 'Cannot lint: '));
        return error.exitCode;
      }
      throw error;
    }
    const picked = filesToExtract(files, changed);
    toExtract = [...picked.changed, ...picked.candidates];
  }

  let progress: Progress | null = null;
  const { model, summary } = extract(toExtract, {
    cwd,
    maxPageBytes: options.maxPageBytes,
    followLinks: options.followLinks,
    onProgress: (done, total) => {
      progress ??= createProgress(options.progress, 'lint', total, 'pages');
      progress.update(done, total);
    },
  });
  (progress as Progress | null)?.stop();

  const reasons: Map<string, SelectionReason> = changed
    ? selectChanged(model, cwd, changed, named)
    : new Map(model.pages.filter((p) => named.has(resolve(cwd, p.file).toLowerCase())).map((p) => [p.file, 'changed' as SelectionReason]));
  const pages = model.pages.filter((p) => reasons.has(p.file));
  const diagnostics = [...model.diagnostics, ...pages.flatMap((p) => p.diagnostics)];
  const crashes = diagnostics.filter((d) => d.code === 'internal_error').length;

  // Most severe first, so that --limit never hides an error behind warnings.
  const shown = diagnostics.filter(atLeast(options.show)).sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  const annotate = options.annotations ?? env.GITHUB_ACTIONS === 'true';
  if (annotate) {
    // Workflow commands go to standard output, where the runner reads them.
    const lines = formatAnnotations(shown, { perFile: options.maxAnnotations, path: (file) => relativeUri(file, { cwd, rootDir }) });
    if (lines.length > 0) writer.out(`${lines.join('\n')}\n`);
  } else {
    writer.out(formatDiagnostics(shown.slice(0, options.limit), 0));
    if (shown.length > options.limit) writer.out(`... and ${shown.length - options.limit} more (raise --limit, or write them all with --sarif FILE)\n`);
  }

  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  const linking = [...reasons.values()].filter((r) => r !== 'changed').length;
  const scope = changed ? ` (${pages.length - linking} changed since ${options.changedSince}, ${linking} linking to a changed page)` : '';
  writer.out(`Lint         ${pages.length} page(s)${scope}: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info${crashes > 0 ? `, ${crashes} crash(es)` : ''}\n`);
  if (changed && summary.pages > pages.length) writer.out(`             ${summary.pages - pages.length} other page(s) read to resolve links and types, not reported\n`);

  if (options.sarif) {
    const log = toSarif(diagnostics, { cwd, rootDir, toolVersion: packageVersion(), executionSuccessful: crashes === 0 });
    writeFileAtomic(options.sarif, `${JSON.stringify(log, null, 2)}\n`);
    writer.out(`Wrote ${diagnostics.length} result(s) as SARIF to ${options.sarif}\n`);
  }
  return crashes > 0 || diagnostics.some(atLeast(options.failOn)) ? EXIT.findings : EXIT.ok;
}

export function lintCommand(writer: Writer, setExit: (code: number) => void): Command {
  return new Command('lint')
    .description('Lint Graph API reference pages for pull requests: diagnostics as console lines, GitHub annotations and SARIF (code scanning), optionally only for the pages changed since a git ref. Exit 1 per --fail-on.')
    .argument('<paths...>', 'docs folders (searched recursively for .md files) or page files')
    .option('--sarif <file>', 'write the diagnostics as a SARIF 2.1.0 log (paths relative to the repository root), for GitHub code scanning')
    .option('--annotations', 'print GitHub workflow annotations instead of console lines (the default when GITHUB_ACTIONS=true)')
    .option('--no-annotations', 'print console lines even when GITHUB_ACTIONS=true')
    .option('--max-annotations <n>', 'annotations per file at most; one notice counts the rest', positiveInteger, 10)
    .option('--changed-since <ref>', 'lint only pages changed since this git ref (its merge base with HEAD, plus uncommitted and untracked files) and pages whose tables link to a changed page')
    .addOption(new Option('--show <severity>', 'print (or annotate) diagnostics of this severity and above').choices(['error', 'warning', 'info', 'none']).default('warning'))
    .option('--limit <n>', 'print at most this many diagnostics (annotations have --max-annotations per file instead)', positiveInteger, 50)
    .addOption(new Option('--fail-on <severity>', 'exit 1 when diagnostics of this severity or above exist (crashes always fail)').choices(['error', 'warning', 'info', 'none']).default('error'))
    .option('--max-page-bytes <n>', 'skip (and report) pages larger than this', positiveInteger, DEFAULT_MAX_PAGE_BYTES)
    .option('--no-follow-links', 'do not read resource pages linked from the given pages')
    .option('--no-progress', 'no progress bar (it is shown only on a terminal anyway)')
    .action((paths: string[], options: LintCommandOptions) => {
      setExit(runLint(paths, options, writer));
    });
}
