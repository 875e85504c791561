/** `graph-contracts mock`: the mocked Graph endpoint, served until interrupted. */
import { Command, Option } from 'commander';
import { integer } from '../arguments';
import type { ContractModel } from '../../contract/model';
import { extract } from '../../docs/extract';
import { BUNDLED_CONTRACTS } from '../../internal/paths';
import { FAULT_MODES, type FaultMode } from '../../mock/faults';
import { requireExistingPaths, requirePages } from '../inputs';
import type { Writer } from '../output';

/** The model the mock serves: from `--docs` (which must exist and hold pages), else the bundled contracts. */
export function docsForMock(docs: string[] | undefined): ContractModel {
  if (!docs || docs.length === 0) return extract([BUNDLED_CONTRACTS]).model;
  requireExistingPaths(docs, '--docs');
  const { model } = extract(docs);
  requirePages(model, docs, '--docs');
  return model;
}

export function mockCommand(writer: Writer, _setExit: (code: number) => void): Command {
  return new Command('mock')
    .description('Serve the mocked Graph endpoint derived from the docs until interrupted (Ctrl-C).')
    .option('--docs <paths...>', 'docs to build the mock from (default: the bundled contracts)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .addOption(new Option('--port <port>', 'port').argParser(integer).default(0, 'a free one'))
    .addOption(new Option('--fault <mode>', 'misbehave on every request').choices([...FAULT_MODES]))
    .option('--seed <n>', 'seed for ids and fault choices', integer, 1)
    .action(async (options: { docs?: string[]; host: string; port: number; fault?: FaultMode; seed: number }) => {
      const { startMock } = await import('../../mock/server');
      const model = docsForMock(options.docs);
      const mock = await startMock({ model, host: options.host, port: options.port, seed: options.seed, ...(options.fault ? { faults: { mode: options.fault } } : {}) });
      writer.out(`Mock Graph endpoint listening on ${mock.url} (provider states: ${mock.statesUrl}). Ctrl-C stops it.\n`);
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
      // What it could not check (types the docs given do not define), so that a lenient answer is not a surprise.
      for (const note of mock.diagnostics()) writer.err(`[graph-contracts] ${note}\n`);
      await mock.close();
    });
}
