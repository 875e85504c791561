/**
 * The import boundaries between the stages (eslint.config.js) hold: a planted import against the
 * layers fails lint, an allowed one passes, and the tree itself is clean.
 */
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../helpers';

// The config is handed over as loaded: ESLint's own loader imports it dynamically, which jest's
// module sandbox does not allow.
const config = require('../../eslint.config.js') as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfigFile: true, overrideConfig: config });

async function boundaryErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  it('fails an import of a layer that uses this one', async () => {
    const errors = await boundaryErrors("import { buildReport } from '../report/build';\nexport const x = buildReport;\n", 'src/docs/planted.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('src/docs may import only contract, internal');
  });

  it('fails an import of the CLI from any layer, the library entry included', async () => {
    expect(await boundaryErrors("import { main } from '../../cli/main';\nexport const x = main;\n", 'src/report/reporters/planted.ts')).toHaveLength(1);
    expect(await boundaryErrors("import { main } from './cli/main';\nexport const x = main;\n", 'src/index.ts')).toHaveLength(1);
  });

  it('allows an import of a lower layer and of the same layer', async () => {
    expect(await boundaryErrors("import type { SourceRef } from '../contract/model';\nimport { parseBlocks } from './blocks';\nexport type X = SourceRef;\nexport const y = parseBlocks;\n", 'src/docs/planted.ts')).toEqual([]);
  });

  it('the provider stage neither starts the mock nor builds the report: it returns results in the report\'s data model', async () => {
    expect(await boundaryErrors("import { startMock } from '../mock/server';\nexport const x = startMock;\n", 'src/provider/verify.ts')).toHaveLength(1);
    expect(await boundaryErrors("import { buildReport } from '../report/build';\nexport const x = buildReport;\n", 'src/provider/verify.ts')).toHaveLength(1);
    expect(await boundaryErrors("import { REPORTERS } from '../report/registry';\nexport const x = REPORTERS;\n", 'src/provider/verify.ts')).toHaveLength(1);
    expect(await boundaryErrors("import { conformanceOf } from '../report/model';\nimport { pathTemplate } from '../report/operation';\nexport const x = [conformanceOf, pathTemplate];\n", 'src/provider/verify.ts')).toEqual([]);
  });

  it('the broker stage does not run verification, and the recording proxy does not use the live target', async () => {
    expect(await boundaryErrors("import { verify } from '../provider/verify';\nexport const x = verify;\n", 'src/broker/verify-from-broker.ts')).toHaveLength(1);
    expect(await boundaryErrors("import { liveTarget } from '../live/target';\nexport const x = liveTarget;\n", 'src/provider/recorder.ts')).toHaveLength(1);
  });

  it('the composition module is imported by the CLI and the serverless handler only', async () => {
    const code = (up: string) => `import { verifyAndReport } from '${up}compose/verification';\nexport const x = verifyAndReport;\n`;
    expect(await boundaryErrors(code('../'), 'src/serverless/handler.ts')).toEqual([]);
    expect(await boundaryErrors(code('../../'), 'src/cli/commands/verify.ts')).toEqual([]);
    for (const file of ['src/broker/planted.ts', 'src/provider/planted.ts', 'src/report/planted.ts', 'src/live/planted.ts']) expect(await boundaryErrors(code('../'), file)).toHaveLength(1);
  });

  it('keeps the mock off the pact layer: it is built from the contract model (issue 15 item 4)', async () => {
    const code = "import { buildSpec } from '../pact/interactions';\nexport const x = buildSpec;\n";
    for (const file of ['src/mock/routes.ts', 'src/mock/behaviour.ts']) expect(await boundaryErrors(code, file)).toHaveLength(1);
  });
});
