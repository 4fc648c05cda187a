import type { OpenAiBasePath } from '../../config/ClientConfig.js';
import { invalidInput } from '../../errors/OvmsError.js';

/** The OpenAI-style endpoints the client calls (rest-api.md §5.1). */
export type OpenAiEndpoint = 'chat/completions' | 'completions' | 'embeddings' | 'rerank' | 'tokenize' | 'models';

const BASE_PATHS: readonly string[] = ['/v3', '/v1'];

/**
 * The path of an OpenAI-style endpoint under a base path, e.g. `openaiPath('/v3', 'chat/completions')`
 * → `/v3/chat/completions`. Only `/v3` and `/v1` are accepted: OVMS routes nothing else to its
 * OpenAI handler (rest-api.md §1.1), and `/v3/v1` is deprecated.
 *
 * @param basePath - `/v3` (OVMS 2024.2+) or `/v1` (2026.3+).
 * @param endpoint - The endpoint after the prefix.
 * @returns The path, to append to the config's base URL.
 * @throws {OvmsError} `InvalidInput` (field `basePath`) for any other base path.
 */
export function openaiPath(basePath: OpenAiBasePath, endpoint: OpenAiEndpoint): string {
  if (!BASE_PATHS.includes(basePath)) throw invalidInput('basePath', `expected "/v3" or "/v1", got ${JSON.stringify(basePath)}`);
  return `${basePath}/${endpoint}`;
}
