#!/usr/bin/env node
// Entry point kept in plain JavaScript so that `npx graph-contracts` starts without a TypeScript
// loader; the compiled CLI lives in dist/ (built by `npm install` through the `prepare` script).
'use strict';
// Output streams that fail (`| head`, a full disk) must not crash the command (see output.ts).
const { watchOutputStreams } = require('../dist/cli/output.js');
const { EXIT } = require('../dist/internal/exit-codes.js');
const output = watchOutputStreams();
require('../dist/cli/main.js').main(process.argv).then(
  (code) => { process.exitCode = code === 0 && output.failure() ? EXIT.outputFailed : code; },
  (error) => {
    // Redacted like all other output: a credential must not reach a log even through a crash.
    const { redact } = require('../dist/internal/secrets.js');
    process.stderr.write(redact(`[graph-contracts] Internal error: ${error && error.stack ? error.stack : error}\n`));
    process.exitCode = EXIT.internal;
  },
);
