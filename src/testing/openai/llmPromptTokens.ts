import type { LlmRequest } from './parseLlmRequest.js';
import { splitTextTokens } from './testTokenizer.js';

/**
 * Per-message overhead of the test LLM's ChatML-like template: `<|im_start|>`, role, newline, and
 * `<|im_end|>` around each message.
 */
const MESSAGE_OVERHEAD = 4;
/** The `<|im_start|>assistant\n` generation prompt. */
const GENERATION_PROMPT = 2;

/**
 * The `prompt_tokens` the test LLM reports: the chat template applied to all messages (chat) or the
 * prompt tokens (completions), with the shared test tokenizer.
 *
 * @param request the validated request
 * @returns the number of prompt tokens
 */
// @__NO_SIDE_EFFECTS__
export function llmPromptTokens(request: LlmRequest): number {
  if (request.endpoint === 'completions') {
    return splitTextTokens(request.prompt).length;
  }
  return (
    request.messages.reduce((sum, m) => sum + MESSAGE_OVERHEAD + splitTextTokens(m.content).length, 0) +
    GENERATION_PROMPT
  );
}
