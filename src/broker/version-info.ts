/**
 * Version and branch of the code being published or verified: a flag, else what the CI says
 * (GitHub Actions: `GITHUB_SHA`, `GITHUB_HEAD_REF` on pull requests, else `GITHUB_REF_NAME`),
 * else git. A build URL comes from GitHub Actions' variables when present.
 */
import { execFileSync } from 'node:child_process';

function git(args: string[]): string | undefined {
  try {
    const out = execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

export function gitCommit(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GITHUB_SHA || git(['rev-parse', 'HEAD']);
}

export function gitBranch(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const ci = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME;
  if (ci) return ci;
  const branch = git(['rev-parse', '--abbrev-ref', 'HEAD']);
  return branch === 'HEAD' ? undefined : branch; // a detached checkout has no branch
}

export function ciBuildUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  return undefined;
}
