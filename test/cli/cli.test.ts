import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACTS_DIR, REPO_ROOT } from '../helpers';
import { runInProcess as run } from '../support/run-cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graph-contracts-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('graph-contracts CLI', () => {
  it.each([[[]], [['extract']], [['generate']], [['verify']], [['mock']], [['run']], [['publish']], [['report']]])('--help works for %j with exit code 0', async (command) => {
    const { code, out } = await run(...command, '--help');
    expect(code).toBe(0);
    expect(out).toContain('Usage: graph-contracts');
  });

  it('lists its commands in the top-level help', async () => {
    const { out } = await run('--help');
    expect(out).toMatch(/extract \[options\] <paths\.\.\.>/);
    expect(out).toMatch(/generate \[options\] <paths\.\.\.>/);
    expect(out).toMatch(/run \[options\] \[paths\.\.\.\]/);
  });

  it.each([[['frobnicate']], [['extract']], [['extract', 'contracts', '--no-such-flag']], [['extract', 'contracts', '--show', 'loud']], [['extract', 'contracts', '--limit', '-3']]])(
    'exits 2 on a usage error: %j',
    async (args) => {
      const { code, err } = await run(...args);
      expect(code).toBe(2);
      expect(err).toMatch(/error|unknown/i);
    },
  );

  it('extract writes the summary JSON with the documented keys', async () => {
    const summaryFile = join(dir, 'summary.json');
    const modelFile = join(dir, 'model.json');
    const { code, out } = await run('extract', CONTRACTS_DIR, '--summary-json', summaryFile, '--json', modelFile, '--show', 'error');
    expect(code).toBe(0);
    expect(out).toMatch(/Pages\s+5 \(5 API, 0 resource\), 1 with errors, 0 crashes/);
    expect(out).toContain('url_unresolved');
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    expect(summary).toMatchObject({ pages: 5, pagesWithErrors: 1, crashes: 0, examples: 10, pairs: 5 });
    expect(summary.diagnostics).toMatchObject({ url_unresolved: 2, url_version_unknown: 1 });
    const model = JSON.parse(readFileSync(modelFile, 'utf8'));
    expect(model.schemaVersion).toBe(1);
    expect(model.pages).toHaveLength(5);
  });

  it('prints diagnostics as file:line:column with a hint', async () => {
    const { out } = await run('extract', CONTRACTS_DIR, '--show', 'error');
    expect(out).toMatch(
      /contracts\/api\/directoryobjectpartnerreference-post\.md:67:1 error url_unresolved: The URL `.*` is unresolved generator output, not a real path\. The doc generator could not resolve this URL/,
    );
  });

  it('exits 1 when --fail-on finds diagnostics of that severity', async () => {
    expect((await run('extract', CONTRACTS_DIR, '--fail-on', 'error', '--show', 'none')).code).toBe(1);
    expect((await run('extract', join(CONTRACTS_DIR, 'api', 'delegatedadminrelationship-post.md'), '--fail-on', 'error', '--show', 'none')).code).toBe(0);
  });

  it('run extracts the bundled contracts and writes their pacts', async () => {
    const out = join(dir, 'reports');
    const pacts = join(dir, 'run-pacts');
    const result = await run('run', '--out', out, '--pacts', pacts, '--show', 'none');
    expect(result.code).toBe(0);
    expect(result.out).toContain(CONTRACTS_DIR);
    expect(result.out).toContain('Consumer tests  5 examples: 4 interactions, 4 passed and written, 0 failed');
    expect(JSON.parse(readFileSync(join(out, 'extract-summary.json'), 'utf8'))).toMatchObject({ pages: 5, crashes: 0 });
    expect(existsSync(join(out, 'contracts.json'))).toBe(true);
    expect(readdirSync(pacts).sort()).toEqual(readdirSync(join(REPO_ROOT, 'pacts')).filter((f) => f.endsWith('.json')).sort());
  });

  it('generate names the consumer and provider from flags or the environment', async () => {
    const pacts = join(dir, 'named');
    process.env['GRAPH_CONTRACTS_CONSUMER'] = 'my-app';
    try {
      const result = await run('generate', CONTRACTS_DIR, '--pacts', pacts, '--provider', 'graph', '--show', 'none');
      expect(result.code).toBe(0);
      expect(readdirSync(pacts)).toEqual(['my-app-graph.json']);
      expect(JSON.parse(readFileSync(join(pacts, 'my-app-graph.json'), 'utf8')).interactions).toHaveLength(4);
    } finally {
      delete process.env['GRAPH_CONTRACTS_CONSUMER'];
    }
  });

  it('runs as the installed bin (`graph-contracts --version`)', () => {
    const bin = join(REPO_ROOT, 'bin', 'graph-contracts.js');
    const version = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(version);
    const usage = spawnSync(process.execPath, [bin, 'extract'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  it('extract does not load the consumer and provider stages (Pact, axios, the progress bar)', () => {
    // Pact alone took ~0.4 s of start-up; `extract` must not pay for stages it does not run.
    const cli = join(REPO_ROOT, 'dist', 'cli', 'main.js');
    const script = `require(${JSON.stringify(cli)}).main(process.argv).then((code) => {
      const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](@pact-foundation|axios|cli-progress)[\\\\/]/.test(f));
      process.stdout.write(JSON.stringify({ code, loaded }));
    });`;
    const child = spawnSync(process.execPath, ['-e', script, 'graph-contracts', 'extract', CONTRACTS_DIR, '--show', 'none', '--no-progress'], { encoding: 'utf8' });
    const { code, loaded } = JSON.parse(child.stdout.slice(child.stdout.lastIndexOf('{"code"')));
    expect(code).toBe(0);
    expect(loaded).toEqual([]);
  });

  it('extract loads neither dotenv nor node:crypto when there is no .env (both only cost start-up time)', () => {
    const cli = join(REPO_ROOT, 'dist', 'cli', 'main.js');
    const script = `const Module = require('module'); const requested = new Set(); const load = Module._load;
      Module._load = function (request, ...rest) { requested.add(request); return load.call(this, request, ...rest); };
      require(${JSON.stringify(cli)}).main(process.argv).then((code) => {
        const dotenv = Object.keys(require.cache).filter((f) => /node_modules[\\\\/]dotenv[\\\\/]/.test(f));
        process.stdout.write(JSON.stringify({ code, dotenv, crypto: ['crypto', 'node:crypto'].filter((m) => requested.has(m)) }));
      });`;
    const cwd = mkdtempSync(join(tmpdir(), 'no-dotenv-'));
    try {
      const child = spawnSync(process.execPath, ['-e', script, 'graph-contracts', 'extract', CONTRACTS_DIR, '--show', 'none', '--no-progress'], { cwd, encoding: 'utf8', env: withoutDotenvSettings() });
      const { code, dotenv, crypto } = JSON.parse(child.stdout.slice(child.stdout.lastIndexOf('{"code"')));
      expect(code).toBe(0);
      expect(dotenv).toEqual([]);
      expect(crypto).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('a .env in the working directory is still read (dotenv, loaded on demand), without overriding the environment', () => {
    const config = join(REPO_ROOT, 'dist', 'cli', 'config.js');
    const cwd = mkdtempSync(join(tmpdir(), 'dotenv-'));
    try {
      writeFileSync(join(cwd, '.env'), 'GRAPH_CONTRACTS_CONSUMER=from-dotenv\nGRAPH_CONTRACTS_PROVIDER=from-dotenv\n');
      const script = `require(${JSON.stringify(config)}).loadEnvironment();
        process.stdout.write(JSON.stringify([process.env.GRAPH_CONTRACTS_CONSUMER, process.env.GRAPH_CONTRACTS_PROVIDER]));`;
      const env: NodeJS.ProcessEnv = { ...withoutDotenvSettings(), GRAPH_CONTRACTS_PROVIDER: 'from-environment' };
      delete env.GRAPH_CONTRACTS_CONSUMER;
      const child = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8', env });
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual(['from-dotenv', 'from-environment']);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('exits 74 with one line, not a stack trace, when its output cannot be written (a full disk)', () => {
    if (!existsSync('/dev/full')) {
      console.warn('skipped: no /dev/full on this system');
      return;
    }
    const bin = join(REPO_ROOT, 'bin', 'graph-contracts.js');
    const model = join(dir, 'full-disk-model.json');
    const child = spawnSync('bash', ['-c', '"$0" "$1" extract "$2" --show info --json "$3" > /dev/full', process.execPath, bin, CONTRACTS_DIR, model], { encoding: 'utf8' });
    expect(child.status).toBe(74);
    expect(child.stderr).toMatch(/^\[graph-contracts\] Cannot write to standard output \(ENOSPC\); the rest of its output is lost\.\n$/);
    // The command still ran to its end.
    expect(JSON.parse(readFileSync(model, 'utf8')).pages).toHaveLength(5);
  });

  it('runs to its end with its own exit code when the reader of its output goes away (`| head`)', () => {
    // 50 pages of diagnostics: more than a pipe buffer holds, so writing goes on after the close.
    const docs = mkdtempSync(join(tmpdir(), 'graph-contracts-epipe-'));
    try {
      for (let copy = 0; copy < 10; copy++) cpSync(join(CONTRACTS_DIR, 'api'), join(docs, `copy-${copy}`), { recursive: true });
      const model = join(docs, 'model.json');
      // A real pipe into `head`, which exits after 100 bytes; bash reports the CLI's own exit code.
      const bin = join(REPO_ROOT, 'bin', 'graph-contracts.js');
      const pipe = (flags: string): { status: string; stderr: string } => {
        const pipeline = `"$0" "$1" extract "$2" --show info --limit 100000 --no-progress ${flags} | head -c 100 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`;
        const child = spawnSync('bash', ['-c', pipeline, process.execPath, bin, docs], { encoding: 'utf8' });
        return { status: child.stdout.trim(), stderr: child.stderr };
      };
      const ok = pipe('');
      expect(ok.status).toBe('exit=0');
      expect(ok.stderr).not.toMatch(/EPIPE|Error/);
      // The seeds carry warnings: --fail-on warning makes the command's own code 1, and the model
      // file, written after the diagnostics are printed, is still written.
      const failing = pipe(`--fail-on warning --json "${model}"`);
      expect(failing.status).toBe('exit=1');
      expect(failing.stderr).not.toMatch(/EPIPE|Error/);
      expect(JSON.parse(readFileSync(model, 'utf8')).pages).toHaveLength(50);
    } finally {
      rmSync(docs, { recursive: true, force: true });
    }
  });
});

/** The test's environment without DOTENV_* settings (a developer's DOTENV_KEY would load dotenv). */
function withoutDotenvSettings(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('DOTENV_')) delete env[name];
  return env;
}
