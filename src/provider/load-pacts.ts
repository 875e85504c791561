/** Pact files from folders, files or URLs, parsed; a file that is not a pact is an error naming it. */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import axios from 'axios';
import type { PactInteraction } from '../conformance/check';
import { pactProblems } from './pact-shape';
import { GraphContractsError } from '../internal/errors';

export interface LoadedPact {
  /** Where it came from (path or URL), and a local file Pact's verifier can read. */
  source: string;
  file: string;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
  /** For a copy holding only the interactions a target replays: the pact it was taken from. */
  selectedFrom?: LoadedPact;
}

export class PactLoadError extends GraphContractsError {
  override readonly name = 'PactLoadError' as const;
  readonly code = 'pact_load_failed' as const;
}

export async function loadPacts(sources: string[], downloadDir: string): Promise<LoadedPact[]> {
  const pacts: LoadedPact[] = [];
  for (const source of sources) {
    if (/^https?:\/\//.test(source)) {
      const response = await axios.get<string>(source, { responseType: 'text', transformResponse: [(d: unknown) => d] }).catch((error: unknown) => {
        throw new PactLoadError(`Failed to download the pact ${source}: ${error instanceof Error ? error.message : String(error)}. Check the URL, and that the server there is up and serves the pact.`, { where: source });
      });
      const file = join(downloadDir, `downloaded-${pacts.length}.json`);
      writeFileSync(file, response.data);
      pacts.push(parsePact(source, file, response.data));
      continue;
    }
    const path = resolve(source);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new PactLoadError(`The pact source ${source} does not exist. Give a pact file, a folder of pact files or a URL.`, { where: source });
    }
    const files = isDirectory ? readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f)) : [path];
    // An empty folder (a wrong --pacts, a generate that wrote nothing) must not pass as a green run.
    if (files.length === 0) throw new PactLoadError(`The folder ${source} holds no pact files (*.json). Run \`graph-contracts generate\` first, or give the folder the pacts were written to.`, { where: source });
    for (const file of files) {
      const shown = relative(process.cwd(), file);
      pacts.push(parsePact(shown && !shown.startsWith('..') ? shown : file, file, readFileSync(file, 'utf8')));
    }
  }
  return pacts;
}

/** At most this many problems are listed in one error (the count of the rest follows). */
const PROBLEMS_SHOWN = 5;

function parsePact(source: string, file: string, text: string): LoadedPact {
  let json: { consumer?: { name?: string }; provider: { name: string }; interactions: PactInteraction[] };
  try {
    json = JSON.parse(text);
  } catch {
    throw new PactLoadError(`${source} is not JSON, so not a pact file. Give pact files that Pact or \`graph-contracts generate\` wrote, and keep other .json files out of the pact folder.`, { where: source });
  }
  const problems = pactProblems(json);
  if (problems.length > 0) {
    const more = problems.length > PROBLEMS_SHOWN ? `; and ${problems.length - PROBLEMS_SHOWN} more` : '';
    throw new PactLoadError(`${source} is not a pact that can be verified: ${problems.slice(0, PROBLEMS_SHOWN).join('; ')}${more}. Fix the file, or write it again with \`graph-contracts generate\`.`, { where: source });
  }
  return { source, file, consumer: json.consumer?.name ?? 'unknown', provider: json.provider.name, interactions: json.interactions };
}
