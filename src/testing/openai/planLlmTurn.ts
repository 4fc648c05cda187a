import { fillFromSchema } from './fillFromSchema.js';
import { stripLlmMarkers } from './llmMarkers.js';
import type { LlmRequest } from './parseLlmRequest.js';
import { fnv1a } from './testTokenizer.js';

/** The fixed start of every text reply of the test LLM. */
export const LLM_REPLY_PREFIX = 'This is a deterministic reply from the OVMS test server. You said:';

/** A function call the test LLM decided to make. */
export interface LlmToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON text, as OpenAI sends it. */
  readonly arguments: string;
}

/** What the test LLM answers to a request, before token limits apply. */
export type LlmTurn =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tool_call'; readonly call: LlmToolCall; readonly text: string };

/**
 * Decides the deterministic answer of the test LLM.
 *
 * - Text: {@link LLM_REPLY_PREFIX} followed by the last user message (chat) or the prompt (completions),
 *   markers removed.
 * - `response_format` `json_schema`: a compact JSON text filled from the schema (strings get the user
 *   text); `json_object`: `{"reply":"<text reply>"}`.
 * - Tools (chat): `tool_choice` `required` calls the first tool, a named function calls that one, `auto`
 *   calls the first tool whose name appears in the user text. String arguments get the last capitalized
 *   word of the user text (e.g. `Paris`), else the whole text. `text` is then the model's raw
 *   Hermes-style `<tool_call>` output, used to count completion tokens.
 *
 * @param request the validated request
 * @returns the turn
 */
// @__NO_SIDE_EFFECTS__
export function planLlmTurn(request: LlmRequest): LlmTurn {
  const userText = stripLlmMarkers(lastUserText(request)).trim();
  const tool = pickTool(request, userText);
  if (tool !== undefined) {
    const args = JSON.stringify(fillFromSchema(tool.parameters ?? { type: 'object' }, argumentHint(userText)));
    const id = fnv1a(`${tool.name}:${args}`).toString(36).padStart(9, '0').slice(-9);
    const raw = `<tool_call>\n{"name": ${JSON.stringify(tool.name)}, "arguments": ${args}}\n</tool_call>`;
    return { kind: 'tool_call', call: { id, name: tool.name, arguments: args }, text: raw };
  }
  const reply = userText.length > 0 ? `${LLM_REPLY_PREFIX} ${userText}` : LLM_REPLY_PREFIX;
  const format = request.responseFormat;
  if (format !== undefined) {
    if (format['type'] === 'json_schema') {
      const spec = format['json_schema'];
      const schema =
        spec !== null && typeof spec === 'object' ? (spec as Readonly<Record<string, unknown>>)['schema'] : undefined;
      return { kind: 'text', text: JSON.stringify(fillFromSchema(schema ?? { type: 'object' }, userText)) };
    }
    if (format['type'] === 'json_object') {
      return { kind: 'text', text: JSON.stringify({ reply }) };
    }
  }
  return { kind: 'text', text: reply };
}

function lastUserText(request: LlmRequest): string {
  if (request.endpoint === 'completions') return request.prompt;
  const users = request.messages.filter((m) => m.role === 'user');
  return (users.at(-1) ?? request.messages.at(-1))?.content ?? '';
}

function pickTool(request: LlmRequest, userText: string): LlmRequest['tools'][number] | undefined {
  if (request.tools.length === 0) return undefined;
  if (request.toolChoice === 'auto') {
    const lower = userText.toLowerCase();
    return request.tools.find((t) => lower.includes(t.name.toLowerCase()));
  }
  // `required` or a named function (parseLlmRequest already kept only that one).
  return request.tools[0];
}

function argumentHint(userText: string): string {
  const words = userText.match(/[\p{L}\p{N}]+/gu) ?? [];
  const capitalized = words.slice(1).filter((w) => /^\p{Lu}/u.test(w));
  return capitalized.at(-1) ?? userText;
}
