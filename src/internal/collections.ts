/**
 * Whether a path segment names a collection of entities (`users`, `deviceConfigurations`) rather
 * than a function or action (`delta()`, `microsoft.graph.getByIds`), a key (`${id}`), a property
 * path (`root:`) or a system segment (`$value`, `$ref`, `$count`).
 */
export function isCollectionSegment(segment: string): boolean {
  return segment !== '' && !/[().:{}]/.test(segment) && !segment.startsWith('$');
}
