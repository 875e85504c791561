/**
 * One Graph reference page → a PageContract with diagnostics.
 *
 * The page is walked block by block in document order. Sections (H2) decide what a table or fence
 * means: fences under `## HTTP request` are URL templates; elsewhere a fence is an example when its
 * content is a request line or a status line, whatever its annotation says (46% of examples carry
 * no annotation, and some real ones are marked `ignored`). Responses pair with the most recent
 * unpaired request (survey §6: names do not link pairs). Nothing here throws on bad input.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../contract/diagnostics';
import type {
  Body,
  ExampleOrigin,
  ExamplePair,
  HeaderSpec,
  PageContract,
  Permission,
  PropertySpec,
  RequestExample,
  ResourceType,
  ResponseExample,
  UrlTemplate,
} from '../contract/model';
import { annotationName, flag, parseAnnotation, type Annotation } from './annotation';
import { parseBlocks, type Block, type FenceBlock, type ParagraphBlock, type TableBlock } from './blocks';
import { frontMatterString, splitFrontMatter } from './front-matter';
import { classifyFenceContent, expectedReason, parseRequestText, parseResponseText } from './http-block';
import { headerValue } from '../internal/headers';
import { parseLenientJson, REPAIR_WORDING, type RepairKind } from './lenient-json';
import { lintPair } from './lint';
import { classifyTable, isTodo, readHeaderSpecs, readMembers, readPermissions, readProperties } from './tables';
import { enumMembers, qualify } from './type-ref';
import { analyseUrl, KNOWN_VERSIONS, matchTemplate } from './url';

export interface PageInput {
  /** Path shown in diagnostics (relative to the working directory). */
  file: string;
  text: string;
  /** Version implied by the page's folder (`.../v1.0/api/x.md`), if any. */
  versionHint: string | null;
}

/** Per-page counts that the summary adds up. */
export interface PageStats {
  requestExamples: number;
  responseExamples: number;
  jsonBodies: number;
  jsonStrict: number;
  jsonRepaired: number;
}

export interface PageResult {
  page: PageContract;
  stats: PageStats;
}

interface PendingAnnotation {
  annotation: Annotation;
  line: number;
}

const TEMPLATE_LINE = /^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S.*?)\s*$/;

export function extractPage(input: PageInput): PageResult {
  return new PageExtractor(input).run();
}

class PageExtractor {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly stats: PageStats = { requestExamples: 0, responseExamples: 0, jsonBodies: 0, jsonStrict: 0, jsonRepaired: 0 };
  private readonly linkDefinitions = new Map<string, string>();
  private readonly permissions: Permission[] = [];
  private readonly urlTemplates: UrlTemplate[] = [];
  private readonly requestHeaders: HeaderSpec[] = [];
  private readonly requestBody: PropertySpec[] = [];
  private readonly properties: PropertySpec[] = [];
  private readonly relationships: PropertySpec[] = [];
  private readonly pageMembers: string[] = [];
  /** Enums documented in `### x values` sections, named as the heading writes them (unqualified). */
  private readonly extraEnums: { name: string; members: string[]; line: number }[] = [];
  /** Whether the page has a `## Properties` (or `## Members`) section, table or not. */
  private hasTypeSection = false;
  private readonly pairs: ExamplePair[] = [];
  private readonly usedIds = new Set<string>();
  private readonly idCounts = new Map<string, number>();
  /** Original text of each parsed JSON body, to locate keys for lint diagnostics. */
  private readonly bodyTexts = new WeakMap<Body, string>();
  private readonly unpairedRequests: RequestExample[] = [];
  private resourceJson: Record<string, unknown> | null = null;
  private resourceLine = 0;
  private namespace: string | null = null;
  private responseType: string | null = null;
  private section = '';
  private subsection = '';
  private pending: PendingAnnotation | null = null;
  private version = 'v1.0';

  constructor(private readonly input: PageInput) {}

