import { buildReport } from '../../src/report/build';
import type { Finding } from '../../src/conformance/finding';
import type { VerificationReport } from '../../src/report/model';
import { expectationText, observationText, pathText } from '../../src/report/wording';

/** A small report with one passing, one failing (a missing and a malformed field) and one skipped interaction. */
export function sampleReport(): VerificationReport {
  return buildReport(
    'mock',
    [
      {
        file: 'pacts/app-graph-v1.0-users.json',
        consumer: 'app',
        provider: 'graph-v1.0-users',
        pactPassed: false,
        interactions: [
          {
            description: 'Get user: get_user',
            key: 'docs/api/user-get.md#get_user',
            source: { file: 'docs/api/user-get.md', line: 40, column: 1 },
            method: 'GET',
            path: '/v1.0/users/1',
            template: '/v1.0/users/{id}',
            passed: true,
            pactPassed: true,
            skipped: null,
            findings: [
              { path: ['status'], code: 'ok', expected: { kind: 'status', status: 200 }, actual: { kind: 'status', status: 200 }, severity: 'ok' },
              { path: ['body', 'id'], code: 'ok', expected: { kind: 'regex', pattern: '^[0-9a-f-]+$' }, actual: { kind: 'value', json: '"8ecf"' }, severity: 'ok' },
            ],
            conformance: 1,
            docsConflict: null,
          },
          {
            description: 'Create user <admin> & "friends"',
            key: 'docs/api/user-post.md#create_user',
            source: { file: 'docs/api/user-post.md', line: 52, column: 1 },
            method: 'POST',
            path: '/v1.0/users',
            template: '/v1.0/users',
            passed: false,
            pactPassed: false,
            skipped: null,
            findings: [
              { path: ['status'], code: 'ok', expected: { kind: 'status', status: 201 }, actual: { kind: 'status', status: 201 }, severity: 'ok' },
              { path: ['body', 'displayName'], code: 'missing', expected: { kind: 'type', type: 'string' }, actual: { kind: 'absent' }, severity: 'error' },
              { path: ['body', 'created-at'], code: 'format_mismatch', expected: { kind: 'regex', pattern: '^\\d{4}-\\d{2}-\\d{2}T' }, actual: { kind: 'value', json: '"not-a-date"' }, severity: 'error' },
              { path: ['body', 'extra'], code: 'unexpected', expected: { kind: 'undocumented' }, actual: { kind: 'value', json: '1' }, severity: 'warning' },
            ],
            conformance: 1 / 3,
            docsConflict: { examples: 2, pages: ['docs/api/user-post.md', 'docs/api/user-post-beta.md'] },
          },
          {
            description: 'Delete user: delete_user',
            key: 'docs/api/user-delete.md#delete_user',
            source: { file: 'docs/api/user-delete.md', line: 30, column: 1 },
            method: 'DELETE',
            path: '/v1.0/users/1',
            template: '/v1.0/users/{id}',
            passed: true,
            pactPassed: true,
            skipped: 'it would change the tenant (DELETE); pass --allow-writes to replay writes',
            findings: [],
            conformance: 1,
            docsConflict: null,
          },
        ],
      },
    ],
    1234,
  );
}

/**
 * A report as release 1 wrote it (schemaVersion 1): each finding four strings and a severity,
 * the documented place a `documentedAt` string (`file:line:column`); `template` where that release
 * had one, or none (`withoutTemplates`, as releases before templates wrote it).
 */
export function asVersion1(report: VerificationReport, options: { withoutTemplates?: boolean } = {}): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(report)) as { schemaVersion: number; pacts: { interactions: Record<string, unknown>[] }[]; notGenerated?: Record<string, unknown>[] };
  json.schemaVersion = 1;
  const downgrade = (item: Record<string, unknown>): void => {
    const source = item['source'] as { file: string; line: number; column: number } | null;
    item['documentedAt'] = source ? `${source.file}:${source.line}:${source.column}` : null;
    delete item['source'];
    if (options.withoutTemplates) delete item['template'];
    if (Array.isArray(item['findings'])) {
      item['findings'] = (item['findings'] as Finding[]).map((f) => ({ path: pathText(f.path), verdict: f.code, expected: expectationText(f.expected), actual: observationText(f.actual), severity: f.severity }));
    }
  };
  for (const pact of json.pacts) pact.interactions.forEach(downgrade);
  json.notGenerated?.forEach(downgrade);
  return json;
}
