/**
 * parseTypeCell's shortcuts (one-word cells, undecorated cells) give exactly what the full path
 * gave: compared with the previous parser (test/support/type-ref-reference.ts) on crafted cells
 * at the shortcuts' edges and on every type cell of the v1.0 corpus (skipped with the reason
 * printed where the corpus is absent).
 */
import { readFileSync } from 'node:fs';
import { parseBlocks } from '../../src/docs/blocks';
import { splitFrontMatter } from '../../src/docs/front-matter';
import { normaliseHeader } from '../../src/docs/tables';
import { parseTypeCell, type TypeCellContext } from '../../src/docs/type-ref';
import { parseTypeCell as referenceParseTypeCell } from '../support/type-ref-reference';
import { CORPUS_DIR, describeWithCorpus, markdownFiles } from '../helpers';

const context = (description: string): TypeCellContext => ({
  description,
  linkDefinitions: new Map([['user', '../resources/user.md'], ['status', '#status-values']]),
});

const EDGE_CELLS = [
  'String', ' String ', 'Edm.Int32', 'EDM.string', 'Optional', 'Required', 'optional String', ' Optional String', 'String (optional)',
  'String optional.', 'Enum', 'enumeration', 'status enum', 'status (enum)', 'a__b', 'a_b', 'my_type', 'String\u00a0collection',
  'String  collection', 'String\tcollection', 'String collection', 'Collection(String)', 'collection of user', 'String, max 20',
  '**String**', '`Int64`', 'String<br/>', 'string or number', 'string/number', '[user](../resources/user.md)', '[User][]',
  ' Optional', 'required ', 'Required\t', ' required.', 'Optional.', ' optional..', '[status](#status-values)', '[identity  set](../resources/identityset.md)', '[identity\u00a0set](x.md)', '[identitySet](../resources/identityset.md) collection', '', '   ', '123', '.x', 'x.y.z',
];

test.each(EDGE_CELLS)('%j is parsed as before', (cell) => {
  for (const description of ['', 'The possible values are: `a`, `b`.', 'Possible values are one, two or three.']) {
    expect(parseTypeCell(cell, context(description))).toEqual(referenceParseTypeCell(cell, context(description)));
  }
});

test.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('%j is a type name, not a primitive (the old parser looked it up on Object.prototype)', (cell) => {
  expect(parseTypeCell(cell, context(''))).toEqual({ kind: 'complex', name: `microsoft.graph.${cell}` });
});

describeWithCorpus('type cells of the v1.0 corpus', () => {
  it('are all parsed as before', () => {
    let cells = 0;
    const differing: string[] = [];
    for (const file of markdownFiles(CORPUS_DIR)) {
      for (const block of parseBlocks(splitFrontMatter(readFileSync(file, 'utf8')).markdown)) {
        if (block.type !== 'table') continue;
        const header = block.header.map(normaliseHeader);
        const typeIndex = header.indexOf('type');
        const descriptionIndex = header.findIndex((h) => h.startsWith('description'));
        if (typeIndex < 0) continue;
        for (const row of block.rows) {
          const cell = row.cells[typeIndex] ?? '';
          const description = descriptionIndex >= 0 ? (row.cells[descriptionIndex] ?? '') : '';
          cells++;
          if (JSON.stringify(parseTypeCell(cell, context(description))) !== JSON.stringify(referenceParseTypeCell(cell, context(description)))) differing.push(`${file}:${row.line} ${cell}`);
        }
      }
    }
    console.log(`type cells: ${cells} corpus cells compared with the previous parser, ${differing.length} differing`);
    expect(differing.slice(0, 5)).toEqual([]);
    expect(cells).toBeGreaterThan(10_000);
  });
});
