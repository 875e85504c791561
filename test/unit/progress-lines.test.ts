/** Verification progress outside a terminal: one line per 10%, never more, nothing when disabled. */
import { createProgressLines } from '../../src/cli/progress';

describe('createProgressLines (not a terminal)', () => {
  it('prints one line per 10% of the work, whatever the number of updates', () => {
    const lines: string[] = [];
    const progress = createProgressLines(true, 'verify', 'interactions', (line) => lines.push(line), false);
    for (let done = 1; done <= 2334; done++) progress.update(done, 2334);
    progress.stop();
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^verify: 10% \(234\/2334 interactions, \d+ s\)\n$/);
    expect(lines[9]).toMatch(/^verify: 100% \(2334\/2334 interactions, \d+ s\)\n$/);
  });

  it('coarse updates (a whole group at once) print the step reached, once', () => {
    const lines: string[] = [];
    const progress = createProgressLines(true, 'verify', 'interactions', (line) => lines.push(line), false);
    progress.update(50, 100);
    progress.update(50, 100);
    progress.update(100, 100);
    expect(lines.map((l) => l.split(' (')[0])).toEqual(['verify: 50%', 'verify: 100%']);
  });

  it('--no-progress, or a run of fewer than 50, prints nothing', () => {
    const lines: string[] = [];
    createProgressLines(false, 'verify', 'interactions', (line) => lines.push(line), false).update(100, 100);
    const small = createProgressLines(true, 'verify', 'interactions', (line) => lines.push(line), false);
    for (let done = 1; done <= 49; done++) small.update(done, 49);
    expect(lines).toEqual([]);
  });

  it('without a unit, only the counts', () => {
    const lines: string[] = [];
    createProgressLines(true, 'verify', null, (line) => lines.push(line), false).update(156, 156);
    expect(lines[0]).toMatch(/^verify: 100% \(156\/156, \d+ s\)\n$/);
  });
});