  run(): PageResult {
    const { file } = this.input;
    const split = splitFrontMatter(this.input.text);
    const fm = split.frontMatter;
    if (!fm) this.report('front_matter_missing', 'The page has no YAML front matter.', 1);
    else if (fm.error) this.report('front_matter_invalid', `The front matter is not valid YAML: ${fm.error}.`, fm.line);
    this.reportFrontMatterTodos(fm?.data ?? {});

    const blocks = parseBlocks(split.markdown);
    this.collectLinkDefinitions(blocks);
    this.version = this.decideVersion(blocks);
    for (const block of blocks) this.visit(block);
    this.finishPendingAnnotation();
    for (const request of this.unpairedRequests) {
      this.report('example_request_unpaired', `The ${request.method} request has no response example after it.`, request.source.line);
    }

    const docType = frontMatterString(fm, 'doc_type')?.replace(/^'|'$/g, '') ?? null;
    const frontMatterTitle = frontMatterString(fm, 'title');
    const title = frontMatterTitle ?? this.firstHeading(blocks);
    const kind = pageKind(docType, file);
    const types = kind === 'resource' ? this.buildTypes([frontMatterTitle, this.firstHeading(blocks)]) : [];
    const page: PageContract = {
      file,
      kind,
      title,
      description: frontMatterString(fm, 'description'),
      docType,
      version: this.version,
      namespace: this.namespace,
      permissions: this.permissions,
      urlTemplates: this.urlTemplates,
      requestHeaders: this.requestHeaders,
      requestBody: this.requestBody,
      responseType: this.responseType,
      pairs: this.pairs,
      types,
      diagnostics: this.diagnostics,
    };
    if (kind === 'api') this.explainMissingContract(page);
    const locate = (body: Body, key: string): number => this.lineOfKey(body, key);
    for (const pair of this.pairs) this.diagnostics.push(...lintPair(pair, this.requestBody, locate));
    this.diagnostics.sort((a, b) => a.source.line - b.source.line || a.source.column - b.source.column);
    return { page, stats: this.stats };
  }

  private report(code: DiagnosticCode, message: string, line: number, column = 1): void {
    this.diagnostics.push(diagnostic(code, message, { file: this.input.file, line, column }));
  }

