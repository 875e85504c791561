/**
 * When the reader of the CLI's output goes away (`| head`), the stream's EPIPE is absorbed and
 * later output to that stream is dropped, so that the command runs to its end and keeps its own
 * exit code; any other stream error is still raised. (test/cli/cli.test.ts pipes the real CLI.)
 */
import { PassThrough } from 'node:stream';
import { keepRunningWhenReaderCloses, streamWriter } from '../../src/cli/output';

const epipe = (): NodeJS.ErrnoException => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

test('after EPIPE on stdout, stdout output is dropped, stderr output still goes out, and nothing exits', () => {
  const out = new PassThrough();
  const err = new PassThrough();
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  try {
    keepRunningWhenReaderCloses([out, err]);
    const writer = streamWriter(out, err);
    writer.out('before\n');
    expect(() => out.emit('error', epipe())).not.toThrow();
    const outWrite = jest.spyOn(out, 'write');
    const errWrite = jest.spyOn(err, 'write');
    writer.out('after\n');
    writer.err('still shown\n');
    expect(outWrite).not.toHaveBeenCalled();
    expect(errWrite).toHaveBeenCalledWith('still shown\n');
    expect(exit).not.toHaveBeenCalled();
  } finally {
    exit.mockRestore();
  }
});

test('another stream error is raised, not swallowed', () => {
  const out = new PassThrough();
  keepRunningWhenReaderCloses([out]);
  expect(() => out.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow('disk full');
});
