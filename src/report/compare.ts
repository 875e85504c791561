/**
 * Drift between two verification runs (`report --compare BASELINE CURRENT`): which interactions
 * fail now and did not before, which were fixed, which came or went, and per documented field how
 * the verdict changed (`$.displayName ok → missing`). Pure: reports in, a comparison out.
 *
 * Interactions are matched by consumer and `key` (`<page>#<example>`, from the pact's comments),
 * else by provider and description: pact file paths differ between runs (shards, artifacts).
 */
import type { Finding, FindingCode } from '../conformance/finding';
import type { SourceRef } from '../contract/diagnostics';
import type { InteractionResult, PactResult, VerificationReport } from './model';
import { isPending } from './pending';
import { expectationText, observationText, pathText } from './wording';

/** 2: interactions carry `source` (a SourceRef) instead of the `documentedAt` string. */
const COMPARISON_SCHEMA_VERSION = 2;

type Status = 'passed' | 'failed' | 'skipped';

interface ComparedInteraction {
  id: string;
  consumer: string;
  provider: string;
  description: string;
  method: string;
  path: string;
  /** Where the docs show the example. */
  source: SourceRef | null;
  /** In a pending or WIP pact of the current run: reported, but never fails the comparison. */
  pending: boolean;
}

/** A field whose verdict changed; `absent` when the field was not checked in that run. */
export interface FieldChange {
  /** The field as text (`$.value[0].id`, `status`, `header:ETag`): runs of every report version compare by it. */
  path: string;
  before: FindingCode | 'absent';
  after: FindingCode | 'absent';
  /** What the current run expected and got (the baseline's when the field is gone), in words. */
  expected: string;
  actual: string;
}

export interface InteractionChange extends ComparedInteraction {
  before: Status | 'absent';
  after: Status | 'absent';
  /** Why it is skipped now, when it is. */
  skipped: string | null;
  fields: FieldChange[];
}

export interface RunFigures {
  target: string;
  interactions: number;
  passed: number;
  failed: number;
  skipped: number;
  conformance: number;
}

export interface ReportComparison {
  schemaVersion: typeof COMPARISON_SCHEMA_VERSION;
  baseline: RunFigures;
  current: RunFigures;
  /** Failing now, and not failing in the baseline (passed, skipped or absent then). */
  newFailures: InteractionChange[];
  /** Failing in the baseline, passing now. */
  fixed: InteractionChange[];
  /** Failing in both runs, with the fields whose verdicts changed (possibly none). */
  stillFailing: InteractionChange[];
  /** Replayed in the baseline, skipped now, or the other way round (not failures either way). */
  skipChanges: InteractionChange[];
  /** Passing in both runs, but with field verdicts that changed (e.g. `unexpected` fields). */
  otherFieldChanges: InteractionChange[];
  added: InteractionChange[];
  removed: InteractionChange[];
}

interface Entry {
  pact: PactResult;
  interaction: InteractionResult;
}

function identity(pact: PactResult, interaction: InteractionResult): string {
  return interaction.key !== null ? JSON.stringify([pact.consumer, interaction.key]) : JSON.stringify([pact.consumer, pact.provider, interaction.description]);
}

function index(report: VerificationReport): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const pact of report.pacts) for (const interaction of pact.interactions) entries.set(identity(pact, interaction), { pact, interaction });
  return entries;
}

function statusOf(interaction: InteractionResult): Status {
  if (interaction.skipped !== null) return 'skipped';
  return interaction.passed ? 'passed' : 'failed';
}

const RANK: Record<Finding['severity'], number> = { error: 2, warning: 1, ok: 0 };

/** One finding per field path: the most severe, when a path has several. */
function byPath(findings: Finding[]): Map<string, Finding> {
  const fields = new Map<string, Finding>();
  for (const finding of findings) {
    const path = pathText(finding.path);
    const known = fields.get(path);
    if (!known || RANK[finding.severity] > RANK[known.severity]) fields.set(path, finding);
  }
  return fields;
}

/** The fields whose verdict differs, in the current run's order, then the baseline's vanished fields. */
function fieldChanges(before: Finding[], after: Finding[]): FieldChange[] {
  const old = byPath(before);
  const now = byPath(after);
  const changes: FieldChange[] = [];
  for (const [path, finding] of now) {
    const previous = old.get(path);
    if (previous?.code === finding.code) continue;
    changes.push({ path, before: previous?.code ?? 'absent', after: finding.code, expected: expectationText(finding.expected), actual: observationText(finding.actual) });
  }
  for (const [path, finding] of old) if (!now.has(path)) changes.push({ path, before: finding.code, after: 'absent', expected: expectationText(finding.expected), actual: observationText(finding.actual) });
  return changes;
}

function figures(report: VerificationReport): RunFigures {
  const s = report.summary;
  return { target: report.target, interactions: s.interactions, passed: s.passed, failed: s.failed, skipped: s.skipped, conformance: s.conformance };
}

function describe({ pact, interaction }: Entry, id: string): ComparedInteraction {
  return {
    id,
    consumer: pact.consumer,
    provider: pact.provider,
    description: interaction.description,
    method: interaction.method,
    path: interaction.path,
    source: interaction.source,
    pending: isPending(pact),
  };
}

export function compareReports(baseline: VerificationReport, current: VerificationReport): ReportComparison {
  const before = index(baseline);
  const after = index(current);
  const comparison: ReportComparison = {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    baseline: figures(baseline),
    current: figures(current),
    newFailures: [],
    fixed: [],
    stillFailing: [],
    skipChanges: [],
    otherFieldChanges: [],
    added: [],
    removed: [],
  };
  for (const [id, now] of after) {
    const then = before.get(id);
    const statusNow = statusOf(now.interaction);
    const change: InteractionChange = {
      ...describe(now, id),
      before: then ? statusOf(then.interaction) : 'absent',
      after: statusNow,
      skipped: now.interaction.skipped,
      // Skipped interactions were not checked: their (absent) findings say nothing about fields.
      fields: then && then.interaction.skipped === null && statusNow !== 'skipped' ? fieldChanges(then.interaction.findings, now.interaction.findings) : [],
    };
    if (!then) comparison.added.push(change);
    if (statusNow === 'failed' && change.before !== 'failed') comparison.newFailures.push(change);
    else if (statusNow === 'failed') comparison.stillFailing.push(change);
    else if (statusNow === 'passed' && change.before === 'failed') comparison.fixed.push(change);
    else if (then && (statusNow === 'skipped') !== (change.before === 'skipped')) comparison.skipChanges.push(change);
    else if (then && change.fields.length > 0) comparison.otherFieldChanges.push(change);
  }
  for (const [id, then] of before) {
    if (after.has(id)) continue;
    comparison.removed.push({ ...describe(then, id), before: statusOf(then.interaction), after: 'absent', skipped: null, fields: [] });
  }
  return comparison;
}

/** New failures outside pending and WIP pacts: what `--fail-on new` fails on. */
export function blockingNewFailures(comparison: ReportComparison): number {
  return comparison.newFailures.filter((c) => !c.pending).length;
}
