/** `record-deployment`: records a deployment of a version in the Pact Broker (the official client's command). */
import type { Command } from 'commander';
import type { Writer } from '../output';
import { EXIT } from '../../internal/exit-codes';
import { CREDENTIALS_FROM_ENV, passThroughCommand } from './broker-client';

export function recordDeploymentCommand(writer: Writer, setExit: (code: number) => void): Command {
  return passThroughCommand(
    'record-deployment',
    `Record in the Pact Broker that a version was deployed to an environment (so providers verify what is deployed, and can-i-deploy knows it): the options go to the official client's \`pact broker record-deployment\` (e.g. --pacticipant graph-contracts --version SHA --environment production); ${CREDENTIALS_FROM_ENV}. Exit code 0 when recorded, 1 when not (the client's output says why), 2 when the broker cannot be reached.`,
    writer,
    setExit,
    (code) => (code === 0 ? EXIT.ok : EXIT.findings),
  );
}
