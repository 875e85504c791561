/**
 * The consumer suite for the bundled contracts: one test per documented example, each driving the
 * axios Graph client against Pact's mock server. Examples that cannot become interactions show as
 * skipped tests with the reason in their name. At the end the pacts are joined, compared with the
 * committed ones in pacts/ (CI fails when they are stale) and read back by Pact's own verifier.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { extract } from '../../src/docs/extract';
import { interactionDir, runInteraction } from '../../src/pact/consumer-run';
import { DEFAULT_CONSUMER } from '../../src/pact/generate';
import { buildExampleSpecs, type InteractionSpec } from '../../src/pact/interactions';
import { joinPactFiles, pactFileName, type WrittenInteraction } from '../../src/pact/pact-files';
import { assignProviders } from '../../src/pact/providers';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';
import { startStubProvider } from './stub-provider';

const COMMITTED_PACTS = join(REPO_ROOT, 'pacts');
const { model } = extract([CONTRACTS_DIR], { cwd: REPO_ROOT });
const specs = buildExampleSpecs(model);
const interactions = specs.filter((s): s is InteractionSpec => s.kind === 'interaction');
const providers = assignProviders(interactions);

let workDir: string;
let pactDir: string;
const written: WrittenInteraction[] = [];

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'consumer-work-'));
  pactDir = mkdtempSync(join(tmpdir(), 'consumer-pacts-'));
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
  rmSync(pactDir, { recursive: true, force: true });
});

describe('consumer contract tests for the bundled contracts', () => {
  specs.forEach((spec, index) => {
    if (spec.kind === 'skip') {
      it.skip(`${spec.description} [skipped: ${spec.reason}]`, () => undefined);
      return;
    }
    it(`${spec.description} (${spec.source.file}:${spec.source.line})`, async () => {
      const provider = providers.get(spec)!;
      const dir = interactionDir(workDir, index);
      const outcome = await runInteraction(spec, { consumer: DEFAULT_CONSUMER, provider, dir });
      expect(outcome.status).toBe(spec.response.status);
      expect(outcome.errorCode).toBeNull();
      expect(outcome.body).toEqual(expect.objectContaining({ '@odata.type': expect.any(String) }));
      written.push({ spec, provider, dir });
    });
  });

  it('skips exactly the example whose URL is unresolved', () => {
    expect(specs.filter((s) => s.kind === 'skip').map((s) => s.key)).toEqual([
      'contracts/api/directoryobjectpartnerreference-post.md#create_directoryobjectpartnerreference_from_',
    ]);
  });

  it('writes pacts identical to the committed ones in pacts/ (regenerate with `npm start` when this fails)', () => {
    expect(written).toHaveLength(interactions.length);
    const files = joinPactFiles(DEFAULT_CONSUMER, written, pactDir, { prune: true }).map((f) => f.file);
    const committed = readdirSync(COMMITTED_PACTS).filter((f) => f.endsWith('.json')).sort();
    expect(files.sort()).toEqual(committed);
    for (const file of files) {
      expect(readFileSync(join(pactDir, file), 'utf8')).toBe(readFileSync(join(COMMITTED_PACTS, file), 'utf8'));
    }
  });

  it('wrote valid Pact V4 files, read back and verified by Pact\'s own verifier', async () => {
    const stub = await startStubProvider(interactions);
    try {
      for (const provider of new Set(providers.values())) {
        const verifier = new Verifier({
          provider,
          providerBaseUrl: stub.url,
          pactUrls: [join(COMMITTED_PACTS, pactFileName(DEFAULT_CONSUMER, provider))],
          logLevel: 'error',
        });
        await expect(verifier.verifyProvider()).resolves.toBeDefined();
      }
    } finally {
      await stub.close();
    }
  });

  it('gives every field of every documented body a matching rule', () => {
    for (const file of readdirSync(COMMITTED_PACTS).filter((f) => f.endsWith('.json'))) {
      const pact = JSON.parse(readFileSync(join(COMMITTED_PACTS, file), 'utf8'));
      expect(pact.metadata.pactSpecification.version).toBe('4.0');
      for (const interaction of pact.interactions) {
        for (const part of [interaction.request, interaction.response]) {
          if (!part.body) continue;
          const rules = Object.keys(part.matchingRules?.body ?? {});
          for (const leaf of leafPaths(part.body.content, '$')) {
            expect({ leaf, covered: rules.some((r) => leaf === r || leaf.startsWith(`${r}.`) || leaf.startsWith(`${r}[`) || leaf.startsWith(`${r}['`)) }).toEqual({ leaf, covered: true });
          }
        }
      }
    }
  });
});

/** JSONPath of every leaf value, in the notation Pact uses for matching rules. */
function leafPaths(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, /^[A-Za-z_][\w]*$/.test(key) ? `${path}.${key}` : `${path}['${key}']`));
  }
  return [path];
}
