// parseTypeCell and parseSingle as they were before the shortcuts for plain and undecorated cells
// (commit 3f50cb5), kept as the oracle those shortcuts are tested against
// (test/docs/type-ref-shortcuts.test.ts): the full path every cell took. The pieces the shortcuts
// did not change (the primitive table, the link pattern, cleaning, enum members, qualification)
// come from src/docs/type-ref.ts itself, and so do the readings added since for cells the shortcuts
// never take (links, `x (note)`, `x enum`, trailing nouns, JSON objects: issue 18). Not used by
// the product.
import type { EdmPrimitive, TypeRef } from '../../src/contract/model';
import {
  annotatedType,
  cleanTypeCell,
  enumMembers,
  linkedType,
  PRIMITIVES,
  qualify,
  TYPE_LINK,
  UNTYPED_JSON,
  withoutTypeNoun,
  type TypeCellContext,
} from '../../src/docs/type-ref';

export function parseTypeCell(cell: string, context: TypeCellContext): TypeRef {
  const text = cleanTypeCell(cell);
  if (text === '') return { kind: 'unknown', raw: cell };

  const collection =
    /^collection\s*\((.*)\)$/i.exec(text) ?? /^collection of\s+(.*)$/i.exec(text) ?? /^(.*?)\s+collection$/i.exec(text);
  if (collection) {
    const of = parseSingle(cleanTypeCell(collection[1]!), context);
    return of.kind === 'unknown' ? { kind: 'unknown', raw: cell } : { kind: 'collection', of };
  }
  const single = parseSingle(text, context);
  return single.kind === 'unknown' ? { kind: 'unknown', raw: cell } : single;
}

function parseSingle(cell: string, context: TypeCellContext): TypeRef {
  const text = withoutTypeNoun(cell);
  if (UNTYPED_JSON.test(text)) return { kind: 'primitive', name: 'Edm.Untyped' };
  if (/\s(or|and)\s|\//i.test(text.replace(/\([^)]*\)/g, ''))) {
    // `a or b`, `string/number`; but links contain `/` in their target, handled below first.
    if (!TYPE_LINK.test(text)) return { kind: 'unknown', raw: text };
  }
  const link = TYPE_LINK.exec(text);
  if (link) return linkedType(link[1]!.trim(), link[2] ?? context.linkDefinitions.get((link[3] || link[1]!.trim()).toLowerCase()), context);

  const primitive = primitiveOf(text);
  if (primitive) return { kind: 'primitive', name: primitive };
  if (/^enum(eration)?$/i.test(text)) return { kind: 'enum', name: null, members: enumMembers(context.description) };
  const annotated = annotatedType(text, context);
  if (annotated) return annotated;
  if (/^[A-Za-z][\w.]*$/.test(text)) {
    const members = enumMembers(context.description);
    if (members.length > 0) return { kind: 'enum', name: qualify(text), members };
    return { kind: 'complex', name: qualify(text) };
  }
  return { kind: 'unknown', raw: text };
}

function primitiveOf(name: string): EdmPrimitive | null {
  const key = name.replace(/^edm\./i, '').toLowerCase();
  return PRIMITIVES[key] ?? null;
}
