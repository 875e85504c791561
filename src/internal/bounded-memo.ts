/**
 * A get-or-compute cache for values derived from strings that repeat across pages (display paths,
 * link targets, compiled URL templates). It forgets everything once it holds more than `limit`
 * entries, so that a long-lived process (the serverless handler, a corpus run) never grows it
 * without bound.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string, compute: () => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = compute();
      if (this.entries.size > this.limit) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }
}