  private reportFrontMatterTodos(data: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(data)) {
      if (typeof value === 'string' && isTodo(value)) {
        this.report('doc_todo', `The front matter field \`${key}\` is a TODO placeholder.`, this.lineOfFrontMatterKey(key));
      }
    }
  }

  private lineOfFrontMatterKey(key: string): number {
    const lines = this.input.text.split('\n', 200);
    const index = lines.findIndex((l) => l.startsWith(`${key}:`));
    return index >= 0 ? index + 1 : 1;
  }

  private collectLinkDefinitions(blocks: Block[]): void {
    for (const block of blocks) {
      if (block.type !== 'paragraph' || !block.text.includes(']:')) continue;
      for (const match of block.text.matchAll(/^\s*\[([^\]]+)\]:\s*(\S+)/gm)) {
        this.linkDefinitions.set(match[1]!.toLowerCase(), match[2]!);
      }
    }
  }

  /** The folder says it; else the beta disclaimer; else the examples' URLs; else v1.0. */
  private decideVersion(blocks: Block[]): string {
    if (this.input.versionHint) return this.input.versionHint;
    if (blocks.some((b) => b.type === 'paragraph' && /\[!INCLUDE\s*\[beta-disclaimer\]/i.test(b.text))) return 'beta';
    const counts = new Map<string, number>();
    for (const block of blocks) {
      if (block.type !== 'fence') continue;
      const match = /https:\/\/graph\.microsoft\.com\/(v1\.0|beta)\//i.exec(block.content);
      if (match) counts.set(match[1]!.toLowerCase(), (counts.get(match[1]!.toLowerCase()) ?? 0) + 1);
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best) return best[0];
    this.report('page_version_unknown', 'Neither the folder, a beta disclaimer nor an example URL says which API version this page documents; assuming `v1.0`.', 1);
    return 'v1.0';
  }

  private firstHeading(blocks: Block[]): string | null {
    const heading = blocks.find((b) => b.type === 'heading' && b.level === 1);
    return heading?.type === 'heading' ? heading.text : null;
  }

  private visit(block: Block): void {
    switch (block.type) {
      case 'heading':
        if (block.level <= 2 && !/\(#tab\//.test(block.text)) {
          this.section = block.text.toLowerCase().trim();
          this.subsection = '';
          if (/^(propert|members)/.test(this.section)) this.hasTypeSection = true;
        } else if (block.level > 2) {
          this.subsection = block.text.trim();
        }
        return;
      case 'comment':
        return this.visitComment(block.text, block.line, block.closed);
      case 'paragraph':
        return this.visitParagraph(block);
      case 'table':
        return this.visitTable(block);
      case 'fence':
        return this.visitFence(block);
    }
  }

  private visitComment(text: string, line: number, closed: boolean): void {
    if (!closed) this.report('comment_unterminated', 'The HTML comment is never closed; it hides the rest of the page.', line);
    const result = parseAnnotation(text);
    if (result.kind === 'not-json') return;
    if (result.kind === 'invalid') {
      if (/"blockType"/.test(text)) this.report('annotation_invalid', `The annotation is not valid JSON (${result.message}); it is ignored.`, line);
      return;
    }
    const { annotation } = result;
    if (annotation.blockType === null) return; // page annotations (`#page.annotation`) carry no block type
    if (annotation.repairs.length > 0) {
      this.report('annotation_repaired', `The annotation is not strict JSON; ${describeRepairs(annotation.repairs.map((r) => r.kind))}.`, line);
    }
    this.finishPendingAnnotation();
    this.pending = { annotation, line };
  }

  private finishPendingAnnotation(): void {
    const pending = this.pending;
    this.pending = null;
    if (pending && (pending.annotation.blockType === 'request' || pending.annotation.blockType === 'response')) {
      this.report('annotation_without_fence', `The \`${pending.annotation.blockType}\` annotation is not followed by a code block.`, pending.line);
    }
  }

  private visitParagraph(block: ParagraphBlock): void {
    // Each regex runs only when its literal part is in the paragraph (most paragraphs are prose).
    const namespace = this.namespace === null && block.text.includes('Namespace:') ? /^Namespace:\s*([\w.]+)/m.exec(block.text) : null;
    if (namespace) this.namespace = namespace[1]!;
    if (block.text.includes('TODO') && /\*\*\s*TODO\b/.test(block.text)) this.report('doc_todo', `The page says "${block.text.replace(/\*/g, '').trim().slice(0, 80)}".`, block.line);
    if (this.section === 'response' && this.responseType === null) {
      const link = /\[([^\]]+)\]\(([^)]*resources\/[^)]*)\)/.exec(block.text);
      if (link) this.responseType = qualify(link[1]!.trim());
    }
    if (block.text.includes('|') && /^\s*\|.*\|/.test(block.text) && block.text.split('\n').filter((l) => l.includes('|')).length >= 2) {
      this.report('table_malformed', 'This looks like a table but has no `|---|` separator row, so it is not read as one.', block.line);
    }
  }

  private visitTable(table: TableBlock): void {
    for (const row of table.rows) {
      if (row.cells.some(isTodo)) this.report('doc_todo', `The table row "${row.cells[0] ?? ''}" has TODO text instead of content.`, row.line);
    }
    const kind = classifyTable(table);
    const { file } = this.input;
    const section = this.section;
    if (kind === 'permissions') this.permissions.push(...readPermissions(table, file));
    else if (kind === 'headers' && section.startsWith('request header')) this.requestHeaders.push(...readHeaderSpecs(table, file));
    else if (kind === 'members') this.visitMembersTable(table);
    else if (kind === 'properties') {
      const properties = readProperties(table, file, this.linkDefinitions);
      for (const property of properties) {
        if (property.type.kind === 'unknown') {
          this.report('type_unparsed', `The type \`${property.type.raw}\` of \`${property.name}\` is not one type.`, property.source.line);
        }
        this.lintStringWithValues(property);
      }
      if (section.startsWith('request body')) this.requestBody.push(...properties);
      else if (section.startsWith('relationship')) this.relationships.push(...properties);
      else if (section.startsWith('propert')) this.properties.push(...properties);
    }
  }

  private visitMembersTable(table: TableBlock): void {
    const members = readMembers(table);
    const values = /^(.+?)\s+values$/i.exec(this.subsection);
    if (values) {
      this.extraEnums.push({ name: values[1]!.replace(/`/g, '').trim(), members, line: table.line });
    } else {
      this.pageMembers.push(...members);
    }
  }

  /**
   * A String property whose description lists its values ("Possible values are: `a`, `b`") is
   * either an enum documented as a String or an open string with examples; the type column is
   * what the contract follows (a plain string), and the docs author is told which values were seen.
   */
  private lintStringWithValues(property: PropertySpec): void {
    const type = property.type.kind === 'collection' ? property.type.of : property.type;
    if (type.kind !== 'primitive' || type.name !== 'Edm.String') return;
    const values = enumMembers(property.description);
    if (values.length < 2) return;
    this.report(
      'string_lists_values',
      `\`${property.name}\` is typed String, but its description lists the values ${values.map((v) => `\`${v}\``).join(', ')}; the contract checks it as a plain string.`,
      property.source.line,
    );
  }

  private visitFence(fence: FenceBlock): void {
    if (!fence.closed) this.report('fence_unterminated', 'The code block is never closed; everything after it is read as code.', fence.line, fence.column);
    // The multi-line regex runs only on the rare fences that hold ``` at all.
    const swallowed = fence.content.includes('```') ? /^[ \t]*```/m.exec(fence.content) : null;
    if (swallowed) {
      const line = fence.line + 1 + fence.content.slice(0, swallowed.index).split('\n').length - 1;
      this.report('fence_swallows_fence', `The code block opened at line ${fence.line} swallows the fence at line ${line}.`, line);
    }
    const pending = this.pending;
    this.pending = null;
    const blockType = pending?.annotation.blockType ?? null;

    if (this.section.startsWith('http request') || blockType === 'samples') return this.readTemplates(fence);
    if (blockType === 'resource') return this.readResourceJson(fence, pending!.annotation.data);

    const content = classifyFenceContent(fence.content);
    const origin: ExampleOrigin =
      blockType === 'request' || blockType === 'response' ? 'annotated' : blockType ? 'ignored' : 'unannotated';
    if (content === 'other') {
      if (blockType === 'request' || blockType === 'response') {
        this.report('example_unrecognized', `The \`${blockType}\` block starts with neither a request line nor a status line.`, fence.line, fence.column);
      }
      return;
    }
    if (origin === 'annotated' && content !== blockType) {
      this.report('annotation_content_mismatch', `The block is annotated \`${blockType}\` but holds a ${content}.`, fence.line, fence.column);
    }
    const data = pending?.annotation.data ?? {};
    if (content === 'request') this.readRequest(fence, origin, data);
    else this.readResponse(fence, origin, data);
  }

  private readTemplates(fence: FenceBlock): void {
    fence.content.split('\n').forEach((line, index) => {
      const match = TEMPLATE_LINE.exec(line);
      if (!match) return;
      const url = analyseUrl(match[2]!, this.version);
      if (!url.usable) {
        for (const issue of url.issues) this.report(issue.code, issue.message, fence.line + 1 + index);
        return;
      }
      this.urlTemplates.push({ method: match[1]!, path: url.path, source: { file: this.input.file, line: fence.line + 1 + index, column: 1 } });
    });
  }

  /**
   * The JSON representation block of a resource page. Its annotation carries the type facts
   * (`@odata.type`, `keyProperty`, `baseType`, `optionalProperties`, `openType`); the body is read
   * for its `@odata.type` when the annotation lacks one, and to report broken JSON.
   */
  private readResourceJson(fence: FenceBlock, annotation: Record<string, unknown>): void {
    const body = this.readBody(fence.content.trim(), fence.line + 1, 'application/json');
    if (this.resourceJson) return; // the first representation block describes the page's type
    const bodyType = body.kind === 'json' && body.value !== null && typeof body.value === 'object' ? (body.value as Record<string, unknown>)['@odata.type'] : undefined;
    this.resourceJson = { ...(typeof bodyType === 'string' ? { '@odata.type': bodyType } : {}), ...annotation };
    this.resourceLine = fence.line;
  }

  private readRequest(fence: FenceBlock, origin: ExampleOrigin, data: Record<string, unknown>): void {
    const text = parseRequestText(fence.content);
    if (!text) return;
    this.stats.requestExamples++;
    const line = fence.line + 1 + text.lineIndex;
    for (const extra of text.extraRequestLines) {
      this.report('example_multiple_requests', 'The block holds more than one request; only the first is used.', fence.line + 1 + extra);
    }
    const url = analyseUrl(text.url, this.version);
    for (const issue of url.issues) this.report(issue.code, issue.message, line, fence.column);
    const template = url.usable ? this.findTemplate(text.method, url.path) : null;
    if (url.usable && !template && this.urlTemplates.length > 0) {
      this.report('url_no_template', `No \`## HTTP request\` template matches \`${text.method} ${url.path}\`.`, line, fence.column);
    }
    const body = text.body === null ? null : this.readBody(text.body, fence.line + 1 + text.bodyLineIndex, headerValue(text.headers, 'content-type'));
    const scopes = [data['scopes'], data['scope']].filter((s): s is string => typeof s === 'string').flatMap((s) => s.split(/\s+/));
    const request: RequestExample = {
      name: annotationName(data),
      origin,
      method: text.method,
      url: text.url,
      host: url.host,
      version: url.version,
      path: url.path,
      pathTemplate: template?.path ?? null,
      pathParams: template?.params ?? {},
      query: url.query,
      headers: text.headers,
      body,
      scopes: scopes.filter((s) => s !== ''),
      usable: url.usable,
      source: { file: this.input.file, line, column: fence.column },
    };
    this.unpairedRequests.push(request);
  }

  private findTemplate(method: string, path: string): { path: string; params: Record<string, string> } | null {
    for (const template of this.urlTemplates) {
      if (template.method !== method) continue;
      const params = matchTemplate(path, template.path);
      if (params) return { path: template.path, params };
    }
    return null;
  }

  private readResponse(fence: FenceBlock, origin: ExampleOrigin, data: Record<string, unknown>): void {
    const text = parseResponseText(fence.content);
    if (!text) return;
    this.stats.responseExamples++;
    const line = fence.line + 1 + text.lineIndex;
    if (!text.hasVersion) this.report('status_line_malformed', `The status line has no HTTP version (\`HTTP/1.1 ${text.status}\`).`, line, fence.column);
    const standard = expectedReason(text.status, text.reason);
    if (standard) this.report('status_reason_mismatch', `Status ${text.status} is "${standard}", not "${text.reason}".`, line, fence.column);
    const body = text.body === null ? null : this.readBody(text.body, fence.line + 1 + text.bodyLineIndex, headerValue(text.headers, 'content-type'));
    if (text.status === 204 && body) this.report('body_on_no_content', 'The 204 response shows a body.', line, fence.column);

    const flags = ['truncated', 'isCollection', 'isEmpty', 'expectError'].map((key) => {
      const value = flag(data, key);
      if (value.stringy) this.report('annotation_flag_string', `The annotation flag \`${key}\` is a string, not a boolean.`, fence.line - 1);
      return value.value;
    });
    const odataType = typeof data['@odata.type'] === 'string' ? (data['@odata.type'] as string) : null;
    const response: ResponseExample = {
      origin,
      status: text.status,
      headers: text.headers,
      body,
      truncated: flags[0]!,
      isCollection: flags[1]!,
      isEmpty: flags[2]!,
      odataType,
      expectError: flags[3]!,
      name: annotationName(data),
      source: { file: this.input.file, line, column: fence.column },
    };
    const request = this.unpairedRequests.pop();
    if (!request) {
      this.report('example_response_unpaired', `The ${text.status} response has no request example before it.`, line, fence.column);
      return;
    }
    this.pairs.push({ id: this.pairId(request), request, response });
  }

  /** The request's name, or `example-N`; repeated names get `-2`, `-3`... (names repeat, survey §6). */
  private pairId(request: RequestExample): string {
    const base = request.name ?? `example-${this.pairs.length + 1}`;
    let id = base;
    for (let n = (this.idCounts.get(base) ?? 0) + 1; this.usedIds.has(id); n++) id = `${base}-${n}`;
    this.idCounts.set(base, (this.idCounts.get(base) ?? 0) + 1);
    this.usedIds.add(id);
    return id;
  }

  private readBody(text: string, line: number, contentType: string | null): Body {
    const source = { file: this.input.file, line, column: 1 };
    const looksJson = /^[[{]/.test(text) || (contentType !== null && /json/i.test(contentType) && /^[[{"]/.test(text));
    if (!looksJson) return { kind: 'text', text, source };
    this.stats.jsonBodies++;
    const parsed = parseLenientJson(text);
    if (parsed.ok) {
      if (parsed.repairs.length === 0) this.stats.jsonStrict++;
      else {
        this.stats.jsonRepaired++;
        const first = parsed.repairs[0]!;
        this.report('json_repaired', `The JSON body is not strict JSON; ${describeRepairs(parsed.repairs.map((r) => r.kind))}.`, line + lineOfOffset(text, first.offset));
      }
      const body: Body = { kind: 'json', value: parsed.value, repairs: [...new Set(parsed.repairs.map((r) => r.kind))], source };
      this.bodyTexts.set(body, text);
      return body;
    }
    if (parsed.reason === 'too-deep') {
      this.report('json_too_deep', `The JSON body is ${parsed.message}; it is kept as text.`, line);
    } else {
      this.report('json_invalid', `The JSON body cannot be parsed: ${parsed.message}.`, line + lineOfOffset(text, parsed.offset));
    }
    return { kind: 'text', text, source };
  }

  private lineOfKey(body: Body, key: string): number {
    const text = this.bodyTexts.get(body);
    const offset = text && key !== '' ? text.indexOf(`"${key}"`) : -1;
    return body.source.line + (offset >= 0 && text ? lineOfOffset(text, offset) : 0);
  }

  /**
   * The page's own type and the enums of its `### x values` sections. The type is named by the
   * `@odata.type` of its JSON representation, else by a title or heading that reads as a type
   * name (`teamVisibilityType enum type`); bare names take the page's `Namespace:`. A page that
   * documents no properties, members or JSON representation yields no type: overview pages
   * ("Use the ... API") are not types, and a page titled as a type but empty is reported.
   */
  private buildTypes(titles: (string | null)[]): ResourceType[] {
    const { file } = this.input;
    const types = this.extraEnums.map((e) => enumType(this.qualify(e.name), e.members, file, e.line));
    const json = this.resourceJson;
    const declared = json && typeof json['@odata.type'] === 'string' ? (json['@odata.type'] as string).replace(/^#/, '') : null;
    const fromTitle = typeNameFromTitles(titles, file);
    const hasProperties = this.properties.length > 0 || this.relationships.length > 0;
    // Properties are never dropped: a page that documents them under an unusual title is still
    // named by its title's first word, as before titles were checked.
    const fallback = !fromTitle && hasProperties ? titles.map((t) => (t ? /^([A-Za-z][\w.]*)/.exec(t)?.[1] : undefined)).find((n) => n) : undefined;
    const bare = fromTitle?.name ?? fallback;
    const name = declared ?? (bare ? this.qualify(bare) : null);
    const documented = json !== null || hasProperties || this.pageMembers.length > 0;
    if (!name || !documented) {
      if (name && (fromTitle?.saysType || this.hasTypeSection) && types.length === 0) {
        this.report('type_without_properties', `The page documents the type \`${name}\` but has no properties table, members table or JSON representation, so it yields no type.`, 1);
      }
      return types;
    }
    const docIsEnum = this.pageMembers.length > 0 && this.properties.length === 0;
    const source = { file, line: this.resourceLine || 1, column: 1 };
    if (docIsEnum) {
      types.unshift(enumType(name, this.pageMembers, file, 1));
      return types;
    }
    const facts = json ?? {};
    const keyProperty = typeof facts['keyProperty'] === 'string' ? (facts['keyProperty'] as string) : null;
    types.unshift({
      name,
      kind: keyProperty ? 'entity' : 'complex',
      baseType: typeof facts['baseType'] === 'string' ? (facts['baseType'] as string) : null,
      keyProperty,
      openType: facts['openType'] === true || facts['openType'] === 'true',
      optionalProperties: Array.isArray(facts['optionalProperties']) ? facts['optionalProperties'].filter((p): p is string => typeof p === 'string') : [],
      properties: this.properties,
      relationships: this.relationships,
      members: [],
      file,
      source,
    });
    return types;
  }

  /** A type name as the page qualifies it: a bare name takes the page's `Namespace:` line. */
  private qualify(name: string): string {
    return name.includes('.') || !this.namespace ? qualify(name) : `${this.namespace}.${name}`;
  }

  private explainMissingContract(page: PageContract): void {
    if (page.pairs.some((p) => p.request.usable)) return;
    const reasons: string[] = [];
    if (this.stats.requestExamples === 0) reasons.push('the page has no request example');
    else if (this.stats.responseExamples === 0) reasons.push('the page has no response example');
    else if (page.pairs.length === 0) reasons.push('no response follows a request');
    for (const pair of page.pairs.filter((p) => !p.request.usable)) {
      reasons.push(`the request at line ${pair.request.source.line} has no usable Graph URL`);
    }
    this.report('page_no_contract', `This API page yields no contract: ${reasons.join('; ') || 'no usable example'}.`, 1);
  }
}

function enumType(name: string, members: string[], file: string, line: number): ResourceType {
  return {
    name,
    kind: 'enum',
    baseType: null,
    keyProperty: null,
    openType: false,
    optionalProperties: [],
    properties: [],
    relationships: [],
    members,
    file,
    source: { file, line, column: 1 },
  };
}

/** A title or heading that names a type: `user resource type`, `teamVisibilityType enum type`, `insightIdentity`. */
const TYPE_TITLE = /^`?([A-Za-z][\w.]*)`?(?:\s+(resource|enum|enumeration|complex|entity))?(?:\s+(type|values))?$/i;

/**
 * The type name a page's titles give (front-matter title, then the H1), or null when none reads
 * as a type name. Titles are not unique (two enum pages are titled "Members"): when they disagree,
 * the one that names the page's file (`teamvisibilitytype.md`) wins.
 */
function typeNameFromTitles(titles: (string | null)[], file: string): { name: string; saysType: boolean } | null {
  const names: { name: string; saysType: boolean }[] = [];
  for (const title of titles) {
    const match = title === null ? null : TYPE_TITLE.exec(title.replace(/^['"]|['"]$/g, '').trim());
    if (match) names.push({ name: match[1]!, saysType: match[2] !== undefined || match[3] !== undefined });
  }
  const stem = (file.split('/').pop() ?? '').replace(/\.[^.]*$/, '').toLowerCase();
  return names.find((n) => stem.endsWith(n.name.slice(n.name.lastIndexOf('.') + 1).toLowerCase())) ?? names[0] ?? null;
}

function pageKind(docType: string | null, file: string): PageContract['kind'] {
  if (docType && /^api/i.test(docType)) return 'api';
  if (docType && /resource|enum/i.test(docType)) return 'resource';
  if (/(^|\/)api\//.test(file)) return 'api';
  if (/(^|\/)resources\//.test(file)) return 'resource';
  return 'other';
}

function describeRepairs(kinds: RepairKind[]): string {
  return [...new Set(kinds)].map((k) => REPAIR_WORDING[k]).join(', ');
}

function lineOfOffset(text: string, offset: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Version named by a path segment (`v1.0`, `beta`, or a folder ending in `-v1.0`). */
export function versionFromPath(path: string): string | null {
  for (const segment of path.split(/[\\/]/).reverse()) {
    for (const version of KNOWN_VERSIONS) {
      if (segment === version || segment.endsWith(`-${version}`)) return version;
    }
  }
  return null;
}

