/**
 * @pact-foundation/pact is a peer dependency (the app's own Pact serves the library API and the
 * CLI alike), so the CLI may run on another version than the 16.2.0 it is tested with. 16.3.0 to
 * 16.5.0 lose interactions in long sequential runs (upstream pact-reference#535; see
 * test/consumer/mock-server-race.test.ts), which is what `generate` does: say so rather than
 * fail mysteriously.
 */
export const TESTED_PACT_VERSION = '16.2.0';

/** A warning for a Pact version other than the tested one, or null. */
export function pactVersionWarning(version: string): string | null {
  if (version === TESTED_PACT_VERSION) return null;
  const [major, minor] = version.split('.').map(Number);
  const racy = major === 16 && minor !== undefined && minor >= 3;
  return (
    `@pact-foundation/pact ${version} is installed; graph-contracts is tested with ${TESTED_PACT_VERSION}` +
    (racy ? ' (16.3.0 to 16.5.0 lose interactions in long sequential runs, upstream pact-reference#535)' : '') +
    `. Install @pact-foundation/pact@${TESTED_PACT_VERSION} if consumer tests fail with "expected but not received".`
  );
}

/** The installed Pact's version. */
export function installedPactVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@pact-foundation/pact/package.json') as { version: string }).version;
}
