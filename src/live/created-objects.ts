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
  /** `gone`: the DELETE found nothing (404): deleted already, or not yet visible (Graph is eventually consistent). */
  state: 'present' | 'removed' | 'gone' | 'left';
  /** Why it was left behind. */
  error?: string;
}

export interface CleanupSummary {
  created: number;
  removed: number;
  /** Not found when deleted (a DELETE interaction removed it, or it was not visible yet). */
  gone: number;
  left: CreatedObject[];
  objects: CreatedObject[];
  /** Writes to check by hand: outcome unknown (5xx, no answer), or a change that created nothing deletable. */
  otherWrites: string[];
}

export class CreatedObjects {
  private readonly objects: CreatedObject[] = [];
  private readonly writes: string[] = [];

  /** `remove` resolves true when the object was deleted, false when it was not found. */
  constructor(private readonly remove: (path: string) => Promise<boolean>) {}

  record(path: string, by: string): CreatedObject {
    const object: CreatedObject = { path, by, state: 'present' };
    this.objects.push(object);
    return object;
  }

  /** Whether a path is one of the recorded objects or below one. */
  covers(path: string): boolean {
    return this.objects.some((o) => path === o.path || path.startsWith(`${o.path}/`));
  }

  noteWrite(description: string): void {
    this.writes.push(description);
  }

  /** Deletes one object (teardown after its interaction); a failure is kept, not thrown. */
  async delete(object: CreatedObject): Promise<void> {
    if (object.state !== 'present') return;
    try {
      object.state = (await this.remove(object.path)) ? 'removed' : 'gone';
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
      gone: this.objects.filter((o) => o.state === 'gone').length,
      left: this.objects.filter((o) => o.state === 'left' || o.state === 'present'),
      objects: this.objects.map((o) => ({ ...o })),
      otherWrites: [...this.writes],
    };
  }
}

export function formatCleanupSummary(summary: CleanupSummary): string {
  const lines = [`Live run cleanup: created ${summary.created} object(s), removed ${summary.removed}, already gone ${summary.gone}, left behind ${summary.left.length}.`];
  const label: Record<CreatedObject['state'], string> = { removed: 'removed', gone: 'already gone (404 on delete; check if it was just created)', left: 'LEFT BEHIND', present: 'LEFT BEHIND' };
  for (const object of summary.objects) lines.push(`  ${label[object.state]} ${object.path} (created by ${object.by})${object.error ? `: ${object.error}` : ''}`);
  if (summary.otherWrites.length > 0) {
    lines.push(`  ${summary.otherWrites.length} write(s) to check by hand (their outcome is unknown, or they changed the tenant without creating an object to delete):`);
    for (const write of summary.otherWrites) lines.push(`    ${write}`);
  }
  return `${lines.join('\n')}\n`;
}
