/**
 * Reads the tables of a page: permissions, request headers, property tables (request body,
 * resource properties, relationships) and enum member tables. Header spellings vary a lot
 * (survey §9); columns are found by name, not by position.
 */
import type { HeaderSpec, Permission, PropertySpec, SourceRef } from '../contract/model';
import type { TableBlock } from './blocks';
import { parseTypeCell, type TypeCellContext } from './type-ref';

export function normaliseHeader(cell: string): string {
  return cell.toLowerCase().replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

export type TableKind = 'properties' | 'permissions' | 'headers' | 'members' | 'other';

const NAME_COLUMNS = new Set([
  'property',
  'properties',
  'property name',
  'name',
  'parameter',
  'parameters',
  'parameter name',
  'required parameter',
  'optional parameter',
  'relationship',
  'relationship name',
]);

export function classifyTable(table: TableBlock): TableKind {
  const header = table.header.map(normaliseHeader);
  if (header[0]?.startsWith('permission type')) return 'permissions';
  if (header[0] === 'member' || (header[0] === 'value' && header.length <= 3 && header.includes('description') && !header.includes('type'))) {
    return 'members';
  }
  if (header.includes('type') && NAME_COLUMNS.has(header[0] ?? '')) return 'properties';
  if (header[0] === 'header' || (header[0] === 'name' && (header[1] === 'description' || header[1] === 'value'))) return 'headers';
  return 'other';
}

function sourceOf(file: string, line: number): SourceRef {
  return { file, line, column: 1 };
}

export function readProperties(table: TableBlock, file: string, linkDefinitions: Map<string, string>): PropertySpec[] {
  const header = table.header.map(normaliseHeader);
  const typeIndex = header.indexOf('type');
  const descriptionIndex = header.findIndex((h) => h.startsWith('description'));
  const requiredIndex = header.findIndex((h) => h.startsWith('required') && h !== 'required parameter');
  const properties: PropertySpec[] = [];
  for (const row of table.rows) {
    const name = stripMarkup(row.cells[0] ?? '');
    // A bold first cell with no type is a group label inside the table (the cheap test first).
    if (name === '' || ((row.cells[typeIndex] ?? '') === '' && /^\*\*.*\*\*$/.test((row.cells[0] ?? '').trim()))) continue;
    const description = descriptionIndex >= 0 ? (row.cells[descriptionIndex] ?? '') : '';
    const context: TypeCellContext = { description, linkDefinitions };
    const typeCell = row.cells[typeIndex] ?? '';
    properties.push({
      name,
      type: parseTypeCell(typeCell, context),
      description,
      required: requiredFrom(requiredIndex >= 0 ? (row.cells[requiredIndex] ?? '') : '', description),
      readOnly: /\bread-?only\b/i.test(description),
      nullable: /\bnot nullable\b|\bnon-nullable\b/i.test(description) ? false : /\bnullable\b/i.test(description) ? true : null,
      source: sourceOf(file, row.line),
    });
  }
  return properties;
}

function requiredFrom(column: string, description: string): boolean | null {
  if (column !== '') {
    const cell = column.trim().toLowerCase();
    if (/^(y|yes|true|required)\b/.test(cell)) return true;
    if (/^(n|no|false|optional)\b/.test(cell)) return false;
  }
  const text = stripMarkup(description);
  // Most descriptions say neither: one test instead of four.
  if (!/required|optional/i.test(text)) return null;
  if (/(^|[.\s])required\.?$/i.test(text) || /^required\b/i.test(text)) return true;
  if (/(^|[.\s])optional\.?$/i.test(text) || /^optional\b/i.test(text)) return false;
  return null;
}

export function readPermissions(table: TableBlock, file: string): Permission[] {
  return table.rows.map((row) => {
    const label = stripMarkup(row.cells[0] ?? '');
    const cell = row.cells[1] ?? '';
    const text = stripMarkup(cell);
    const supported = /not supported|not available/i.test(text) ? false : isTodo(cell) || text === '' ? null : true;
    return {
      type: permissionType(label),
      label,
      scopes: supported === true ? text.split(/[,;]|\s+and\s+|\s+/).map((s) => s.trim()).filter((s) => /^[A-Za-z][\w.-]*$/.test(s)) : [],
      supported,
      source: sourceOf(file, row.line),
    };
  });
}

function permissionType(label: string): Permission['type'] {
  if (/delegated.*(work|school)/i.test(label)) return 'delegatedWork';
  if (/delegated.*personal/i.test(label)) return 'delegatedPersonal';
  if (/application/i.test(label)) return 'application';
  return 'other';
}

export function readHeaderSpecs(table: TableBlock, file: string): HeaderSpec[] {
  return table.rows
    .filter((row) => stripMarkup(row.cells[0] ?? '') !== '')
    .map((row) => {
      const description = row.cells.slice(1).join(' ').trim();
      return {
        name: stripMarkup(row.cells[0] ?? ''),
        description,
        required: requiredFrom('', description),
        source: sourceOf(file, row.line),
      };
    });
}

export function readMembers(table: TableBlock): string[] {
  return table.rows.map((row) => stripMarkup(row.cells[0] ?? '')).filter((m) => /^[\w.-]+$/.test(m));
}

export function isTodo(text: string): boolean {
  return text.includes('TODO') && /\bTODO\b/.test(text);
}

/** Cell text without bold, backticks and link syntax. */
function stripMarkup(cell: string): string {
  if (!/[[*_`<\\]/.test(cell)) return cell.trim();
  return cell
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\\\|/g, '|')
    .trim();
}
