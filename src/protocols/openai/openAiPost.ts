import type * as v from 'valibot';
import type { ClientConfig } from '../../config/ClientConfig.js';
import { execute } from '../../core/execute.js';
import { parseJsonBody } from '../../core/parseJsonBody.js';
import type { OpenAiCallOptions } from './OpenAiCallOptions.js';
import { openaiPostRequest } from './openaiPostRequest.js';
import type { OpenAiEndpoint } from './openaiPath.js';

/** What a unary OpenAI-style operation asks for. */
export interface OpenAiPostSpec<S extends v.GenericSchema> {
  readonly operation: string;
  readonly endpoint: OpenAiEndpoint;
  readonly model: string;
  /** The request body without `model`. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** The schema of the answer. */
  readonly schema: S;
}

/**
 * Runs a unary JSON `POST {base}/{endpoint}` through the config's pipeline and checks the answer.
 * These endpoints change no server state, so they are marked idempotent and retried per the
 * policy, as openai-node retries them (an LLM still loading answers a retryable 500, rest-api.md §5.5);
 * pass `retry: false` to send once.
 *
 * @throws {OvmsError} `InvalidInput`, `Status`, `Transport`, `Timeout`, `Aborted`, `Decode`.
 */
export async function openAiPost<S extends v.GenericSchema>(config: ClientConfig, spec: OpenAiPostSpec<S>, options: OpenAiCallOptions = {}): Promise<v.InferOutput<S>> {
  const encode = openaiPostRequest(options.basePath ?? config.openaiBasePath, spec.endpoint);
  const response = await execute(config, { operation: spec.operation, idempotent: true, model: spec.model, payload: spec.payload, encode }, options);
  return parseJsonBody(response.body, spec.schema, spec.operation);
}
