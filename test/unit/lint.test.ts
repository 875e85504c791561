/**
 * Type-name placeholders in example bodies (`"String"`, `"Boolean"`, `"String (timestamp)"`,
 * `"datetime-value"`), surrounding whitespace of any kind included, and what is not one.
 */
import { isPlaceholder } from '../../src/contract/edm';

test.each(['String', 'string', ' Boolean ', '\u00a0Int32\u00a0', '\nGuid\t', 'String (timestamp)', 'String(identifier) ', 'DateTimeOffset', 'datetime-value', 'Date-Value', '\ufeffurl'])(
  '%j is a placeholder',
  (value) => expect(isPlaceholder(value)).toBe(true),
);

test.each(['', '   ', 'Strings', 'String x', 'a String', 'string (a) (b)', 'x-value-y', '2-value', 'value', 'user@contoso.com', 'true'])(
  '%j is not a placeholder',
  (value) => expect(isPlaceholder(value)).toBe(false),
);
