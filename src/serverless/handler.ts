/**
 * The serverless verification handler, platform-neutral: takes the body of the Pact Broker's
 * `contract_requiring_verification_published` webhook (the pact URL and the provider version and
 * branch to verify it for), verifies that pact against the configured target, publishes the
 * result to the broker, and returns a JSON summary. Nothing has to run beforehand: the mocked
 * Graph endpoint (or the target URL) and Pact's verifier start and stop within the call.
 *
 * The broker sends whatever body the webhook was created with; the webhook definition in docs/pipelines.md
 * sends the template parameters under their own names:
 *   { "eventName": "${pactbroker.eventName}", "pactUrl": "${pactbroker.pactUrl}",
 *     "providerVersionNumber": "${pactbroker.providerVersionNumber}",
 *     "providerVersionBranch": "${pactbroker.providerVersionBranch}", ... }
 *
 * Status codes: 401 without the shared webhook secret, 400 for a payload that cannot be verified
 * (with what is wrong), 502 when the broker cannot be reached, refuses, or serves something that
 * is not a pact, 500 when the target cannot run, 200 with the summary otherwise, also when
 * verification fails (that is a result, not an error).
 */
import { createLogger } from '../internal/log';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../docs/extract';
import { BrokerError, HalClient, onBroker } from '../broker/hal-client';
import { downloadPact, type PactInteractionRef } from '../broker/pacts-for-verification';
import { brokerSettings, BrokerConfigError, registerBrokerSecrets, type BrokerSettings } from '../broker/settings';
import { publishVerificationResult } from '../broker/verification-results';
import { BUNDLED_CONTRACTS } from '../internal/paths';
import { chooseTarget, startTarget } from '../compose/targets';
import { verifyAndReport } from '../compose/verification';
import type { Target } from '../provider/verify';
import { PactLoadError } from '../provider/load-pacts';
import { excerpt, redact, redactDeep, registerSecret } from '../internal/secrets';
import { createHash, timingSafeEqual } from 'node:crypto';

const WEBHOOK_EVENT = 'contract_requiring_verification_published';

/**
 * Who may start a verification: the broker's webhook sends this header with the shared secret
 * (`GRAPH_CONTRACTS_WEBHOOK_SECRET`). Without it anyone who can reach the function could run
 * verifications and publish results under any provider version.
 */
const WEBHOOK_SECRET_HEADER = 'x-graph-contracts-webhook-secret';
const WEBHOOK_SECRET_ENV = 'GRAPH_CONTRACTS_WEBHOOK_SECRET';

interface WebhookPayload {
  pactUrl: string;
  providerVersionNumber: string;
  providerVersionBranch?: string;
  providerName?: string;
  consumerName?: string;
  consumerVersionNumber?: string;
  consumerVersionBranch?: string;
  buildUrl?: string;
}

export interface HandlerConfig {
  settings: BrokerSettings;
  /** The secret the webhook must send in WEBHOOK_SECRET_HEADER; null: no check (the platform authenticates). */
  webhookSecret: string | null;
  /** A fresh target per call (started and stopped within it). */
  target: () => Promise<Target>;
  /** Publish the result to the broker (default true). */
  publish?: boolean;
  requestTimeoutMs?: number;
}

export interface HandlerResponse {
  status: number;
  body: Record<string, unknown>;
}

type PayloadCheck = { ok: true; payload: WebhookPayload } | { ok: false; error: string };

const OPTIONAL_STRINGS = ['providerVersionBranch', 'providerName', 'consumerName', 'consumerVersionNumber', 'consumerVersionBranch', 'buildUrl'] as const;

