/**
 * Defaults of the consumer stage, in a module of their own so that the CLI can read them without
 * loading Pact (hundreds of milliseconds of start-up that `extract` does not need).
 */
export const DEFAULT_CONSUMER = 'graph-contracts';
