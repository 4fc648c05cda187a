import { parsedError, parsedOk, type Parsed } from './openAiFailure.js';

/** Which text-generation endpoint a request came through. */
export type LlmEndpoint = 'chat' | 'completions';

/** One chat message reduced to what the deterministic LLM reads. */
export interface LlmMessage {
  readonly role: string;
  readonly content: string;
  /** Whether the message carried an `image_url` part (the test LLM is text-only). */
  readonly hasImage: boolean;
}

/** A function tool the request offers. */
export interface LlmTool {
  readonly name: string;
  readonly parameters: unknown;
}

/** A chat/completions request after OVMS's validation (`src/llm/apis/openai_completions.cpp`). */
export interface LlmRequest {
  readonly endpoint: LlmEndpoint;
  readonly model: string;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  /** `max_completion_tokens` (chat) over `max_tokens`; `undefined` = until the reply ends. */
  readonly maxTokens: number | undefined;
  readonly stop: readonly string[];
  readonly includeStopStrInOutput: boolean;
  readonly n: number;
  readonly echo: boolean;
  readonly logprobs: boolean;
  readonly messages: readonly LlmMessage[];
  readonly prompt: string;
  readonly tools: readonly LlmTool[];
  /** `none`, `auto`, `required` or the name of the one function the request forces. */
  readonly toolChoice: string;
  readonly responseFormat: Readonly<Record<string, unknown>> | undefined;
}

/** OVMS's `DEFAULT_MAX_STOP_WORDS`. */
const MAX_STOP_WORDS = 16;
const UINT32_MAX = 4294967295;

type Json = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isUint = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= UINT32_MAX;
const isUint64 = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const isInt32 = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= -2147483648 && (v as number) <= 2147483647;
/** `has(json, key)` is rapidjson's `it != MemberEnd() && !IsNull()`, the test OVMS applies to optional fields. */
const has = (json: Json, key: string): boolean => key in json && json[key] !== null;

/**
 * Validates a chat/completions body with OVMS's rules and messages: `parseCommonPart`, then
 * `parseChatCompletionsPart` or `parseCompletionsPart` (rest-api.md §5.2, §5.5). The reasons are the
 * calculator's texts; the caller wraps them into the 400 `Mediapipe execution failed` envelope.
 *
 * @param json the request body (already known to be an object with a string `model`)
 * @param endpoint chat or completions
 * @returns the validated request or the reason it was rejected
 */
export function parseLlmRequest(json: Json, endpoint: LlmEndpoint): Parsed<LlmRequest> {
  const common = parseCommon(json);
  if (!common.ok) {
    return common;
  }
  const base = common.value;
  if (endpoint === 'completions') {
    return parseCompletionsPart(json, base);
  }
  return parseChatPart(json, base);
}

interface CommonPart {
  readonly model: string;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly maxTokens: number | undefined;
  readonly stop: readonly string[];
  readonly includeStopStrInOutput: boolean;
  readonly n: number;
}