/** Checks a webhook body (text or parsed JSON) and says precisely what is wrong with it. */
function parseWebhookPayload(body: unknown): PayloadCheck {
  let json: unknown = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const text = body.toString();
    if (!text.trim()) return { ok: false, error: 'The request has no body; send the webhook payload as JSON with pactUrl and providerVersionNumber.' };
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, error: 'The body is not JSON; send the webhook payload as JSON with pactUrl and providerVersionNumber.' };
    }
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, error: 'The payload must be a JSON object with pactUrl and providerVersionNumber.' };
  const record = json as Record<string, unknown>;
  if (record.eventName !== undefined && record.eventName !== WEBHOOK_EVENT) return { ok: false, error: `This handler verifies ${WEBHOOK_EVENT} events, not "${excerpt(String(record.eventName), 100)}".` };
  const problems: string[] = [];
  const pactUrl = record.pactUrl;
  if (typeof pactUrl !== 'string' || !pactUrl) problems.push('pactUrl is missing (the ${pactbroker.pactUrl} webhook parameter)');
  else if (!/^https?:\/\/\S+$/.test(pactUrl) || !URL.canParse(pactUrl)) problems.push(`pactUrl must be an http(s) URL, not "${excerpt(pactUrl, 100)}"`);
  else if (pactUrl.includes('${pactbroker.')) problems.push('pactUrl is an unfilled template: the broker did not substitute ${pactbroker.pactUrl}');
  const version = record.providerVersionNumber;
  if (typeof version !== 'string' || !version.trim()) problems.push('providerVersionNumber is missing (the ${pactbroker.providerVersionNumber} webhook parameter)');
  for (const name of OPTIONAL_STRINGS) if (record[name] !== undefined && record[name] !== null && typeof record[name] !== 'string') problems.push(`${name} must be a string`);
  if (problems.length > 0) return { ok: false, error: `Bad webhook payload: ${problems.join('; ')}.` };
  const payload: WebhookPayload = { pactUrl: pactUrl as string, providerVersionNumber: (version as string).trim() };
  for (const name of OPTIONAL_STRINGS) if (typeof record[name] === 'string' && record[name]) payload[name] = record[name] as string;
  return { ok: true, payload };
}

/** Header lookup, case-insensitive (platforms differ in how they pass header names). */
export type HeaderLookup = (name: string) => string | null | undefined;

