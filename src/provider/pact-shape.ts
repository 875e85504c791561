/**
 * What a pact file must hold for the verifier and the conformance pass to read it: checked on
 * load, so that a malformed file is one error naming the file, the interaction and the field
 * (exit 2), rather than a stack trace or every interaction failing as "(no response recorded)".
 * Only what the harness relies on is checked; Pact's own fields beyond it are left to Pact.
 */
import { isRecord } from '../internal/records';

/** Problems of a parsed pact document, each as "<where>: <what>"; empty when it can be read. */
export function pactProblems(json: unknown): string[] {
  if (!isRecord(json)) return [`the file holds ${describe(json)}, not a pact (an object with consumer, provider and interactions)`];
  const problems: string[] = [];
  const provider = json['provider'];
  if (!isRecord(provider) || typeof provider['name'] !== 'string' || provider['name'] === '') problems.push('provider.name: missing; a pact names its provider');
  const consumer = json['consumer'];
  if (consumer !== undefined && (!isRecord(consumer) || (consumer['name'] !== undefined && typeof consumer['name'] !== 'string'))) problems.push('consumer.name: must be a string');
  const interactions = json['interactions'];
  if (!Array.isArray(interactions)) return [...problems, `interactions: ${interactions === undefined ? 'missing' : `${describe(interactions)}, not a list`}`];
  interactions.forEach((interaction, i) => problems.push(...interactionProblems(interaction).map((p) => `${interactionName(interaction, i)}: ${p}`)));
  return problems;
}

/** `interaction 3 ("get a user")`, 1-based as people count. */
function interactionName(interaction: unknown, index: number): string {
  const description = isRecord(interaction) && typeof interaction['description'] === 'string' ? ` ("${interaction['description'].slice(0, 80)}")` : '';
  return `interaction ${index + 1}${description}`;
}

function interactionProblems(interaction: unknown): string[] {
  if (!isRecord(interaction)) return [`${describe(interaction)}, not an interaction object`];
  const problems: string[] = [];
  if (typeof interaction['description'] !== 'string' || interaction['description'] === '') problems.push('description: missing; every interaction needs one');
  const request = interaction['request'];
  if (!isRecord(request)) problems.push(`request: ${request === undefined ? 'missing' : `${describe(request)}, not an object`}`);
  else {
    if (typeof request['method'] !== 'string' || !/^[A-Za-z]+$/.test(request['method'])) problems.push(`request.method: ${request['method'] === undefined ? 'missing' : `${describe(request['method'])} is not an HTTP method`}`);
    if (typeof request['path'] !== 'string') problems.push(`request.path: ${request['path'] === undefined ? 'missing' : `${describe(request['path'])}, not a string`}`);
    const query = request['query'];
    if (query !== undefined && typeof query !== 'string' && !(isRecord(query) && Object.values(query).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'))))) {
      problems.push('request.query: must map each name to a list of strings');
    }
    if (request['headers'] !== undefined && !isRecord(request['headers'])) problems.push('request.headers: must be an object');
  }
  const response = interaction['response'];
  if (!isRecord(response)) problems.push(`response: ${response === undefined ? 'missing' : `${describe(response)}, not an object`}`);
  else {
    const status = response['status'];
    if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) problems.push(`response.status: ${status === undefined ? 'missing' : `${describe(status)} is not an HTTP status (a whole number from 100 to 599)`}`);
    if (response['headers'] !== undefined && !isRecord(response['headers'])) problems.push('response.headers: must be an object');
    if (response['matchingRules'] !== undefined && !isRecord(response['matchingRules'])) problems.push('response.matchingRules: must be an object');
  }
  const states = interaction['providerStates'];
  if (states !== undefined && !(Array.isArray(states) && states.every((s) => isRecord(s) && typeof s['name'] === 'string'))) problems.push('providerStates: must be a list of {"name": ...} objects');
  const comments = interaction['comments'];
  if (comments !== undefined) {
    if (!isRecord(comments)) problems.push('comments: must be an object');
    else {
      if (comments['testname'] !== undefined && typeof comments['testname'] !== 'string') problems.push('comments.testname: must be a string');
      if (comments['text'] !== undefined && !(Array.isArray(comments['text']) && comments['text'].every((t) => typeof t === 'string'))) problems.push('comments.text: must be a list of strings');
    }
  }
  return problems;
}

/** A value as a message shows it: short, whatever its size. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
