/**
 * A self-contained HTML page (inline CSS and one inline script, nothing fetched from elsewhere)
 * that people can read at thousands of interactions: failures first, each failing field with
 * expected and actual side by side; the documented operations (`GET /v1.0/users/{id}`) with links
 * to their pages; a coverage view per page (documented examples → interactions → verified); the
 * skipped interactions with their reasons; the passes last, folded. A filter box narrows every
 * list (also from the address: `verification.html#filter=users`).
 *
 * A Content-Security-Policy allows only this page's own script (by its hash) and inline styles, so
 * nothing in a report (descriptions, values sent by a provider) can run, whatever its escaping.
 */
import { relative, resolve, sep } from 'node:path';
import type { InteractionResult, PactResult, VerificationReport } from '../model';
import { escapeXml as escape, percent, problems } from '../format';
import { formatSource, type SourceRef } from '../../contract/diagnostics';
import { operationOf, pageOf, sourceText } from '../operation';
import { isPending } from '../pending';
import { expectationText, observationText, pathText } from '../wording';
import type { RenderOptions } from '../render-options';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin-top:2rem}
.summary{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #d0d7de;border-radius:8px;padding:.75rem 1rem;min-width:10rem}
.card b{display:block;font-size:1.5rem}
nav a{margin-right:1rem}
.filter{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #d0d7de;z-index:1}
.filter input{font:inherit;width:min(40rem,100%);padding:.35rem .5rem;border:1px solid #8c959f;border-radius:6px}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num,th.num{text-align:right;white-space:nowrap}code{font:12px ui-monospace,Menlo,monospace;word-break:break-all}
td.value{width:32%}td.value code{display:block;white-space:pre-wrap;background:#f6f8fa;border-radius:4px;padding:.2rem .35rem}
.pass{color:#1a7f37;font-weight:600}.skip{color:#57606a;font-weight:600}.fail{color:#cf222e;font-weight:600}.warn{color:#9a6700}
.bar{background:#eaeef2;border-radius:4px;height:.5rem;width:6rem;display:inline-block;vertical-align:middle}
.bar span{display:block;height:100%;border-radius:4px;background:#1a7f37}
details{margin:.25rem 0}summary{cursor:pointer}.item{border-left:3px solid #d0d7de;padding-left:.5rem}.item.failed{border-color:#cf222e}
ul.passes{list-style:none;padding-left:0}ul.passes li{padding:.1rem 0}
[hidden]{display:none!important}`;

/** Filters every element that has `data-search` by the box's words; the box follows `#filter=` in the address. */
const SCRIPT = `(function(){
var box=document.getElementById('filter'),count=document.getElementById('filter-count');
var items=[].slice.call(document.querySelectorAll('[data-search]'));
function apply(){
  var words=box.value.toLowerCase().split(/\\s+/).filter(Boolean),shown=0;
  items.forEach(function(el){
    var text=el.getAttribute('data-search'),hit=words.every(function(w){return text.indexOf(w)>=0;});
    el.hidden=!hit;if(hit&&el.hasAttribute('data-counted'))shown++;
  });
  count.textContent=words.length?shown+' interaction(s) match':'';
}
var m=/[#&]filter=([^&]*)/.exec(location.hash);
if(m)box.value=decodeURIComponent(m[1]);
box.addEventListener('input',function(){apply();history.replaceState(null,'','#filter='+encodeURIComponent(box.value));});
apply();
})();`;
/** The script's CSP hash, worked out on first use: node:crypto is not loaded at start-up (docs/performance.md). */
let scriptHash: string | null = null;
function scriptHashOnce(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at every start (docs/performance.md)
  scriptHash ??= (require('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(SCRIPT).digest('base64');
  return scriptHash;
}

type Entry = { pact: PactResult; interaction: InteractionResult };

/** A link to a documenting page, relative to the folder the report is written to. */
function pageHref(page: string, outDir: string | undefined): string {
  const target = outDir === undefined ? page : relative(resolve(outDir), resolve(page)).split(sep).join('/');
  return target.split('/').map(encodeURIComponent).join('/');
}

function pageLink(page: string, outDir: string | undefined): string {
  return `<a href="${escape(pageHref(page, outDir))}">${escape(page)}</a>`;
}

/** A link to the page that documents an example, showing its place (`page:line:column`). */
function sourceLink(source: SourceRef, outDir: string | undefined): string {
  return `<a href="${escape(pageHref(source.file, outDir))}">${escape(formatSource(source))}</a>`;
}

const searchText = (...parts: (string | null | undefined)[]): string => escape(parts.filter(Boolean).join(' ').toLowerCase());

export function renderHtml(report: VerificationReport, options: RenderOptions = {}): string {
  const s = report.summary;
  const { outDir } = options;
  const bar = (rate: number): string => `<span class="bar" role="img" aria-label="${percent(rate)}"><span style="width:${(rate * 100).toFixed(1)}%"></span></span>`;
  const entries: Entry[] = report.pacts.flatMap((pact) => pact.interactions.map((interaction) => ({ pact, interaction })));
  const failing = entries.filter((e) => e.interaction.skipped === null && !e.interaction.passed);
  const disputed = entries.filter((e) => e.interaction.skipped === null && e.interaction.passed && !e.interaction.pactPassed);
  const skipped = entries.filter((e) => e.interaction.skipped !== null);
  const passing = entries.filter((e) => e.interaction.skipped === null && e.interaction.passed && e.interaction.pactPassed);
  const notGenerated = report.notGenerated ?? [];

  const failure = ({ pact, interaction: i }: Entry): string => {
    const shown = problems(i.findings);
    const rows = shown
      .map((f) => `<tr><td><code>${escape(pathText(f.path))}</code></td><td class="${f.severity === 'error' ? 'fail' : 'warn'}">${escape(f.code)}</td><td class="value"><code>${escape(expectationText(f.expected))}</code></td><td class="value"><code>${escape(observationText(f.actual))}</code></td></tr>`)
      .join('');
    const conflict = i.docsConflict
      ? `<p class="warn">Docs conflict: ${i.docsConflict.examples} examples send this request with different responses (${i.docsConflict.pages.map((p) => pageLink(p, outDir)).join(', ')}).</p>`
      : '';
    const pactNote = i.passed !== i.pactPassed ? `<p class="warn">Pact's verifier says ${i.pactPassed ? 'pass' : 'fail'}.</p>` : '';
    const pending = isPending(pact) ? ' <small class="warn">[pending: does not fail the build]</small>' : '';
    const table = shown.length > 0 ? `<table><thead><tr><th>field</th><th>verdict</th><th>expected</th><th>actual</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>All documented fields conform.</p>';
    const mark = i.passed ? '<span class="warn">DISPUTED</span>' : '<span class="fail">FAIL</span>';
    const search = searchText(operationOf(i), i.path, i.description, sourceText(i), pact.provider, ...shown.map((f) => `${pathText(f.path)} ${f.code}`));
    return `<details open class="item failed" data-counted data-search="${search}"><summary>${mark} ${percent(i.conformance)} — <code>${escape(operationOf(i))}</code> ${escape(i.description)}${i.source ? ` <small>(${sourceLink(i.source, outDir)})</small>` : ''}${pending}</summary><p><small>Sent <code>${escape(`${i.method} ${i.path}`)}</code> to ${escape(pact.provider)}</small></p>${conflict}${pactNote}${table}</details>`;
  };

  const operationRows = [...report.operations]
    .sort((a, b) => (b.failed ?? 0) - (a.failed ?? 0) || (a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : 0))
    .map((o) => {
      const pages = (o.pages ?? []).map((p) => pageLink(p, outDir)).join('<br>');
      return `<tr data-search="${searchText(o.operation, ...(o.pages ?? []))}"><td><code>${escape(o.operation)}</code></td><td>${pages}</td><td class="num">${o.interactions}</td><td class="num">${o.passed}</td><td class="num${(o.failed ?? 0) > 0 ? ' fail' : ''}">${o.failed ?? o.interactions - o.passed - o.skipped}</td><td class="num">${o.skipped}</td><td class="num">${percent(o.conformance)} ${bar(o.conformance)}</td></tr>`;
    })
    .join('\n');

  // Coverage per page: documented examples (interactions + those generate skipped) → interactions → verified (replayed) → passed.
  const coverage = new Map<string, { documented: number; interactions: number; verified: number; passed: number }>();
  const row = (page: string) => coverage.get(page) ?? (coverage.set(page, { documented: 0, interactions: 0, verified: 0, passed: 0 }), coverage.get(page)!);
  for (const { interaction: i } of entries) {
    const c = row(pageOf(i) ?? '(unknown page)');
    c.documented++;
    c.interactions++;
    if (i.skipped === null) c.verified++;
    if (i.skipped === null && i.passed) c.passed++;
  }
  for (const n of notGenerated) row(pageOf(n) ?? '(unknown page)').documented++;
  const coverageRows = [...coverage]
    .sort((a, b) => b[1].verified - b[1].passed - (a[1].verified - a[1].passed) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([page, c]) => {
      const full = c.documented === c.verified && c.verified === c.passed;
      return `<tr data-search="${searchText(page)}"><td>${pageLink(page, outDir)}</td><td class="num">${c.documented}</td><td class="num">${c.interactions}</td><td class="num">${c.verified}</td><td class="num ${c.passed === c.verified ? 'pass' : 'fail'}">${c.passed}</td><td>${full ? '<span class="pass">complete</span>' : bar(c.documented === 0 ? 0 : c.passed / c.documented)}</td></tr>`;
    })
    .join('\n');

  const skippedRows = [
    ...skipped.map(({ interaction: i }) => `<tr data-counted data-search="${searchText(operationOf(i), i.path, i.description, sourceText(i), i.skipped)}"><td><span class="skip">SKIP</span> <code>${escape(`${i.method} ${i.path}`)}</code> ${escape(i.description)}${i.source ? ` <small>(${sourceLink(i.source, outDir)})</small>` : ''}</td><td>verify</td><td>Not replayed: ${escape(i.skipped ?? '')}</td></tr>`),
    ...notGenerated.map((n) => `<tr data-counted data-search="${searchText(n.description, sourceText(n), n.reason)}"><td><span class="skip">NOT GENERATED</span> ${escape(n.description)}${n.source ? ` <small>(${sourceLink(n.source, outDir)})</small>` : ''}</td><td>generate</td><td>${escape(n.reason)}</td></tr>`),
  ].join('\n');

  const passRows = passing
    .map(({ interaction: i }) => `<li data-counted data-search="${searchText(operationOf(i), i.path, i.description, sourceText(i))}"><span class="pass">PASS</span> <code>${escape(operationOf(i))}</code> ${escape(i.description)}${i.source ? ` <small>(${sourceLink(i.source, outDir)})</small>` : ''}</li>`)
    .join('\n');

  const attention = [...failing, ...disputed];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHashOnce()}'">
<title>Graph contract verification: ${percent(s.conformance)} conformance</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Graph contract verification</h1>
<p>Target <code>${escape(report.target)}</code>, ${s.pacts} pact file(s).</p>
<div class="summary">
<div class="card"><b id="conformance">${percent(s.conformance)}</b>documented fields conform</div>
<div class="card"><b id="passed" class="${s.failed === 0 ? 'pass' : 'fail'}">${s.passed}/${s.interactions}</b>interactions passed</div>
<div class="card"><b id="failed">${s.failed}</b>failed</div>
<div class="card"><b id="skipped">${s.skipped}</b>skipped</div>
${notGenerated.length > 0 ? `<div class="card"><b id="not-generated">${notGenerated.length}</b>documented examples not generated</div>` : ''}
</div>
<nav><a href="#failures">Failures (${attention.length})</a><a href="#operations">Operations (${report.operations.length})</a><a href="#coverage">Coverage by page (${coverage.size})</a><a href="#skipped-list">Skipped (${skipped.length + notGenerated.length})</a><a href="#passes">Passed (${passing.length})</a></nav>
<div class="filter"><label>Filter <input id="filter" type="search" placeholder="operation, page, field or verdict (e.g. users missing)" autocomplete="off"></label> <span id="filter-count" aria-live="polite"></span></div>
<h2 id="failures">Failures (${attention.length})</h2>
${attention.length > 0 ? attention.map(failure).join('\n') : '<p class="pass">No failures.</p>'}
<h2 id="operations">Operations</h2>
<table><thead><tr><th>operation</th><th>documented at</th><th class="num">interactions</th><th class="num">passed</th><th class="num">failed</th><th class="num">skipped</th><th class="num">conformance</th></tr></thead><tbody>
${operationRows}
</tbody></table>
<h2 id="coverage">Coverage by page</h2>
<p>Documented examples → interactions (examples that became pact interactions) → verified (replayed) → passed.</p>
<table><thead><tr><th>page</th><th class="num">documented examples</th><th class="num">interactions</th><th class="num">verified</th><th class="num">passed</th><th></th></tr></thead><tbody>
${coverageRows}
</tbody></table>
<h2 id="skipped-list">Skipped (${skipped.length + notGenerated.length})</h2>
${skipped.length + notGenerated.length > 0 ? `<table><thead><tr><th>interaction</th><th>skipped by</th><th>reason</th></tr></thead><tbody>\n${skippedRows}\n</tbody></table>` : '<p>Nothing skipped.</p>'}
<h2 id="passes">Passed (${passing.length})</h2>
<details><summary>${passing.length} interaction(s) passed</summary><ul class="passes">
${passRows}
</ul></details>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
