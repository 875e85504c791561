/**
 * The GitHub Actions workflow is valid YAML with the jobs docs/pipelines.md describes, and every command
 * its steps run exists: npm scripts of package.json, whose graph-contracts subcommands and options
 * exist in the CLI (can-i-deploy's options in the official client's own help).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import type { Command } from 'commander';
import { brokerCliHelp } from '../../src/broker/pact-cli';
import { buildProgram } from '../../src/cli/main';
import { REPO_ROOT } from '../helpers';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  steps: Step[];
  strategy?: { matrix: Record<string, unknown[]> };
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const WORKFLOW_FILE = join(REPO_ROOT, '.github', 'workflows', 'contracts.yml');
const workflow = load(readFileSync(WORKFLOW_FILE, 'utf8')) as Workflow;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const program = buildProgram({ out: () => undefined, err: () => undefined }, () => undefined);
const subcommands = new Map<string, Command>(program.commands.map((c) => [c.name(), c]));

/** A command line's words, with `${{ ... }}` expressions replaced by a placeholder value. */
const words = (line: string): string[] => line.replace(/\$\{\{[^}]*\}\}/g, 'EXPR').trim().split(/\s+/).filter(Boolean);
const runLines = (): { job: string; line: string }[] =>
  Object.entries(workflow.jobs).flatMap(([job, j]) => j.steps.filter((s) => s.run).flatMap((s) => s.run!.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).map((line) => ({ job, line }))));

