import * as v from 'valibot';
import { OvmsError } from '../errors/OvmsError.js';
import type { ClientConfig, ClientConfigInput } from './ClientConfig.js';
import { ClientConfigInputSchema } from './configSchema.js';
import { deepFreeze } from './deepFreeze.js';
import { mergeRetryPolicy } from '../core/mergeRetryPolicy.js';
import { DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_OPENAI_BASE_PATH, DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS } from './defaults.js';

/**
 * Validates a configuration, fills the defaults and returns it deeply frozen.
 *
 * @param input - Options; all optional (see {@link ClientConfigInput}).
 * @returns The resolved {@link ClientConfig}, frozen.
 * @throws {OvmsError} `InvalidInput` naming the field and what was expected.
 * @example
 * ```ts
 * const config = createConfig({ baseUrl: 'http://localhost:8000', model: 'dummy', timeout: 5_000 });
 * ```
 */
export function createConfig(input: ClientConfigInput = {}): ClientConfig {
  const result = v.safeParse(ClientConfigInputSchema, input);
  if (!result.success) {
    const issue = result.issues[0];
    const field = v.getDotPath(issue) ?? 'config';
    throw new OvmsError({ _tag: 'InvalidInput', field }, `Invalid config: ${field} ${describe(issue)}`);
  }
  const o = result.output;
  const config: ClientConfig = {
    baseUrl: (o.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    model: o.model,
    version: o.version === undefined || o.version === 'latest' ? undefined : String(o.version),
    precision: o.precision ?? 'FP32',
    apiKey: o.apiKey,
    timeout: o.timeout ?? DEFAULT_TIMEOUT_MS,
    retry: mergeRetryPolicy(DEFAULT_RETRY_POLICY, o.retry),
    middleware: [...(input.middleware ?? [])],
    transport: input.transport ?? 'ky',
    fetch: input.fetch,
    logger: input.logger,
    validate: o.validate ?? true,
    binary: o.binary ?? 'auto',
    headers: { ...o.headers },
    maxResponseBytes: o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    openaiBasePath: o.openaiBasePath ?? DEFAULT_OPENAI_BASE_PATH,
  };
  return deepFreeze(config);
}

function describe(issue: v.BaseIssue<unknown>): string {
  // Our schema messages start with the field name; strip it so the text reads "Invalid config: timeout must be …".
  const message = issue.message.replace(/^[\w.]+ (?=must|is )/, '');
  return /^(must|is) /.test(message) ? message : `is invalid: ${message}`;
}
