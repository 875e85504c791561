import { MAX_JSON_DEPTH, parseLenientJson } from '../../src/docs/lenient-json';

describe('parseLenientJson', () => {
  it('parses strict JSON with no repairs', () => {
    expect(parseLenientJson('{"a": [1, 2], "b": null}')).toEqual({ ok: true, value: { a: [1, 2], b: null }, repairs: [] });
  });

  it.each([
    ['trailing commas', '{"a": [1, 2,], "b": 1,}', { a: [1, 2], b: 1 }, ['trailing-comma']],
    ['line comments', '{"a": 1, // the id\n"b": 2}', { a: 1, b: 2 }, ['comment']],
    ['block comments', '{"a": 1 /* relationships */}', { a: 1 }, ['comment']],
    // The comma before a closing `...` becomes a trailing comma once the ellipsis is gone.
    ['a bare ... element', '{"value": [{"id": "1"},\n ...\n]}', { value: [{ id: '1' }] }, ['ellipsis', 'trailing-comma']],
    ['a leading ... element', '[..., 2]', [2], ['ellipsis']],
    ['raw newlines in strings', '{"message": "line one\nline two"}', { message: 'line one\nline two' }, ['control-character']],
    ['unquoted keys', '{isCollection: true, "name": "x"}', { isCollection: true, name: 'x' }, ['unquoted-key']],
    ['non-breaking-space indentation', '{\n\u00a0\u00a0"a": 1\n}', { a: 1 }, ['unicode-whitespace']],
  ])('repairs %s and says so', (_label, text, value, kinds) => {
    const result = parseLenientJson(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual(value);
    expect([...new Set(result.repairs.map((r) => r.kind))]).toEqual(kinds);
  });

  it('reports the offset of what it cannot repair (a missing comma)', () => {
    const text = '{\n  "a": 1\n  "b": 2\n}';
    const result = parseLenientJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('invalid');
    expect(result.message).toBe('a missing comma');
    expect(text.slice(result.offset, result.offset + 3)).toBe('"b"');
  });

  it('keeps prose stand-ins that look like JSON as failures', () => {
    expect(parseLenientJson('{Raw bytes of the file}').ok).toBe(false);
    expect(parseLenientJson('[Zip file containing a Teams app package]').ok).toBe(false);
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    const result = parseLenientJson(text);
    expect(result).toMatchObject({ ok: false, reason: 'too-deep' });
    const shallow = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parseLenientJson(shallow).ok).toBe(true);
  });

  it('refuses deep nesting in repaired JSON too', () => {
    const text = '['.repeat(5000) + '1,' + ']'.repeat(5000);
    expect(parseLenientJson(text)).toMatchObject({ ok: false, reason: 'too-deep' });
  });
});