export async function handleVerificationWebhook(body: unknown, config: HandlerConfig, header: HeaderLookup = () => null): Promise<HandlerResponse> {
  registerBrokerSecrets(config.settings);
  if (config.webhookSecret !== null && !sameSecret(header(WEBHOOK_SECRET_HEADER) ?? '', config.webhookSecret)) {
    return { status: 401, body: { error: `Missing or wrong ${WEBHOOK_SECRET_HEADER} header: the broker webhook must send the shared secret set in ${WEBHOOK_SECRET_ENV} (see README).` } };
  }
  const check = parseWebhookPayload(body);
  if (!check.ok) return { status: 400, body: { error: check.error } };
  const { payload } = check;
  // Only the broker's own pacts: the broker's credentials are sent with this request (the client
  // refuses other origins too; this says it as a bad payload, before anything runs).
  try {
    onBroker(payload.pactUrl, config.settings);
  } catch {
    return { status: 400, body: { error: `pactUrl must be on the configured Pact Broker (${new URL(config.settings.baseUrl).origin}), not ${excerpt(new URL(payload.pactUrl).origin, 200)}.` } };
  }
  const client = new HalClient(config.settings);
  const dir = mkdtempSync(join(tmpdir(), 'graph-contracts-webhook-'));
  try {
    let pact: Awaited<ReturnType<typeof downloadPact>>;
    try {
      pact = await downloadPact(client, payload.pactUrl, join(dir, 'pact.json'));
    } catch (error) {
      return brokerFailure(error);
    }
    let target: Target;
    try {
      target = await config.target();
    } catch (error) {
      return { status: 500, body: { error: redact(`The verification target could not start: ${messageOf(error)}`) } };
    }
    let report;
    try {
      report = await verifyAndReport({ pacts: [pact.file], target, ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}) });
    } catch (error) {
      if (error instanceof PactLoadError) return { status: 502, body: { error: `The broker's ${payload.pactUrl} is not a pact that can be verified: ${error.message}`, code: error.code } };
      return { status: 500, body: { error: redact(`The verification could not run: ${messageOf(error)}`) } };
    } finally {
      await target.close();
    }
    const result = report.pacts[0]!;
    result.file = payload.pactUrl;
    let published: string | null = null;
    if (config.publish ?? true) {
      try {
        published = (
          await publishVerificationResult(
            client,
            pact.publishUrl,
            payload.pactUrl,
            result,
            { number: payload.providerVersionNumber, ...(payload.providerVersionBranch ? { branch: payload.providerVersionBranch } : {}), ...(payload.buildUrl ? { buildUrl: payload.buildUrl } : {}) },
            // The broker's ids of the interactions (`_id`), so that each test result names its interaction.
            pact.pact.interactions as PactInteractionRef[],
          )
        ).resultUrl;
      } catch (error) {
        return brokerFailure(error);
      }
    }
    const failed = result.interactions.filter((i) => !i.passed);
    return {
      status: 200,
      body: {
        success: failed.length === 0,
        pactUrl: payload.pactUrl,
        consumer: result.consumer,
        provider: result.provider,
        providerVersionNumber: payload.providerVersionNumber,
        ...(payload.providerVersionBranch ? { providerVersionBranch: payload.providerVersionBranch } : {}),
        target: report.target === target.baseUrl ? target.name : report.target,
        interactions: result.interactions.length,
        passed: result.interactions.length - failed.length,
        failed: failed.length,
        conformance: report.summary.conformance,
        // Findings quote the target's answers, which may echo a credential.
        failures: redactDeep(failed.map((i) => ({ description: i.description, method: i.method, path: i.path, findings: i.findings.filter((f) => f.severity === 'error') }))),
        verificationResultUrl: published,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Constant-time comparison of the two secrets' digests: equal-length inputs whatever was sent, so
 * the time taken tells neither the secret's content nor its length.
 */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function brokerFailure(error: unknown): HandlerResponse {
  if (error instanceof BrokerError) return { status: 502, body: { error: redact(error.message), code: error.code } };
  throw error;
}

/**
 * The configuration from the environment, for the platform adapters: the broker settings
 * (`PACT_BROKER_*`), the target (`GRAPH_CONTRACTS_TARGET`: `mock`, the default, `live` with the
 * live variables of `verify --target live` and `GRAPH_CONTRACTS_ALLOW_WRITES=true` to allow
 * writes, or a base URL with `GRAPH_CONTRACTS_STATES_URL`), the docs the mock is built from (`GRAPH_CONTRACTS_DOCS`, comma-
 * separated, default the bundled contracts), `GRAPH_CONTRACTS_PUBLISH_RESULTS=false` to skip
 * publishing, and the shared webhook secret `GRAPH_CONTRACTS_WEBHOOK_SECRET` (required).
 */
export function handlerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): HandlerConfig {
  const settings = brokerSettings(env);
  const webhookSecret = env[WEBHOOK_SECRET_ENV] || '';
  if (webhookSecret.length < 16) throw new BrokerConfigError(`Set ${WEBHOOK_SECRET_ENV} to a random secret of at least 16 characters, and have the broker webhook send it in the ${WEBHOOK_SECRET_HEADER} header (see README).`);
  registerSecret(webhookSecret);
  const chosen = chooseTarget(env.GRAPH_CONTRACTS_TARGET || 'mock', 'GRAPH_CONTRACTS_TARGET', { env, statesUrl: env.GRAPH_CONTRACTS_STATES_URL || undefined });
  if ('error' in chosen) throw new BrokerConfigError(chosen.error);
  const docs = (env.GRAPH_CONTRACTS_DOCS || BUNDLED_CONTRACTS).split(',').map((d) => d.trim()).filter(Boolean);
  let model: ReturnType<typeof extract>['model'] | null = null;
  return {
    settings,
    webhookSecret,
    publish: env.GRAPH_CONTRACTS_PUBLISH_RESULTS !== 'false',
    target: async () => {
      const started = await startTarget(chosen.choice, {
        model: () => (model ??= extract(docs).model), // once per warm function instance
        live: { allowWrites: env.GRAPH_CONTRACTS_ALLOW_WRITES === 'true', logger: createLogger('warn') },
      });
      return started.target;
    },
  };
}

/**
 * The adapters' configuration step: the configuration, or, for a configuration error, the 500
 * answer with the reason (a deployment problem, not the caller's).
 */
export function configureOrFail(configure: () => HandlerConfig): { config: HandlerConfig } | { failure: HandlerResponse } {
  try {
    return { config: configure() };
  } catch (error) {
    if (error instanceof BrokerConfigError) return { failure: { status: 500, body: { error: `The verification function is misconfigured: ${error.message}`, code: error.code } } };
    throw error;
  }
}
