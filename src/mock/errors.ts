/**
 * The Graph error envelope, as a catalog of templates with the detail added where the error is
 * raised: `{"error": {"code", "message", "innerError": {"request-id", "date"}}}`.
 */
const GRAPH_ERRORS = {
  unauthenticated: { status: 401, code: 'InvalidAuthenticationToken', title: 'Access token is empty.' },
  notFound: { status: 404, code: 'Request_ResourceNotFound', title: 'Resource not found' },
  noRoute: { status: 400, code: 'BadRequest', title: 'Resource not found for the segment' },
  badRequest: { status: 400, code: 'BadRequest', title: 'Invalid request' },
  tooLarge: { status: 413, code: 'RequestEntityTooLarge', title: 'Request entity too large' },
  quotaExceeded: { status: 400, code: 'Directory_QuotaExceeded', title: 'The object quota limit has been exceeded' },
  throttled: { status: 429, code: 'TooManyRequests', title: 'Too many requests' },
  serverError: { status: 500, code: 'InternalServerError', title: 'Internal server error' },
} as const;

export type GraphErrorName = keyof typeof GRAPH_ERRORS;

export function graphError(name: GraphErrorName, detail: string, requestId: string): { status: number; body: Record<string, unknown> } {
  const template = GRAPH_ERRORS[name];
  return {
    status: template.status,
    body: {
      error: {
        code: template.code,
        message: `${template.title}: ${detail}`,
        innerError: { 'request-id': requestId, date: '2024-01-01T00:00:00Z' },
      },
    },
  };
}
