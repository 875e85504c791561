/**
 * When an output stream fails, the command keeps running: after EPIPE (the reader went away,
 * `| head`) the rest of that stream's output is dropped and that is no failure; after any other
 * error (a full disk) the output is dropped too, one line on the other stream says so, and the
 * failure is reported for the exit code. (test/cli/cli.test.ts runs the real CLI into a pipe and
 * into /dev/full.)
 */
import { PassThrough } from 'node:stream';
import { streamWriter, watchOutputStreams } from '../../src/cli/output';

const streamError = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`write ${code}`), { code });

test('after EPIPE on stdout, stdout output is dropped, stderr output still goes out, nothing exits, no failure', () => {
  const out = new PassThrough();
  const err = new PassThrough();
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  try {
    const watch = watchOutputStreams(out, err);
    const writer = streamWriter(out, err);
    writer.out('before\n');
    expect(() => out.emit('error', streamError('EPIPE'))).not.toThrow();
    const outWrite = jest.spyOn(out, 'write');
    const errWrite = jest.spyOn(err, 'write');
    writer.out('after\n');
    writer.err('still shown\n');
    expect(outWrite).not.toHaveBeenCalled();
    expect(errWrite).toHaveBeenCalledWith('still shown\n');
    expect(exit).not.toHaveBeenCalled();
    expect(watch.failure()).toBeNull();
  } finally {
    exit.mockRestore();
  }
});

test('another stream error is reported once on the other stream and kept for the exit code', () => {
  const out = new PassThrough();
  const err = new PassThrough();
  const watch = watchOutputStreams(out, err);
  const errWrite = jest.spyOn(err, 'write');
  const full = streamError('ENOSPC');
  expect(() => out.emit('error', full)).not.toThrow();
  expect(watch.failure()).toBe(full);
  expect(errWrite).toHaveBeenCalledTimes(1);
  expect(String(errWrite.mock.calls[0]![0])).toMatch(/Cannot write to standard output \(ENOSPC\)/);
  const outWrite = jest.spyOn(out, 'write');
  streamWriter(out, err).out('lost\n');
  expect(outWrite).not.toHaveBeenCalled();
});