/** Commands whose options go to the official client: their options are those its own help lists. */
const PASS_THROUGH = new Set(['can-i-deploy', 'record-deployment']);
/** The long options an official client's help lists, exactly (`--to-environment <ENVIRONMENT>` gives `--to-environment`). */
const officialOptions = (subcommand: string): Set<string> => new Set([...brokerCliHelp(subcommand).matchAll(/^\s*(?:-\w, )?(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!));

function knownOption(command: Command, flag: string): boolean {
  const name = flag.split('=')[0]!;
  if (PASS_THROUGH.has(command.name())) return officialOptions(command.name()).has(name);
  return command.options.some((o) => o.long === name || o.short === name || o.long === name.replace(/^--no-/, '--'));
}

describe('.github/workflows/contracts.yml', () => {
  it('parses, and triggers on push, pull requests, by hand and on a schedule', () => {
    expect(workflow.name).toBe('contracts');
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
  });

  it('has the consumer, provider (mock, sharded; broker; live) and can-i-deploy jobs, each runnable', () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(['can-i-deploy', 'consumer', 'provider-broker', 'provider-live', 'provider-mock', 'provider-report']);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect(`${name}: ${job['runs-on']}`).toBe(`${name}: ubuntu-latest`);
      expect(job.steps.length).toBeGreaterThan(0);
      for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
      for (const need of [job.needs ?? []].flat()) expect(Object.keys(workflow.jobs)).toContain(need);
    }
    expect(workflow.jobs['provider-mock']!.strategy!.matrix.shard).toEqual([1, 2]);
    // n comes from the matrix itself, not from a second copy of the shard count.
    const verify = workflow.jobs['provider-mock']!.steps.find((s) => s.run?.includes('--shard'))!;
    expect(verify.run).toContain('--shard ${{ matrix.shard }}/${{ strategy.job-total }}');
    expect(workflow.jobs['provider-live']!.if).toMatch(/schedule/);
    expect(workflow.jobs['provider-live']!.if).toMatch(/workflow_dispatch/);
  });

  it('uses only official actions pinned to a major version', () => {
    for (const job of Object.values(workflow.jobs)) for (const step of job.steps.filter((s) => s.uses)) expect(step.uses).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });

  it('every run step calls npm install, npm test or an npm script that exists in package.json', () => {
    const lines = runLines();
    expect(lines.length).toBeGreaterThan(10);
    for (const { job, line } of lines) {
      const [npm, verb, script] = words(line);
      expect(`${job}: ${npm}`).toBe(`${job}: npm`);
      if (verb === 'install' || verb === 'test') continue;
      expect(`${job}: ${verb}`).toBe(`${job}: run`);
      expect(Object.keys(pkg.scripts)).toContain(script);
    }
  });

  it('the scripts the workflow runs call graph-contracts subcommands and options that exist', () => {
    for (const { line } of runLines()) {
      const parts = words(line);
      if (parts[1] !== 'run') continue;
      // The bin is not on PATH inside this repository (npm links a package's bin only into its dependents).
      const script = words(pkg.scripts[parts[2]!]!);
      expect(script.slice(0, 2)).toEqual(['node', 'bin/graph-contracts.js']);
      const command = subcommands.get(script[2]!);
      expect(command).toBeDefined();
      const extra = parts.indexOf('--') >= 0 ? parts.slice(parts.indexOf('--') + 1) : [];
      for (const flag of [...script.slice(3), ...extra].filter((w) => w.startsWith('--'))) expect(`${script[2]} ${flag}: ${knownOption(command!, flag)}`).toBe(`${script[2]} ${flag}: true`);
    }
  });

  it('every npm script the workflow runs starts from this repository: `npm run <script> -- --help` exits 0', () => {
    const scripts = [...new Set(runLines().map(({ line }) => words(line)).filter((parts) => parts[1] === 'run').map((parts) => parts[2]!))];
    expect(scripts.length).toBeGreaterThanOrEqual(6);
    for (const script of scripts) {
      // Built CLI (npm test builds first); --help contacts no broker.
      const run = spawnSync('npm', ['run', '--silent', script, '--', '--help'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, PACT_BROKER_BASE_URL: '' } });
      expect(`${script}: exit ${run.status} ${run.status === 0 ? '' : run.stderr}`).toBe(`${script}: exit 0 `);
      expect(`${script}: ${/usage/i.test(run.stdout)}`).toBe(`${script}: true`);
    }
  }, 120_000);

  it('publishes pacts and gates deployment only on main, and broker steps only with a broker configured', () => {
    const publish = workflow.jobs.consumer!.steps.find((s) => s.run === 'npm run pacts:publish')!;
    expect(publish.if).toContain("github.ref == 'refs/heads/main'");
    expect(publish.if).toContain("env.PACT_BROKER_BASE_URL != ''");
    expect(workflow.jobs['can-i-deploy']!.if).toContain("github.ref == 'refs/heads/main'");
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps.filter((s) => /pacts:(publish|verify:broker|can-i-deploy|record-deployment)/.test(s.run ?? ''))) expect(step.if).toContain("env.PACT_BROKER_BASE_URL != ''");
    }
  });

  it('the official clients\' options are matched exactly, not as substrings of their help', () => {
    const canIDeploy = subcommands.get('can-i-deploy')!;
    expect(knownOption(canIDeploy, '--to-environment')).toBe(true);
    expect(knownOption(canIDeploy, '--retry-while-unknown')).toBe(true);
    // Substrings of real options or of help text are not options.
    expect(knownOption(canIDeploy, '--to-env')).toBe(false);
    expect(knownOption(canIDeploy, '--retry-while')).toBe(false);
    expect(knownOption(subcommands.get('record-deployment')!, '--environment')).toBe(true);
    expect(knownOption(subcommands.get('record-deployment')!, '--env')).toBe(false);
  });

  it('records the deployment on main after can-i-deploy, only when the job deploys', () => {
    const steps = workflow.jobs['can-i-deploy']!.steps;
    const gate = steps.findIndex((s) => s.run?.startsWith('npm run pacts:can-i-deploy'));
    const record = steps.findIndex((s) => s.run?.startsWith('npm run pacts:record-deployment'));
    expect(gate).toBeGreaterThan(0);
    expect(record).toBeGreaterThan(gate);
    expect(steps[record]!.if).toContain("vars.GRAPH_CONTRACTS_RECORD_DEPLOYMENT == 'true'");
  });

  const stepsUsing = (action: string): { job: string; step: Step }[] =>
    Object.entries(workflow.jobs).flatMap(([job, j]) => j.steps.filter((s) => s.uses?.startsWith(`actions/${action}@`)).map((step) => ({ job, step })));
  const needsOf = (job: string): string[] => [workflow.jobs[job]!.needs ?? []].flat();
  /** A matrix job's `${{ matrix.x }}` in an artifact name stands for any value. */
  const namePattern = (name: string): RegExp => new RegExp(`^${name.split(/\$\{\{[^}]*\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);

  it('every downloaded artifact is uploaded under that name by a job the downloading job needs', () => {
    const uploads = stepsUsing('upload-artifact').map(({ job, step }) => ({ job, name: String(step.with!.name) }));
    const downloads = stepsUsing('download-artifact');
    expect(downloads.length).toBeGreaterThanOrEqual(2);
    for (const { job, step } of downloads) {
      // A download with a run-id comes from an earlier run of this workflow: this job must keep it.
      if (step.with!['run-id'] !== undefined) {
        const kept = uploads.filter((u) => u.job === job && u.name === String(step.with!.name));
        expect(`${job} keeps ${String(step.with!.name)} for later runs: ${kept.length}`).toBe(`${job} keeps ${String(step.with!.name)} for later runs: 1`);
        continue;
      }
      const wanted = step.with!.name !== undefined ? String(step.with!.name) : String(step.with!.pattern);
      // `name` is exact; `pattern` is a glob (only `*` is used here).
      const matches = (uploaded: string): boolean => (step.with!.name !== undefined ? uploaded === wanted || namePattern(uploaded).test(wanted) : new RegExp(`^${wanted.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(uploaded.replace(/\$\{\{[^}]*\}\}/g, '1')));
      const from = uploads.filter((u) => matches(u.name));
      expect(`${job} downloads ${wanted}: ${from.length > 0}`).toBe(`${job} downloads ${wanted}: true`);
      for (const u of from) expect(`${job} needs ${u.job}: ${needsOf(job).includes(u.job)}`).toBe(`${job} needs ${u.job}: true`);
    }
  });

  it('provider-mock verifies the consumer job\'s pacts: it needs consumer and downloads the pacts artifact into pacts/', () => {
    expect(needsOf('provider-mock')).toContain('consumer');
    const download = workflow.jobs['provider-mock']!.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with).toEqual({ name: 'pacts', path: 'pacts' });
    const verifyAt = workflow.jobs['provider-mock']!.steps.findIndex((s) => s.run?.includes('pacts:verify'));
    expect(workflow.jobs['provider-mock']!.steps.indexOf(download!)).toBeLessThan(verifyAt);
  });

  it('can-i-deploy needs every job that publishes pacts or verification results', () => {
    const publishers = Object.entries(workflow.jobs).filter(([, j]) => j.steps.some((s) => /pacts:publish|--publish/.test(s.run ?? ''))).map(([name]) => name);
    expect(publishers.sort()).toEqual(['consumer', 'provider-broker']);
    for (const job of publishers) expect(needsOf('can-i-deploy')).toContain(job);
  });

  it('provider-broker uploads its reports, and its job summary runs only when verify wrote a report', () => {
    const steps = workflow.jobs['provider-broker']!.steps;
    expect(steps.some((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.path === 'reports/broker' && String(s.if).includes('always()'))).toBe(true);
    for (const step of Object.values(workflow.jobs).flatMap((j) => j.steps).filter((s) => s.run?.includes('report:merge'))) {
      const input = words(step.run!).find((w) => w.endsWith('verification.json'))!;
      if (input.includes('*')) continue; // shards: the merge itself refuses missing ones
      expect(step.if).toContain(`hashFiles('${input}') != ''`);
    }
  });

  it('reads broker and Graph credentials from secrets only', () => {
    const text = readFileSync(WORKFLOW_FILE, 'utf8');
    for (const name of ['PACT_BROKER_TOKEN', 'AZURE_CLIENT_SECRET']) expect(text).toMatch(new RegExp(`${name}: \\$\\{\\{ secrets\\.${name} \\}\\}`));
  });

  it('tests on every supported Node.js version (20, 22, 24), and builds pacts, publishes and verifies on one', () => {
    const consumer = workflow.jobs.consumer!;
    expect(consumer.strategy!.matrix.node).toEqual([20, 22, 24]);
    expect(consumer.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!.with!['node-version']).toBe('${{ matrix.node }}');
    expect(consumer.steps.find((s) => s.run === 'npm test')!.if).toBeUndefined();
    for (const step of consumer.steps.filter((s) => /pacts:(generate|publish)/.test(s.run ?? '') || s.uses?.startsWith('actions/upload-artifact@'))) expect(step.if).toContain('matrix.node == 24');
    const pkgEngines = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    for (const major of [20, 22, 24]) expect(pkgEngines).toMatch(new RegExp(`(^|\\D)${major}(\\D|$)`));
  });

  it('provider-live compares its report with the previous run\'s, kept as an artifact, and fails the step on new failures only', () => {
    const steps = workflow.jobs['provider-live']!.steps;
    const find = steps.findIndex((s) => s.uses?.startsWith('actions/github-script@'));
    const download = steps.findIndex((s) => s.uses?.startsWith('actions/download-artifact@'));
    const verify = steps.findIndex((s) => s.run?.startsWith('npm run pacts:verify:live'));
    const compare = steps.findIndex((s) => s.run?.startsWith('npm run report:compare'));
    const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect([find, download, verify, compare, upload].every((i) => i >= 0)).toBe(true);
    expect(find < download && download < verify && verify < compare && compare < upload).toBe(true);
    // The artifact this run uploads is the one the next run downloads as its baseline.
    expect(steps[download]!.with!.name).toBe(steps[upload]!.with!.name);
    expect(steps[download]!.with!['run-id']).toBe('${{ steps.previous.outputs.run-id }}');
    expect(steps[download]!.if).toContain("steps.previous.outputs.run-id != ''");
    expect(steps[find]).toMatchObject({ id: 'previous' });
    expect(String(steps[find]!.with!.script)).toContain(`name: '${String(steps[upload]!.with!.name)}'`);
    expect(Number(steps[upload]!.with!['retention-days'])).toBeGreaterThanOrEqual(30);
    expect(steps[upload]!.if).toContain('always()');
    // baseline/verification.json is where the download puts the previous run's reports/live/verification.json.
    expect(steps[download]!.with!.path).toBe('baseline');
    expect(steps[upload]!.with!.path).toBe('reports/live');
    const args = words(steps[compare]!.run!);
    expect(args.slice(3, 7)).toEqual(['--', 'baseline/verification.json', 'reports/live/verification.json', '--out']);
    expect(args).toEqual(expect.arrayContaining(['--fail-on', 'new', '--job-summary']));
    expect(steps[compare]!.if).toContain('always()');
    expect(steps[compare]!.if).toContain("hashFiles('baseline/verification.json') != ''");
    expect(steps[compare]!.if).toContain("hashFiles('reports/live/verification.json') != ''");
    expect((workflow.jobs['provider-live'] as unknown as { permissions: Record<string, string> }).permissions.actions).toBe('read');
  });
});