function parseCommon(json: Json): Parsed<CommonPart> {
  let stream = false;
  if (has(json, 'stream')) {
    if (typeof json['stream'] !== 'boolean') return parsedError('Stream is not bool');
    stream = json['stream'];
  }
  let includeUsage = false;
  if (has(json, 'stream_options')) {
    if (!stream) return parsedError('stream_options provided, but stream not set to true');
    const options = json['stream_options'];
    if (!isObject(options)) return parsedError('stream_options is not an object');
    let found = 0;
    if ('include_usage' in options) {
      if (typeof options['include_usage'] !== 'boolean') {
        return parsedError('stream_options.include_usage is not a boolean');
      }
      includeUsage = options['include_usage'];
      found += 1;
    }
    if (Object.keys(options).length > found) {
      return parsedError('Found unexpected stream options. Properties accepted in stream_options: include_usage');
    }
  }
  const model = json['model'];
  if (model === undefined) return parsedError('model missing in request');
  if (typeof model !== 'string') return parsedError('model is not a string');
  if (has(json, 'ignore_eos') && typeof json['ignore_eos'] !== 'boolean') {
    return parsedError('ignore_eos accepts values true or false');
  }
  let maxTokens: number | undefined;
  if ('max_tokens' in json) {
    // OVMS checks max_tokens even when it is null (no IsNull guard in parseCommonPart).
    const value = json['max_tokens'];
    if (!isUint(value)) {
      return parsedError(
        isUint64(value) ? "max_tokens value can't be greater than 4294967295" : 'max_tokens is not an unsigned integer',
      );
    }
    maxTokens = value;
  }
  for (const [key, low, high] of [
    ['frequency_penalty', -2, 2],
    ['presence_penalty', -2, 2],
    ['repetition_penalty', undefined, undefined],
    ['length_penalty', undefined, undefined],
    ['temperature', 0, 2],
    ['top_p', 0, 1],
  ] as const) {
    if (!has(json, key)) continue;
    const value = json[key];
    if (typeof value !== 'number') return parsedError(`${key} is not a valid number`);
    if (low !== undefined && high !== undefined && (value < low || value > high)) {
      return parsedError(`${key} out of range(${low.toFixed(1)}, ${high.toFixed(1)})`);
    }
  }
  if (has(json, 'top_k') && !isInt32(json['top_k'])) return parsedError('top_k is not an integer');
  // seed is validated and then ignored: the test LLM is deterministic anyway.
  if (has(json, 'seed') && !isUint(json['seed'])) return parsedError('seed is not an unsigned integer');
  const stop = parseStop(json);
  if (!stop.ok) return stop;
  // Streaming includes the stop string by default; only an explicit false is an error (F80).
  let includeStopStrInOutput = stream;
  if (has(json, 'include_stop_str_in_output')) {
    const value = json['include_stop_str_in_output'];
    if (typeof value !== 'boolean') return parsedError('include_stop_str_in_output accepts values true or false');
    if (!value && stream) {
      return parsedError('include_stop_str_in_output cannot be set to false if streaming is used');
    }
    includeStopStrInOutput = value;
  }
  let bestOf = 1;
  if (has(json, 'best_of')) {
    const value = json['best_of'];
    if (!isUint(value)) return parsedError('best_of is not an unsigned integer');
    if (value === 0) return parsedError('best_of value should be greater than 0');
    if (stream) return parsedError('best_of cannot be used in streaming mode');
    bestOf = value;
  }
  let n = 1;
  if (has(json, 'n')) {
    const value = json['n'];
    if (!isUint(value)) return parsedError('n is not an unsigned integer');
    if (value === 0) return parsedError('n value should be greater than 0');
    if (bestOf < value) return parsedError('n value cannot be greater than best_of');
    n = value;
  }
  return parsedOk({ model, stream, includeUsage, maxTokens, stop: stop.value, includeStopStrInOutput, n });
}

function parseStop(json: Json): Parsed<readonly string[]> {
  if (!has(json, 'stop')) return parsedOk([]);
  const value = json['stop'];
  if (typeof value === 'string') return parsedOk([value]);
  if (!Array.isArray(value)) return parsedError('stop is not a string or array of strings');
  if (value.length > MAX_STOP_WORDS) {
    return parsedError(`stop array must have no more than ${MAX_STOP_WORDS} strings`);
  }
  const words: string[] = [];
  for (const element of value as readonly unknown[]) {
    if (typeof element !== 'string') return parsedError('stop array contains non string element');
    words.push(element);
  }
  return parsedOk(words);
}

function parseCompletionsPart(json: Json, base: CommonPart): Parsed<LlmRequest> {
  let prompt = '';
  if ('prompt' in json) {
    if (typeof json['prompt'] !== 'string') return parsedError('prompt is not a string');
    prompt = json['prompt'];
  }
  if (prompt.length === 0) return parsedError('prompt is missing');
  let logprobs = false;
  if ('logprobs' in json && json['logprobs'] !== null) {
    const value = json['logprobs'];
    if (!isInt32(value)) return parsedError('logprobs accepts integer values');
    if (value !== 1) return parsedError('accepted logprobs value is currently 1 only');
    logprobs = true;
  }
  if (logprobs && base.stream) return parsedError('logprobs are not supported in streaming mode.');
  let echo = false;
  if (has(json, 'echo')) {
    if (typeof json['echo'] !== 'boolean') return parsedError('echo accepts values true or false');
    echo = json['echo'];
  }
  if (base.maxTokens === 0 && !echo) {
    return parsedError('max_tokens value should be greater than 0 unless echo is set');
  }
  return parsedOk({
    ...base,
    endpoint: 'completions',
    echo,
    logprobs,
    messages: [],
    prompt,
    tools: [],
    toolChoice: 'none',
    responseFormat: undefined,
  });
}

function parseChatPart(json: Json, base: CommonPart): Parsed<LlmRequest> {
  const messages = parseMessages(json);
  if (!messages.ok) return messages;
  const tools = parseTools(json);
  if (!tools.ok) return tools;
  let logprobs = false;
  if (has(json, 'logprobs')) {
    if (typeof json['logprobs'] !== 'boolean') return parsedError('logprobs accepts values true or false');
    logprobs = json['logprobs'];
  }
  if (logprobs && base.stream) return parsedError('logprobs are not supported in streaming mode.');
  let maxTokens = base.maxTokens;
  if (has(json, 'max_completion_tokens')) {
    const value = json['max_completion_tokens'];
    if (!isUint(value)) {
      return parsedError(
        isUint64(value)
          ? "max_completion_tokens value can't be greater than 4294967295"
          : 'max_completion_tokens is not an unsigned integer',
      );
    }
    maxTokens = value;
  }
  if (maxTokens === 0) return parsedError('max_tokens value should be greater than 0');
  let responseFormat: Json | undefined;
  if (has(json, 'response_format')) {
    const value = json['response_format'];
    if (!isObject(value)) return parsedError('response_format is not an object');
    responseFormat = value;
  }
  return parsedOk({
    ...base,
    maxTokens,
    endpoint: 'chat',
    echo: false,
    logprobs,
    messages: messages.value,
    prompt: '',
    tools: tools.value.tools,
    toolChoice: tools.value.toolChoice,
    responseFormat,
  });
}

