/**
 * A self-contained HTML page (inline CSS, no scripts, no external assets) that people can open:
 * overall rate, per-operation breakdown, and every mismatched field with expected and actual.
 */
import type { VerificationReport } from '../model';
import { escapeXml as escape, percent, problems } from '../format';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin-top:2rem}
.summary{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #d0d7de;border-radius:8px;padding:.75rem 1rem;min-width:10rem}
.card b{display:block;font-size:1.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num,th.num{text-align:right}code{font:12px ui-monospace,Menlo,monospace;word-break:break-all}
.pass{color:#1a7f37;font-weight:600}.skip{color:#57606a;font-weight:600}.fail{color:#cf222e;font-weight:600}.warn{color:#9a6700}
.bar{background:#eaeef2;border-radius:4px;height:.5rem;width:8rem;display:inline-block;vertical-align:middle}
.bar span{display:block;height:100%;border-radius:4px;background:#1a7f37}
details{margin:.25rem 0}summary{cursor:pointer}`;

export function renderHtml(report: VerificationReport): string {
  const s = report.summary;
  const bar = (rate: number): string => `<span class="bar" role="img" aria-label="${percent(rate)}"><span style="width:${(rate * 100).toFixed(1)}%"></span></span>`;
  const operations = report.operations
    .map((o) => `<tr><td><code>${escape(o.operation)}</code></td><td class="num">${o.interactions}</td><td class="num">${o.passed}</td><td class="num">${o.skipped}</td><td class="num">${percent(o.conformance)} ${bar(o.conformance)}</td></tr>`)
    .join('\n');
  const interactions = report.pacts
    .flatMap((pact) =>
      pact.interactions.map((i) => {
        if (i.skipped !== null) {
          return `<details><summary><span class="skip">SKIP</span> <code>${escape(`${i.method} ${i.path}`)}</code> ${escape(i.description)}${i.documentedAt ? ` <small>(${escape(i.documentedAt)})</small>` : ''}</summary><p>Not replayed: ${escape(i.skipped)}</p></details>`;
        }
        const shown = problems(i.findings);
        const rows = shown
          .map((f) => `<tr><td><code>${escape(f.path)}</code></td><td class="${f.severity === 'error' ? 'fail' : 'warn'}">${escape(f.verdict)}</td><td><code>${escape(f.expected)}</code></td><td><code>${escape(f.actual)}</code></td></tr>`)
          .join('\n');
        const conflict = i.docsConflict
          ? `<p class="warn">Docs conflict: ${i.docsConflict.examples} examples send this request with different responses (${i.docsConflict.pages.map((p) => `<code>${escape(p)}</code>`).join(', ')}).</p>`
          : '';
        const table = shown.length > 0 ? `<table><thead><tr><th>field</th><th>verdict</th><th>expected</th><th>actual</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>All documented fields conform.</p>';
        return `<details${i.passed ? '' : ' open'}><summary><span class="${i.passed ? 'pass' : 'fail'}">${i.passed ? 'PASS' : 'FAIL'}</span> ${percent(i.conformance)} — <code>${escape(`${i.method} ${i.path}`)}</code> ${escape(i.description)}${i.documentedAt ? ` <small>(${escape(i.documentedAt)})</small>` : ''}</summary>${conflict}${table}</details>`;
      }),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Graph contract verification: ${percent(s.conformance)} conformance</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Graph contract verification</h1>
<p>Target <code>${escape(report.target)}</code>, ${s.pacts} pact file(s).</p>
<div class="summary">
<div class="card"><b id="conformance">${percent(s.conformance)}</b>documented fields conform</div>
<div class="card"><b id="passed" class="${s.failed === 0 ? 'pass' : 'fail'}">${s.passed}/${s.interactions}</b>interactions passed</div>
<div class="card"><b>${s.failed}</b>failed</div>
<div class="card"><b id="skipped">${s.skipped}</b>skipped</div>
</div>
<h2>By operation</h2>
<table><thead><tr><th>operation</th><th class="num">interactions</th><th class="num">passed</th><th class="num">skipped</th><th class="num">conformance</th></tr></thead><tbody>
${operations}
</tbody></table>
<h2>Interactions</h2>
${interactions}
</body>
</html>
`;
}
