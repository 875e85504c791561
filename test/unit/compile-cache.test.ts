import { enableCompileCache } from '../../src/cli/compile-cache';

describe('enableCompileCache', () => {
  it('turns on the runtime compile cache where the runtime has one', () => {
    const runtime = { enableCompileCache: jest.fn(() => ({ status: 1 })) };
    enableCompileCache(runtime);
    expect(runtime.enableCompileCache).toHaveBeenCalledTimes(1);
    // Called with no folder: NODE_COMPILE_CACHE (or the system's temporary folder) decides.
    expect(runtime.enableCompileCache).toHaveBeenCalledWith();
  });

  it('does nothing, silently, on a runtime without one (Node 20)', () => {
    expect(() => enableCompileCache({})).not.toThrow();
  });

  it('never fails the command when the runtime refuses', () => {
    const runtime = {
      enableCompileCache: () => {
        throw new Error('EACCES');
      },
    };
    expect(() => enableCompileCache(runtime)).not.toThrow();
  });
});
