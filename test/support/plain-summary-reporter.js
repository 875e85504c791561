// Prints one plain closing line, `tests: N passed, N failed, N skipped`, after jest's own summary,
// so that CI logs end with counts any reader (or log scanner) understands.
'use strict';
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }
}
module.exports = PlainSummaryReporter;
