/**
 * A URL target without `--states-url`: Pact's verifier then replays every interaction without
 * setting up its provider states, and those whose objects the provider lacks fail, typically as
 * "expected 204, got 404", which says nothing about the cause. The CLI says it before the run and
 * counts the failures it explains after it.
 */
import type { LoadedPact } from '../provider/load-pacts';
import type { VerificationReport } from '../report/model';

export interface StatesNeeded {
  /** `JSON.stringify([pact source, description])` of each interaction with provider states. */
  keys: Set<string>;
  total: number;
  /** A few of the state names, for the message. */
  examples: string[];
}

const key = (source: string, description: string): string => JSON.stringify([source, description]);

export function statesNeeded(pacts: LoadedPact[]): StatesNeeded {
  const keys = new Set<string>();
  const names = new Set<string>();
  let total = 0;
  for (const pact of pacts) {
    for (const interaction of pact.interactions) {
      total++;
      if (!interaction.providerStates || interaction.providerStates.length === 0) continue;
      keys.add(key(pact.source, interaction.description));
      for (const state of interaction.providerStates) if (names.size < 3) names.add(state.name);
    }
  }
  return { keys, total, examples: [...names] };
}

const HOW = 'Give --states-url URL: the provider\'s state-setup endpoint (Pact\'s provider-state protocol: one POST of {"state", "params"} per state; `graph-contracts mock` prints the URL of its own).';

export function statesWarning(needed: StatesNeeded): string {
  const examples = needed.examples.map((n) => `"${n}"`).join(', ');
  return `[graph-contracts] ${needed.keys.size} of ${needed.total} interactions need provider states (e.g. ${examples}) and no --states-url was given: they are replayed without that setup, and those whose objects the provider lacks fail (often as 404). ${HOW}\n`;
}

/** After the run: how many failures may come from the missing setup; null when none. */
export function statesHint(report: VerificationReport, needed: StatesNeeded): string | null {
  let failed = 0;
  for (const pact of report.pacts) for (const interaction of pact.interactions) if (interaction.skipped === null && !interaction.passed && needed.keys.has(key(pact.file, interaction.description))) failed++;
  if (failed === 0) return null;
  return `[graph-contracts] ${failed} of the failing interactions needed provider states that were not set up (no --states-url). ${HOW}\n`;
}
