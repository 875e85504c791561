// ESLint flat config: typescript-eslint's recommended rules, and the import boundaries between the
// stages under src/. `npm run lint` runs it, and `npm test` runs lint first.
'use strict';
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

/**
 * The stages and what each may import, lowest first. A layer never imports a layer that uses it;
 * `cli` (and the library entry `src/index.ts`) wire the stages together, and nothing imports `cli`.
 * `serverless` is the second composition root: it wires the stages for a webhook, as `cli` does for
 * a command. What both wire alike (targets, verification then report, the broker flow) is in
 * `compose`, which only they import.
 * An entry `layer/module` allows that one module of a layer (the provider's results are the
 * report's data model, but the provider does not build or render reports).
 */
const LAYERS = {
  internal: [],
  contract: ['internal'],
  docs: ['contract', 'internal'],
  conformance: ['contract', 'internal'],
  consumer: ['internal'],
  pact: ['contract', 'internal', 'docs', 'conformance', 'consumer'],
  mock: ['contract', 'internal', 'docs', 'conformance'],
  provider: ['contract', 'internal', 'conformance', 'report/model', 'report/operation'],
  live: ['contract', 'internal', 'conformance', 'consumer', 'provider'],
  // The docs lint's outputs for pull requests (SARIF, annotations, changed pages).
  lint: ['contract', 'internal', 'docs'],
  // The public library API for consumer tests: it wires docs and pact for a user's own test file.
  library: ['contract', 'internal', 'docs', 'conformance', 'consumer', 'pact'],
  report: ['contract', 'internal', 'conformance'],
  broker: ['contract', 'internal', 'report'],
  // The wiring the CLI and the serverless handler share: the stages in order, data between them.
  compose: ['internal', 'contract', 'docs', 'conformance', 'consumer', 'pact', 'mock', 'provider', 'live', 'report', 'broker'],
  serverless: ['internal', 'contract', 'docs', 'conformance', 'consumer', 'pact', 'mock', 'provider', 'live', 'report', 'broker', 'compose'],
  cli: ['internal', 'contract', 'docs', 'conformance', 'consumer', 'pact', 'library', 'lint', 'mock', 'provider', 'live', 'report', 'broker', 'compose', 'serverless'],
};

// A folder under src/ that is not a layer would escape every boundary: say so at once.
const folders = readdirSync(join(__dirname, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const unplaced = folders.filter((name) => !(name in LAYERS));
if (unplaced.length > 0) {
  throw new Error(`eslint.config.js: src/${unplaced.join(', src/')} is not a layer: add it to LAYERS with the layers it may import`);
}

/** no-restricted-imports for a file `depth` folders below src/ whose layer is `layer`. */
function boundaryRule(layer, depth) {
  const allowed = new Set([layer, ...LAYERS[layer]]);
  const forbidden = Object.keys(LAYERS).filter((name) => !allowed.has(name));
  const up = depth === 0 ? '\\./' : '(?:\\.\\./){' + depth + '}';
  // A forbidden layer some of whose modules are allowed: every import of it but those.
  const except = (name) => {
    const modules = [...allowed].filter((entry) => entry.startsWith(`${name}/`)).map((entry) => entry.slice(name.length + 1));
    return modules.length === 0 ? name : `${name}(?!/(?:${modules.join('|')})$)`;
  };
  return [
    'error',
    {
      patterns: [
        {
          regex: `^${up}(?:${forbidden.map(except).join('|')})(?:/|$)`,
          message: `src/${layer} may import only ${LAYERS[layer].join(', ') || 'node built-ins and packages'} (layers in eslint.config.js): pass data in from the caller (cli, serverless or compose) instead.`,
        },
      ],
    },
  ];
}

const boundaries = [];
for (const layer of Object.keys(LAYERS)) {
  for (let depth = 1; depth <= 4; depth++) {
    boundaries.push({
      files: [`src/${layer}/${'*/'.repeat(depth - 1)}*.ts`],
      rules: { 'no-restricted-imports': boundaryRule(layer, depth) },
    });
  }
}
boundaries.push({
  files: ['src/index.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\./cli(?:/|$)', message: 'the library API does not import the CLI' }] }] },
});

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'reports/**', 'pacts/**', 'examples/**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly' } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Plain JavaScript entry points and scripts are CommonJS.
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests load modules fresh (jest.isolateModules) and read JSON fixtures with require.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...boundaries,
);
