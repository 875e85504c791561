/** What the mock answers to one request, before faults and sending. */
import { graphError, type GraphErrorName } from './errors';

export interface Reply {
  status: number;
  body: unknown;
  text?: { text: string; contentType: string };
  headers?: Record<string, string>;
}

export function errorReply(name: GraphErrorName, detail: string, requestId: string): Reply {
  return graphError(name, detail, requestId);
}
