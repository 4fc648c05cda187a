import type { LlmEndpoint } from './parseLlmRequest.js';
import type { LlmToolCall } from './planLlmTurn.js';

/** What every chunk of one stream shares. */
export interface ChunkContext {
  readonly endpoint: LlmEndpoint;
  readonly model: string;
  readonly created: number;
  readonly includeUsage: boolean;
}

const objectName = (c: ChunkContext): string => (c.endpoint === 'chat' ? 'chat.completion.chunk' : 'text_completion.chunk');

/**
 * The first chunk of a continuous-batching stream (`serializeStreamingHandshakeChunk`, rest-api.md
 * §5.4): chat `delta: {"role":"assistant","content":null}`, completions `text: null`; never a `usage` key.
 * @param c stream context
 * @returns compact JSON
 */
// @__NO_SIDE_EFFECTS__
export function llmHandshakeChunk(c: ChunkContext): string {
  const choice =
    c.endpoint === 'chat'
      ? { index: 0, delta: { role: 'assistant', content: null }, finish_reason: null }
      : { index: 0, text: null, finish_reason: null };
  return JSON.stringify({ choices: [choice], created: c.created, model: c.model, object: objectName(c) });
}

/**
 * A content chunk (`serializeStreamingChunk`): `finish_reason` set on the last one only, `logprobs`
 * null, `"usage": null` when `stream_options.include_usage` is on (rest-api.md §5.4).
 * @param c stream context
 * @param text the token text
 * @param finishReason null, or the reason on the last chunk
 * @returns compact JSON
 */
// @__NO_SIDE_EFFECTS__
export function llmContentChunk(c: ChunkContext, text: string, finishReason: string | null): string {
  const choice =
    c.endpoint === 'chat'
      ? { finish_reason: finishReason, index: 0, logprobs: null, delta: { content: text } }
      : { finish_reason: finishReason, index: 0, logprobs: null, text };
  return withUsageNull(c, { choices: [choice], created: c.created, model: c.model, object: objectName(c) });
}

/**
 * The chunks of a streamed tool call, in the shape of OVMS's tool parsers: first the id, type and name,
 * then the arguments with `finish_reason: "tool_calls"`.
 * @param c stream context
 * @param call the tool call
 * @returns two compact JSON chunks
 */
// @__NO_SIDE_EFFECTS__
export function llmToolCallChunks(c: ChunkContext, call: LlmToolCall): readonly string[] {
  const head = { index: 0, id: call.id, type: 'function', function: { name: call.name } };
  const args = { index: 0, function: { arguments: call.arguments } };
  return [
    { finish_reason: null, index: 0, logprobs: null, delta: { tool_calls: [head] } },
    { finish_reason: 'tool_calls', index: 0, logprobs: null, delta: { tool_calls: [args] } },
  ].map((choice) =>
    withUsageNull(c, { choices: [choice], created: c.created, model: c.model, object: objectName(c) }),
  );
}

/**
 * The final usage chunk sent before `[DONE]` when `stream_options.include_usage` is on
 * (`serializeStreamingUsageChunk`): empty `choices`.
 * @param c stream context
 * @param promptTokens usage.prompt_tokens
 * @param completionTokens usage.completion_tokens
 * @returns compact JSON
 */
// @__NO_SIDE_EFFECTS__
export function llmUsageChunk(c: ChunkContext, promptTokens: number, completionTokens: number): string {
  return JSON.stringify({
    choices: [],
    created: c.created,
    model: c.model,
    object: objectName(c),
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  });
}

function withUsageNull(c: ChunkContext, body: Record<string, unknown>): string {
  return JSON.stringify(c.includeUsage ? { ...body, usage: null } : body);
}