function parseMessages(json: Json): Parsed<readonly LlmMessage[]> {
  if (!('messages' in json)) return parsedError('Messages missing in request');
  const list = json['messages'];
  if (!Array.isArray(list)) return parsedError('Messages are not an array');
  if (list.length === 0) return parsedError('Messages array cannot be empty');
  const messages: LlmMessage[] = [];
  for (const item of list as readonly unknown[]) {
    if (!isObject(item)) return parsedError('Message is not a JSON object');
    let role: string | undefined;
    let content = '';
    let hasImage = false;
    if (typeof item['role'] === 'string') role = item['role'];
    const rawContent = item['content'];
    if (typeof rawContent === 'string') {
      content = rawContent;
    } else if (Array.isArray(rawContent)) {
      const parts = parseContentParts(rawContent as readonly unknown[]);
      if (!parts.ok) return parts;
      content = parts.value.text;
      hasImage = parts.value.hasImage;
    }
    if (role === undefined) return parsedError("Every message must have 'role' field");
    const toolCalls = item['tool_calls'];
    if (Array.isArray(toolCalls)) {
      for (const call of toolCalls as readonly unknown[]) {
        if (!isObject(call)) return parsedError('Each tool_call must be an object');
        if (!isObject(call['function'])) return parsedError("Each tool_call must have a 'function' object");
      }
    }
    messages.push({ role, content, hasImage });
  }
  return parsedOk(messages);
}

function parseContentParts(parts: readonly unknown[]): Parsed<{ text: string; hasImage: boolean }> {
  if (parts.length === 0) return parsedError('Invalid message structure - content array is empty');
  // OVMS keeps the last text part (`contentText = entry["text"]`), it does not concatenate.
  let text = '';
  let hasImage = false;
  for (const part of parts) {
    if (!isObject(part)) return parsedError('Invalid message structure - content array should contain objects');
    const type = part['type'];
    if (typeof type !== 'string') return parsedError('Invalid message structure - content object type missing');
    if (type === 'text') {
      if (typeof part['text'] !== 'string') return parsedError('Invalid message structure - content text missing');
      text = part['text'];
    } else if (type === 'image_url') {
      const image = part['image_url'];
      if (!isObject(image)) return parsedError('Invalid message structure - content image_url missing');
      if (typeof image['url'] !== 'string') {
        return parsedError('Invalid message structure - image_url does not have url field');
      }
      hasImage = true;
    } else {
      return parsedError('Unsupported content type');
    }
  }
  return parsedOk({ text, hasImage });
}

function parseTools(json: Json): Parsed<{ tools: readonly LlmTool[]; toolChoice: string }> {
  let toolChoice = 'auto';
  if (has(json, 'tool_choice')) {
    const choice = json['tool_choice'];
    if (typeof choice === 'string') {
      if (choice !== 'none' && choice !== 'auto' && choice !== 'required') {
        return parsedError("tool_choice should be either 'none' or 'auto' or 'required'");
      }
      toolChoice = choice;
    } else if (isObject(choice)) {
      const fn = choice['function'];
      if (!isObject(fn)) return parsedError('tool_choice.function is not a valid JSON object');
      if (typeof fn['name'] !== 'string') return parsedError('tool_choice.function.name is not a valid string');
      toolChoice = fn['name'];
    } else {
      return parsedError('tool_choice is not a valid JSON object or string');
    }
  }
  // tool_choice "none" removes the tools before they are validated, as OVMS does.
  if (toolChoice === 'none' || !has(json, 'tools')) {
    return parsedOk({ tools: [], toolChoice: 'none' });
  }
  const list = json['tools'];
  if (!Array.isArray(list)) return parsedError('Tools are not an array');
  const tools: LlmTool[] = [];
  for (const item of list as readonly unknown[]) {
    if (!isObject(item)) return parsedError('Tool is not a JSON object');
    const fn = item['function'];
    if (!isObject(fn)) return parsedError('Function is not a valid JSON object');
    const name = fn['name'];
    if (typeof name !== 'string') return parsedError('Function object does not contain a valid name field');
    // A forced function keeps only that tool (OVMS erases the others from the request).
    if (toolChoice === 'auto' || toolChoice === 'required' || toolChoice === name) {
      tools.push({ name, parameters: fn['parameters'] });
    }
  }
  return parsedOk({ tools, toolChoice });
}
