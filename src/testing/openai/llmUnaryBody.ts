import type { Generation } from './generateTokens.js';
import type { LlmRequest } from './parseLlmRequest.js';
import type { LlmToolCall } from './planLlmTurn.js';

/** One generated choice of a unary answer. */
export interface LlmChoice {
  readonly generation: Generation;
  /** Set when the model output parsed as a tool call. */
  readonly toolCall: LlmToolCall | undefined;
}

/**
 * The unary chat/completions body exactly as OVMS's `serializeUnaryResponse` writes it (rest-api.md
 * §5.3, fixtures F70, F71, F73): keys in writer order, no `id`, no `system_fingerprint`,
 * `"logprobs": null` unless requested, `tool_calls` always present in a chat message, usage
 * `prompt_tokens`, `completion_tokens`, `total_tokens`.
 *
 * @param request the validated request
 * @param choices one entry per `n`
 * @param promptTokens usage.prompt_tokens
 * @param created unix seconds
 * @returns the compact JSON text
 */
// @__NO_SIDE_EFFECTS__
export function llmUnaryBody(
  request: LlmRequest,
  choices: readonly LlmChoice[],
  promptTokens: number,
  created: number,
): string {
  const chat = request.endpoint === 'chat';
  let completionTokens = 0;
  const out = choices.map((choice, index) => {
    const { generation, toolCall } = choice;
    completionTokens += generation.completionTokens;
    const text = generation.pieces.join('');
    const finishReason = toolCall !== undefined ? 'tool_calls' : generation.finishReason;
    const logprobs = request.logprobs ? logprobsObject(chat, generation.pieces) : null;
    if (chat) {
      const message = {
        content: toolCall !== undefined ? '' : text,
        role: 'assistant',
        tool_calls:
          toolCall !== undefined
            ? [{ id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: toolCall.arguments } }]
            : [],
      };
      return { finish_reason: finishReason, index, logprobs, message };
    }
    return { finish_reason: finishReason, index, logprobs, text: request.echo ? request.prompt + text : text };
  });
  return JSON.stringify({
    choices: out,
    created,
    model: request.model,
    object: chat ? 'chat.completion' : 'text_completion',
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  });
}

/**
 * Log probabilities of a deterministic model: every token has probability 1, so logprob 0. Chat uses
 * OpenAI's `content` list; completions the legacy object of rest-api.md §5.3.
 */
function logprobsObject(chat: boolean, pieces: readonly string[]): unknown {
  if (chat) {
    return {
      content: pieces.map((token) => ({ token, logprob: 0, bytes: [...Buffer.from(token, 'utf8')], top_logprobs: [] })),
    };
  }
  let offset = 0;
  const textOffset = pieces.map((p) => {
    const at = offset;
    offset += Buffer.byteLength(p, 'utf8');
    return at;
  });
  return {
    tokens: pieces,
    token_logprobs: pieces.map(() => 0),
    top_logprobs: pieces.map((p) => ({ [p]: 0 })),
    text_offset: textOffset,
  };
}
