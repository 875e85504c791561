/** `graph-contracts report --merge`: joins the JSON reports of CI shards and renders any formats. */
import { appendFileSync, readFileSync } from 'node:fs';
import { renderMarkdown } from '../../report/reporters/markdown';
import { Command } from 'commander';
import { mergeReports, parseReport } from '../../report/merge';
import { blockingFailures } from '../../report/pending';
import { REPORTER_NAMES, type ReporterName } from '../../report/registry';
import type { Writer } from '../output';
import { EXIT } from './extract';
import { redact, redactDeep } from '../../internal/secrets';
import { reportList, writeReports } from './verify';

export function reportCommand(writer: Writer, setExit: (code: number) => void): Command {
  return new Command('report')
    .description('Merge the JSON reports of several verification runs (CI shards) into one report, in any formats. Reports of `verify --shard i/n` must be shards 1..n, each once (exit 2 otherwise). Exit code 1 when the merged report has failures that fail the build.')
    .argument('<reports...>', 'verification.json files of the shards')
    .requiredOption('--merge', 'merge the given JSON reports (required: the only mode so far)')
    .option('--report <formats>', `comma-separated report formats: ${REPORTER_NAMES.join(', ')}`, reportList, [...REPORTER_NAMES])
    .option('--out <dir>', 'folder for the report files', 'reports')
    .option('--job-summary', 'also append the Markdown report to $GITHUB_STEP_SUMMARY (the GitHub Actions job summary), when set')
    .action((files: string[], options: { report: ReporterName[]; out: string; jobSummary?: boolean }) => {
      const reports = files.map((file) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          throw new ReportFileError(`Cannot read the report ${file}: no such file.`);
        }
        return parseReport(file, text);
      });
      const merged = mergeReports(reports, files);
      writeReports(merged, options.report, options.out, writer);
      const summaryFile = process.env.GITHUB_STEP_SUMMARY;
      if (options.jobSummary && summaryFile) {
        appendFileSync(summaryFile, redact(renderMarkdown(redactDeep(merged))));
        writer.out(`Appended the Markdown report to the job summary\n`);
      }
      setExit(blockingFailures(merged) > 0 ? EXIT.findings : EXIT.ok);
    });
}

export class ReportFileError extends Error {
  override readonly name = 'ReportFileError' as const;
}
