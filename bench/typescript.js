// Loads a TypeScript module that is not built into dist (the markdown-it test oracle in
// test/support) by transpiling it in memory, as the benchmarks and the fuzzer need it without a
// ts-node start-up.
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const ts = require('typescript');

/**
 * The module's exports. `replace` maps a module id the file requires to the exports it gets
 * instead (the fuzzer hands the oracle a markdown-it whose fence rule reports what it found).
 */
function loadTypeScript(file, replace = {}) {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(join(file, '..'));
  mod.require = (id) => (Object.prototype.hasOwnProperty.call(replace, id) ? replace[id] : Module.prototype.require.call(mod, id));
  mod._compile(outputText, file);
  return mod.exports;
}

module.exports = { loadTypeScript };
