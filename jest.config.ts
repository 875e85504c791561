import type { Config } from 'jest';

/**
 * All dependencies used under test are CommonJS (markdown-it 14, js-yaml, jsonc-parser,
 * commander), so jest runs in its default CommonJS mode with ts-jest compiling our TypeScript; no
 * ESM transform of node_modules is needed.
 */
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  // Corpus tests read 13 MB of docs; give slow CI machines room without hiding a hang.
  testTimeout: 60_000,
  verbose: false,
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
};

export default config;
