import { Command, Option } from 'commander';
import { positiveInteger } from '../arguments';
import type { Severity } from '../../contract/diagnostics';
import { extract, type ExtractResult } from '../../docs/extract';
import { DEFAULT_MAX_PAGE_BYTES } from '../../docs/read-page';
import { writeFileAtomic } from '../../internal/atomic-write';
import { EXIT } from '../../internal/exit-codes';
import { requireExistingPaths, requirePages } from '../inputs';
import { formatDiagnostics, formatExtractSummary, selectDiagnostics, type Writer } from '../output';
import { createProgress, type Progress } from '../progress';

export interface ExtractCommandOptions {
  json?: string;
  summaryJson?: string;
  maxPageBytes: number;
  followLinks: boolean;
  progress: boolean;
  show: Severity | 'none';
  limit: number;
  failOn: Severity | 'none';
}

/** Runs extraction, prints the summary and diagnostics, writes the requested files. */
export function runExtract(paths: string[], options: ExtractCommandOptions, writer: Writer): { result: ExtractResult; exitCode: number } {
  requireExistingPaths(paths, 'docs folders or page files');
  // The bar is created on the first page, when the number of files is known.
  let progress: Progress | null = null;
  const result = extract(paths, {
    maxPageBytes: options.maxPageBytes,
    followLinks: options.followLinks,
    onProgress: (done, total) => {
      progress ??= createProgress(options.progress, 'extract', total);
      progress.update(done, total);
    },
  });
  (progress as Progress | null)?.stop();
  requirePages(result.model, paths, 'docs folders or page files');

  const { shown, hidden } = selectDiagnostics(result.model, options.show, options.limit);
  writer.out(formatDiagnostics(shown, hidden));
  writer.out(formatExtractSummary(result.summary));
  if (options.json) {
    writeFileAtomic(options.json, `${JSON.stringify(result.model, null, 2)}\n`);
    writer.out(`Wrote the contract model to ${options.json}\n`);
  }
  if (options.summaryJson) {
    writeFileAtomic(options.summaryJson, `${JSON.stringify(result.summary, null, 2)}\n`);
    writer.out(`Wrote the summary to ${options.summaryJson}\n`);
  }
  return { result, exitCode: failed(result, options.failOn) ? EXIT.findings : EXIT.ok };
}

function failed(result: ExtractResult, failOn: Severity | 'none'): boolean {
  if (result.summary.crashes > 0) return true;
  const { severities } = result.summary;
  if (failOn === 'error') return severities.error > 0;
  if (failOn === 'warning') return severities.error + severities.warning > 0;
  if (failOn === 'info') return severities.error + severities.warning + severities.info > 0;
  return false;
}


/** Options shared by `extract` and `run`. */
export function addExtractOptions(command: Command): Command {
  return command
    .option('--max-page-bytes <n>', 'skip (and report) pages larger than this', positiveInteger, DEFAULT_MAX_PAGE_BYTES)
    .option('--no-follow-links', 'do not read resource pages linked from the given pages')
    .option('--no-progress', 'no progress bar (it is shown only on a terminal anyway)')
    .addOption(new Option('--show <severity>', 'print diagnostics of this severity and above').choices(['error', 'warning', 'info', 'none']).default('warning'))
    .option('--limit <n>', 'print at most this many diagnostics', positiveInteger, 50)
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when diagnostics of this severity or above exist (crashes always fail)')
        .choices(['error', 'warning', 'info', 'none'])
        .default('none'),
    );
}

export function extractCommand(writer: Writer, setExit: (code: number) => void): Command {
  return addExtractOptions(
    new Command('extract')
      .description('Read Graph API reference pages (markdown) into the contract model, with diagnostics for everything broken in them.')
      .argument('<paths...>', 'docs folders (searched recursively for .md files) or page files')
      .option('--json <file>', 'write the contract model as JSON')
      .option('--summary-json <file>', 'write the summary figures as JSON (pages, pagesWithErrors, crashes, examples, pairs, diagnostics)'),
  ).action((paths: string[], options: ExtractCommandOptions) => {
    setExit(runExtract(paths, options, writer).exitCode);
  });
}
