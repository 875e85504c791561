/**
 * What a live run created in the tenant, and whether it was removed. Provider states and
 * interactions that answer 201 Created record their object here the moment it exists; teardown
 * deletes it, and whatever is still here at the end of the run (a failed interaction, Ctrl-C) is
 * deleted then. The summary lists every object: removed, or left behind with the reason.
 */
export interface CreatedObject {
  /** Path of the object, version included: `/v1.0/groups/<id>`. */
  path: string;
  /** Who created it: `provider state "a group exists"` or `interaction "<description>"`. */
  by: string;
  state: 'present' | 'removed' | 'left';
  /** Why it was left behind. */
  error?: string;
}

export interface CleanupSummary {
  created: number;
  removed: number;
  left: CreatedObject[];
  objects: CreatedObject[];
  /** Writes whose effect cannot be undone by a DELETE of a created object (not 201 Created). */
  otherWrites: string[];
}

export class CreatedObjects {
  private readonly objects: CreatedObject[] = [];
  private readonly writes: string[] = [];

  constructor(private readonly remove: (path: string) => Promise<void>) {}

  record(path: string, by: string): CreatedObject {
    const object: CreatedObject = { path, by, state: 'present' };
    this.objects.push(object);
    return object;
  }

  noteWrite(description: string): void {
    this.writes.push(description);
  }

  /** Deletes one object (teardown after its interaction); a failure is kept, not thrown. */
  async delete(object: CreatedObject): Promise<void> {
    if (object.state !== 'present') return;
    try {
      await this.remove(object.path);
      object.state = 'removed';
    } catch (error) {
      object.state = 'left';
      object.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** Deletes everything still present, newest first (children before their parents). */
  async deleteAll(): Promise<void> {
    for (const object of [...this.objects].reverse()) if (object.state === 'present') await this.delete(object);
  }

  summary(): CleanupSummary {
    return {
      created: this.objects.length,
      removed: this.objects.filter((o) => o.state === 'removed').length,
      left: this.objects.filter((o) => o.state !== 'removed'),
      objects: this.objects.map((o) => ({ ...o })),
      otherWrites: [...this.writes],
    };
  }
}

export function formatCleanupSummary(summary: CleanupSummary): string {
  const lines = [`Live run cleanup: created ${summary.created} object(s), removed ${summary.removed}, left behind ${summary.left.length}.`];
  for (const object of summary.objects) lines.push(`  ${object.state === 'removed' ? 'removed' : 'LEFT BEHIND'} ${object.path} (created by ${object.by})${object.error ? `: ${object.error}` : ''}`);
  if (summary.otherWrites.length > 0) {
    lines.push(`  ${summary.otherWrites.length} other write(s) changed the tenant without creating an object to delete (check them by hand):`);
    for (const write of summary.otherWrites) lines.push(`    ${write}`);
  }
  return `${lines.join('\n')}\n`;
}
