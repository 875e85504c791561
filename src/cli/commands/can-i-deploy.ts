/** `can-i-deploy`: asks the Pact Broker whether a version can be deployed (the official client's command). */
import type { Command } from 'commander';
import type { Writer } from '../output';
import { EXIT } from '../../internal/exit-codes';
import { CREDENTIALS_FROM_ENV, passThroughCommand } from './broker-client';

export function canIDeployCommand(writer: Writer, setExit: (code: number) => void): Command {
  return passThroughCommand(
    'can-i-deploy',
    `Ask the Pact Broker whether a version can be deployed: the options go to the official client's \`pact broker can-i-deploy\` (e.g. --pacticipant graph-contracts --version SHA --to-environment production); ${CREDENTIALS_FROM_ENV}. Exit code 0 when deployable, 1 when not, 2 when the broker cannot be reached.`,
    writer,
    setExit,
    (code) => (code === 0 ? EXIT.ok : code === 1 ? EXIT.findings : EXIT.usage),
  );
}
