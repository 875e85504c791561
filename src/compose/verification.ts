/**
 * Verification as the CLI and the serverless handler run it: the provider stage replays the pacts
 * and returns each interaction's results; the report is built from them here.
 */
import { verify, type VerifyOptions } from '../provider/verify';
import { buildReport } from '../report/build';
import type { VerificationReport } from '../report/model';

export async function verifyAndReport(options: VerifyOptions): Promise<VerificationReport> {
  const { pacts, durationMs } = await verify(options);
  return buildReport(options.target.name, pacts, durationMs);
}
