/** `graph-contracts report --merge`: joins the JSON reports of CI shards and renders any formats. */
import { appendFileSync, readFileSync } from 'node:fs';
import { renderMarkdown } from '../../report/reporters/markdown';
import { Command, Option } from 'commander';
import { mergeReports, parseReport } from '../../report/merge';
import { blockingFailures } from '../../report/pending';
import type { ReporterName } from '../../report/registry';
import type { Writer } from '../output';
import { EXIT } from '../../internal/exit-codes';
import { GraphContractsError } from '../../internal/errors';
import { redact, redactDeep } from '../../internal/secrets';
import { reportOption, writeReports } from './verify';
import { COMPARE_FAIL_ON, COMPARE_FORMATS, compareFormats, readReportFile, runCompare, type CompareFailOn } from './report-compare';

export function reportCommand(writer: Writer, setExit: (code: number) => void): Command {
  const command = new Command('report')
    .description('Merge the JSON reports of several verification runs (CI shards) into one report, in any formats (--merge), or show what changed between two runs (--compare BASELINE CURRENT). Reports of `verify --shard i/n` must be shards 1..n, each once (exit 2 otherwise). Exit code 1 when the merged report has failures that fail the build, or per --fail-on for --compare.')
    .argument('<reports...>', 'verification.json files: the shards (--merge), or the baseline then the current run (--compare)')
    .option('--merge', 'merge the given JSON reports')
    .option('--compare', 'compare two JSON reports: new failures, fixed, added and removed interactions, field verdict changes')
    .addOption(reportOption(` (--compare: ${COMPARE_FORMATS.join(', ')})`))
    .option('--out <dir>', 'folder for the report files', 'reports')
    .option('--job-summary', 'also append the Markdown report to $GITHUB_STEP_SUMMARY (the GitHub Actions job summary), when set')
    .addOption(new Option('--fail-on <when>', '--compare: exit 1 on new failures (new), on any failure of the current run (any), or never (none)').choices([...COMPARE_FAIL_ON]).default('new'));
  return command.action((files: string[], options: { merge?: boolean; compare?: boolean; report: ReporterName[]; out: string; jobSummary?: boolean; failOn: CompareFailOn }) => {
      if (Boolean(options.merge) === Boolean(options.compare)) {
        writer.err('[graph-contracts] report needs --merge (join shard reports) or --compare (two runs), one of them.\n');
        setExit(EXIT.usage);
        return;
      }
      if (options.compare) {
        // The comparison has its own formats; all of them unless --report names some.
        const formats = command.getOptionValueSource('report') === 'default' ? [...COMPARE_FORMATS] : compareFormats(options.report);
        if (typeof formats === 'string') {
          writer.err(`[graph-contracts] ${formats}\n`);
          setExit(EXIT.usage);
          return;
        }
        setExit(runCompare(files, { formats, out: options.out, failOn: options.failOn, ...(options.jobSummary ? { jobSummary: true } : {}) }, writer, (file) => readReportFile(file, (message) => new ReportFileError(message))));
        return;
      }
      const reports = files.map((file) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          throw new ReportFileError(`Cannot read the report ${file}: no such file. Give the verification.json files that \`verify --report json\` wrote.`, { where: file });
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

export class ReportFileError extends GraphContractsError {
  override readonly name = 'ReportFileError' as const;
  readonly code = 'report_unreadable' as const;
}
