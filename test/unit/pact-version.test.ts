/** Pact is a peer dependency: generate warns on a version other than the tested one. */
import { installedPactVersion, pactVersionWarning, TESTED_PACT_VERSION } from '../../src/pact/pact-version';

describe('the Pact peer version warning', () => {
  it('is silent for the tested version (the one the project installs) and names the race for 16.3+', () => {
    expect(installedPactVersion()).toBe(TESTED_PACT_VERSION);
    expect(pactVersionWarning('16.2.0')).toBeNull();
    expect(pactVersionWarning('16.5.0')).toMatch(/16\.5\.0 is installed.*pact-reference#535.*@pact-foundation\/pact@16\.2\.0/);
    expect(pactVersionWarning('17.0.1')).not.toContain('#535');
  });
});
