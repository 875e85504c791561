/**
 * The extractor bugs that Graph's own typings showed (issue 18), each on a minimal page: enum
 * names from front-matter titles, namespaces dropped on namespaced enum pages, `string (url)`,
 * reference-style links with a trailing noun, bold unlinked enum names, "Untyped JSON object",
 * junk types from overview pages, and the lint of String properties that list their values.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PageContract, TypeRef } from '../../src/contract/model';
import { extract } from '../../src/docs/extract';
import { extractPage } from '../../src/docs/page';
import { enumMembers, parseTypeCell } from '../../src/docs/type-ref';

const page = (file: string, text: string): PageContract => extractPage({ file, text, versionHint: 'v1.0' }).page;
const context = (description = '') => ({ description, linkDefinitions: new Map<string, string>() });

const enumPage = (title: string, heading: string, members: string[]): string =>
  ['---', `title: "${title}"`, 'doc_type: enumPageType', '---', '', `# ${heading}`, '', '## Members', '', '| Member | Value | Description |', '|:--|:--|:--|', ...members.map((m, i) => `|${m}|${i}|The ${m} value.|`), ''].join('\n');

const resourcePage = (heading: string, rows: string[], extra = ''): string =>
  ['---', `title: "${heading}"`, 'doc_type: resourcePageType', '---', '', `# ${heading}`, '', extra, '## Properties', '', '| Property | Type | Description |', '|:--|:--|:--|', ...rows, ''].join('\n');

describe('enum names', () => {
  it('come from the heading that names the page, not a front-matter title two pages share ("Members")', () => {
    const visibility = page('resources/teamvisibilitytype.md', enumPage('Members', 'teamVisibilityType enum type', ['private', 'public']));
    const installed = page('resources/teamsappinstalledstate.md', enumPage('Members', 'teamsAppInstalledState enum type', ['installed']));
    expect(visibility.types.map((t) => [t.name, t.kind, t.members])).toEqual([['microsoft.graph.teamVisibilityType', 'enum', ['private', 'public']]]);
    expect(installed.types.map((t) => t.name)).toEqual(['microsoft.graph.teamsAppInstalledState']);
  });

  it('are not `String` for a `String (enum)` cell: that is an inline enumeration', () => {
    const description = 'Giphy content rating. Possible values are: `moderate`, `strict`.';
    expect(parseTypeCell('String (enum)', context(description))).toEqual({ kind: 'enum', name: null, members: ['moderate', 'strict'] });
    expect(parseTypeCell('riskLevel (enum)', context(description))).toEqual({ kind: 'enum', name: 'microsoft.graph.riskLevel', members: ['moderate', 'strict'] });
    expect(parseTypeCell('String enum', context(description))).toEqual({ kind: 'enum', name: null, members: ['moderate', 'strict'] });
  });
});

describe('namespaced enum pages', () => {
  const text = [
    '---', 'title: "Call records enum values"', 'doc_type: enumPageType', '---', '', '# Call records enum values', '', 'Namespace: microsoft.graph.callRecords', '',
    '### modality values', '', '| Member', '|:--', '| unknown', '| audio', '| screenSharing', '',
  ].join('\n');

  it('file their `### x values` enums under the page namespace', () => {
    expect(page('resources/enums-callrecords.md', text).types.map((t) => t.name)).toEqual(['microsoft.graph.callRecords.modality']);
  });

  it('no longer overwrite the root enum of the same name, and pages of the namespace resolve to their own', () => {
    const root = mkdtempSync(join(tmpdir(), 'gc-ns-'));
    try {
      mkdirSync(join(root, 'resources'));
      writeFileSync(join(root, 'resources', 'enums-callrecords.md'), text);
      writeFileSync(join(root, 'resources', 'enums.md'), ['---', 'title: "Enum values"', 'doc_type: enumPageType', '---', '', '# Enum values', '', '### modality values', '', '|Member|', '|:---|', '|audio|', '|video|', ''].join('\n'));
      writeFileSync(join(root, 'resources', 'call.md'), resourcePage('call resource type', ['| requestedModalities | modality collection | The modalities. |']));
      writeFileSync(
        join(root, 'resources', 'callrecords-session.md'),
        resourcePage('session resource type', ['|modalities|modality collection|The modalities.|'], 'Namespace: microsoft.graph.callRecords\n'),
      );
      const { model } = extract([root], { cwd: root });
      expect(model.types['microsoft.graph.modality']?.members).toEqual(['audio', 'video']);
      expect(model.types['microsoft.graph.callrecords.modality']?.members).toEqual(['unknown', 'audio', 'screenSharing']);
      const property = (type: string, name: string): TypeRef | undefined => model.types[type]?.properties.find((p) => p.name === name)?.type;
      expect(property('microsoft.graph.call', 'requestedModalities')).toEqual({ kind: 'collection', of: { kind: 'enum', name: 'microsoft.graph.modality', members: ['audio', 'video'] } });
      expect(property('microsoft.graph.callrecords.session', 'modalities')).toEqual({
        kind: 'collection',
        of: { kind: 'enum', name: 'microsoft.graph.callRecords.modality', members: ['unknown', 'audio', 'screenSharing'] },
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('type cells', () => {
  it.each(['string (url)', 'String (url)', 'String (readonly)', 'string (read-only)'])('%s is a String', (cell) => {
    expect(parseTypeCell(cell, context())).toEqual({ kind: 'primitive', name: 'Edm.String' });
  });

  it('reads a reference-style link followed by `resource`', () => {
    const links = new Map([['itemanalytics', '../resources/itemanalytics.md']]);
    expect(parseTypeCell('[itemAnalytics][] resource', { description: '', linkDefinitions: links })).toEqual({
      kind: 'complex',
      name: 'microsoft.graph.itemAnalytics',
      ref: '../resources/itemanalytics.md',
    });
  });

  it.each(['Untyped JSON object', 'JSON object'])('%s is Edm.Untyped', (cell) => {
    expect(parseTypeCell(cell, context())).toEqual({ kind: 'primitive', name: 'Edm.Untyped' });
  });

  it('reads a bold, unlinked type name whose description lists the values as `<li>` items as an enum', () => {
    const description = 'The action taken. Supported values are: <li>None</li><li>NotifySender -- Inform the sender. Allow reading.</li><li>BlockAccess -- Block readers.</li>';
    expect(parseTypeCell('**chatMessagePolicyViolationDlpActionType**', context(description))).toEqual({
      kind: 'enum',
      name: 'microsoft.graph.chatMessagePolicyViolationDlpActionType',
      members: ['None', 'NotifySender', 'BlockAccess'],
    });
  });

  it('reads a link whose description lists "Possible values" as an enum until the linked page says otherwise', () => {
    expect(parseTypeCell('[partnerState](../resources/partnerstate.md)', context('State. Possible values are: `available`, `unavailable`.'))).toEqual({
      kind: 'enum',
      name: 'microsoft.graph.partnerState',
      members: ['available', 'unavailable'],
      ref: '../resources/partnerstate.md',
    });
  });
});

describe('enumMembers', () => {
  it('stops at the end of the values sentence (the next one names $filter operators)', () => {
    expect(enumMembers('Possible values are: `null` (default value), `NotDisabled`, and `Disabled` (may be due to abuse). Supports `$filter` (`eq`, `ne`, `NOT`).')).toEqual([
      'null',
      'NotDisabled',
      'Disabled',
    ]);
    expect(enumMembers('Possible values are `On` or `Paused`. <br><br>Returned by default. Supports `$filter` (`eq`).')).toEqual(['On', 'Paused']);
  });

  it('reads `<br/>`-separated lists', () => {
    expect(enumMembers('Possible values:<br/>"Success" - Service is fully provisioned.<br/>"Disabled" - Service has been disabled, yet.')).toEqual(['Success', 'Disabled']);
  });
});

describe('junk types', () => {
  it('an overview page with no properties, members or JSON representation yields no type and no diagnostic', () => {
    const overview = page('resources/teams-api-overview.md', ['---', 'title: "Use the Microsoft Graph API to work with Microsoft Teams"', 'doc_type: conceptualPageType', '---', '', '# Use the Teams API', '', 'Some prose.', ''].join('\n'));
    expect(overview.kind).toBe('resource');
    expect(overview.types).toEqual([]);
    expect(overview.diagnostics.filter((d) => d.code === 'type_without_properties')).toEqual([]);
  });

  it('a page titled as a type but documenting nothing yields no type and says so', () => {
    const empty = page('resources/teamscatalogapp.md', ['---', 'title: "teamsCatalogApp resource type"', 'doc_type: resourcePageType', '---', '', '# teamsCatalogApp resource type', '', 'Prose only.', ''].join('\n'));
    expect(empty.types).toEqual([]);
    expect(empty.diagnostics.map((d) => [d.code, d.message])).toContainEqual([
      'type_without_properties',
      expect.stringContaining('`microsoft.graph.teamsCatalogApp`'),
    ]);
  });

  it('a type with a JSON representation but no properties (an abstract base) is kept', () => {
    const text = ['---', 'title: "mediaConfig resource type"', 'doc_type: resourcePageType', '---', '', '# mediaConfig resource type', '', '## JSON representation', '', '<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.mediaConfig" } -->', '```json', '{ }', '```', ''].join('\n');
    expect(page('resources/mediaconfig.md', text).types.map((t) => t.name)).toEqual(['microsoft.graph.mediaConfig']);
  });
});

describe('String properties that list their values', () => {
  it('get a diagnostic naming the values, and stay String', () => {
    const resource = page('resources/commsoperation.md', resourcePage('commsOperation resource type', ['| status | String | Possible values are: `notStarted`, `running`, `completed`. Read-only. Supports `$filter` (`eq`). |', '| clientContext | String | Unique client context string. |']));
    const status = resource.types[0]!.properties.find((p) => p.name === 'status')!;
    expect(status.type).toEqual({ kind: 'primitive', name: 'Edm.String' });
    const found = resource.diagnostics.filter((d) => d.code === 'string_lists_values');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info', source: { line: status.source.line } });
    expect(found[0]!.message).toContain('`notStarted`, `running`, `completed`');
    expect(found[0]!.message).not.toContain('`eq`');
  });
});
