/**
 * The mock's data: entity sets by their concrete path (`/v1.0/users`, `/v1.0/users/u1/messages`),
 * each holding objects by key. A set starts with the objects its documented list example shows
 * (so a fresh mock answers `GET /users` as the docs do); creates, provider states, updates and
 * deletes change it from there. Objects named only by a state's name (`a widget exists` without
 * `@entitySet`, as older or hand-written pacts have them) are kept by entity name and found from
 * any set of that name.
 */

/**
 * Where an object comes from: `initial`, a set's documented content; `stand-in`, the docs' example
 * object for a provider state that gave no shape (reads answer the documented shape of each read);
 * `given`, what a client sent or a state documented (reads answer it as held).
 */
export type Origin = 'initial' | 'stand-in' | 'given';

export interface Stored {
  value: Record<string, unknown>;
  origin: Origin;
}

export class EntityStore {
  private readonly sets = new Map<string, Map<string, Stored>>();
  private readonly byName = new Map<string, Map<string, Stored>>();

  /**
   * @param initial the objects a set holds before anything changed it, by key.
   */
  constructor(private readonly initial: (setPath: string) => Map<string, Record<string, unknown>>) {}

  /** A set's objects by key, created with its initial content on first use. */
  private set(setPath: string): Map<string, Stored> {
    const id = setId(setPath);
    let set = this.sets.get(id);
    if (!set) {
      set = new Map([...this.initial(setPath)].map(([key, value]) => [key, { value, origin: 'initial' as const }]));
      this.sets.set(id, set);
    }
    return set;
  }

  get(setPath: string, key: string, name: string): Stored | undefined {
    return this.set(setPath).get(key) ?? this.byName.get(name.toLowerCase())?.get(key);
  }

  put(setPath: string, key: string, value: Record<string, unknown>, origin: Origin): void {
    this.set(setPath).set(key, { value, origin });
  }

  delete(setPath: string, key: string, name: string): boolean {
    const inSet = this.set(setPath).delete(key);
    const inNames = this.byName.get(name.toLowerCase())?.delete(key) ?? false;
    return inSet || inNames;
  }

  list(setPath: string): Stored[] {
    return [...this.set(setPath).values()];
  }

  /** Replaces what a set holds (a list example's provider state). */
  seed(setPath: string, objects: [string, Record<string, unknown>][]): void {
    this.sets.set(setId(setPath), new Map(objects.map(([key, value]) => [key, { value, origin: 'given' as const }])));
  }

  putByName(name: string, key: string, value: Record<string, unknown>, origin: Origin): void {
    const id = name.toLowerCase();
    let objects = this.byName.get(id);
    if (!objects) {
      objects = new Map();
      this.byName.set(id, objects);
    }
    if (!objects.has(key) || origin === 'given') objects.set(key, { value, origin });
  }

  deleteByName(name: string, key: string): void {
    this.byName.get(name.toLowerCase())?.delete(key);
  }

  /** What clients and provider states put here and did not remove, as `set/key` (not the docs' initial content). */
  objects(): string[] {
    const found: string[] = [];
    for (const [id, set] of this.sets) for (const [key, stored] of set) if (stored.origin !== 'initial') found.push(`${id}/${key}`);
    for (const [name, set] of this.byName) for (const key of set.keys()) found.push(`${name}/${key}`);
    return found;
  }
}

/** A set's identity: its path decoded, without a trailing slash, in any case. */
function setId(setPath: string): string {
  return setPath
    .replace(/\/+$/, '')
    .split('/')
    .map(decodeSegment)
    .join('/')
    .toLowerCase();
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
