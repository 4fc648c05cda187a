/**
 * Valibot schemas of OVMS's OpenAI-style answers (rest-api.md §5.3, §5.4). They are lenient: unknown
 * fields are accepted (and dropped), and every field OVMS omits in some version or pipeline is
 * optional. Notably OVMS chat responses have no `id` and no `system_fingerprint`, and embeddings no `model`.
 */
import * as v from 'valibot';

const count = /*#__PURE__*/ v.pipe(v.number(), v.integer(), v.minValue(0));

/** Token counts of a generation. */
export const UsageSchema = /*#__PURE__*/ v.object({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
});
/** Token counts of a generation. */
export type Usage = v.InferOutput<typeof UsageSchema>;

/** Why generation stopped: `stop`, `length`, `tool_calls` (OVMS may also say `unknown`). */
const FinishReasonSchema = /*#__PURE__*/ v.nullable(v.string());

/** The fields every chat/completions answer and chunk shares; OVMS sends no `id` (rest-api.md §5.3). */
const ENVELOPE = {
  id: /*#__PURE__*/ v.optional(v.string()),
  object: /*#__PURE__*/ v.string(),
  created: /*#__PURE__*/ v.number(),
  model: /*#__PURE__*/ v.string(),
};

/** A function call made by the model (unary answer). */
export const ToolCallSchema = /*#__PURE__*/ v.object({
  id: v.string(),
  type: v.optional(v.string(), 'function'),
  function: v.object({ name: v.string(), arguments: v.string() }),
});
/** A function call made by the model. */
export type ToolCall = v.InferOutput<typeof ToolCallSchema>;

const TokenLogprobSchema = /*#__PURE__*/ v.object({
  token: v.string(),
  logprob: v.number(),
  bytes: v.optional(v.nullable(v.array(v.number()))),
  top_logprobs: v.optional(v.array(v.unknown())),
});

/** Chat log probabilities, `{ content: [{ token, logprob, bytes, top_logprobs }] }`. */
export const ChatLogprobsSchema = /*#__PURE__*/ v.object({ content: v.optional(v.nullable(v.array(TokenLogprobSchema))) });
/** Chat log probabilities. */
export type ChatLogprobs = v.InferOutput<typeof ChatLogprobsSchema>;

/** Completions log probabilities (rest-api.md §5.3). */
export const CompletionLogprobsSchema = /*#__PURE__*/ v.object({
  tokens: v.optional(v.array(v.string())),
  token_logprobs: v.optional(v.array(v.nullable(v.number()))),
  top_logprobs: v.optional(v.nullable(v.array(v.unknown()))),
  text_offset: v.optional(v.array(v.number())),
});
/** Completions log probabilities. */
export type CompletionLogprobs = v.InferOutput<typeof CompletionLogprobsSchema>;

/** The assistant message of a unary chat answer. `tool_calls` is always an array (OVMS writes `[]` when there are none). */
export const AssistantMessageSchema = /*#__PURE__*/ v.object({
  role: v.optional(v.string(), 'assistant'),
  content: v.optional(v.nullable(v.string()), null),
  reasoning_content: v.optional(v.string()),
  tool_calls: v.optional(v.array(ToolCallSchema), []),
});
/** The assistant message of a unary chat answer. */
export type AssistantMessage = v.InferOutput<typeof AssistantMessageSchema>;

/** A unary `chat/completions` answer. */
export const ChatCompletionSchema = /*#__PURE__*/ v.object({
  ...ENVELOPE,
  choices: v.array(
    v.object({
      index: count,
      message: AssistantMessageSchema,
      finish_reason: FinishReasonSchema,
      logprobs: v.optional(v.nullable(ChatLogprobsSchema), null),
    }),
  ),
  usage: v.optional(UsageSchema),
});
/** A unary `chat/completions` answer (`object: "chat.completion"`, no `id` from OVMS). */
export type ChatCompletion = v.InferOutput<typeof ChatCompletionSchema>;

/** A fragment of a function call in a streamed delta; `index` says which call it extends. */
export const ToolCallDeltaSchema = /*#__PURE__*/ v.object({
  index: count,
  id: v.optional(v.string()),
  type: v.optional(v.string()),
  function: v.optional(v.object({ name: v.optional(v.string()), arguments: v.optional(v.string()) })),
});
/** A fragment of a function call in a streamed delta. */
export type ToolCallDelta = v.InferOutput<typeof ToolCallDeltaSchema>;

/** One chunk of a streamed chat answer. The usage chunk has `choices: []` (rest-api.md §5.4). */
export const ChatCompletionChunkSchema = /*#__PURE__*/ v.object({
  ...ENVELOPE,
  choices: v.array(
    v.object({
      index: count,
      delta: v.object({
        role: v.optional(v.string()),
        content: v.optional(v.nullable(v.string())),
        reasoning_content: v.optional(v.nullable(v.string())),
        tool_calls: v.optional(v.array(ToolCallDeltaSchema)),
      }),
      finish_reason: v.optional(FinishReasonSchema, null),
      logprobs: v.optional(v.nullable(ChatLogprobsSchema), null),
    }),
  ),
  usage: v.optional(v.nullable(UsageSchema), null),
});
/** One chunk of a streamed chat answer (`object: "chat.completion.chunk"`). */
export type ChatCompletionChunk = v.InferOutput<typeof ChatCompletionChunkSchema>;

/** A unary `completions` answer. */
export const CompletionSchema = /*#__PURE__*/ v.object({
  ...ENVELOPE,
  choices: v.array(
    v.object({
      index: count,
      text: v.string(),
      finish_reason: FinishReasonSchema,
      logprobs: v.optional(v.nullable(CompletionLogprobsSchema), null),
    }),
  ),
  usage: v.optional(UsageSchema),
});
/** A unary `completions` answer (`object: "text_completion"`). */
export type Completion = v.InferOutput<typeof CompletionSchema>;

/** One chunk of a streamed completions answer; OVMS names it `text_completion.chunk` (rest-api.md §5.4). */
export const CompletionChunkSchema = /*#__PURE__*/ v.object({
  ...ENVELOPE,
  choices: v.array(
    v.object({
      index: count,
      // The handshake chunk has `"text": null`.
      text: v.optional(v.nullable(v.string()), null),
      finish_reason: v.optional(FinishReasonSchema, null),
      logprobs: v.optional(v.nullable(CompletionLogprobsSchema), null),
    }),
  ),
  usage: v.optional(v.nullable(UsageSchema), null),
});
/** One chunk of a streamed completions answer. */
export type CompletionChunk = v.InferOutput<typeof CompletionChunkSchema>;

/** An embeddings answer as it arrives: each vector a number array (`float`) or base64 text (`base64`). */
export const EmbeddingsResponseSchema = /*#__PURE__*/ v.object({
  object: v.optional(v.string(), 'list'),
  model: v.optional(v.string()),
  data: v.array(
    v.object({
      object: v.optional(v.string(), 'embedding'),
      index: count,
      embedding: v.union([v.array(v.number()), v.string()]),
    }),
  ),
  usage: v.optional(v.object({ prompt_tokens: count, total_tokens: count })),
});
/** An embeddings answer as it arrives. */
export type EmbeddingsResponse = v.InferOutput<typeof EmbeddingsResponseSchema>;

/** One result of a rerank answer. */
export const RerankResultItemSchema = /*#__PURE__*/ v.object({
  index: count,
  relevance_score: v.number(),
  document: v.optional(v.object({ text: v.string() })),
});
/** One result of a rerank answer: the document's position in the request, its score, and its text when asked for. */
export type RerankResultItem = v.InferOutput<typeof RerankResultItemSchema>;

/** A rerank answer, Cohere's format, sorted by score (rest-api.md §5.3). */
export const RerankResultSchema = /*#__PURE__*/ v.object({
  id: v.optional(v.string()),
  results: v.array(RerankResultItemSchema),
});
/** A rerank answer: `results` best first, at most `top_n`. */
export type RerankResult = v.InferOutput<typeof RerankResultSchema>;

/** A tokenize answer: a flat list for one text, one list per text otherwise. */
export const TokenizeResponseSchema = /*#__PURE__*/ v.object({
  tokens: v.union([v.array(v.number()), v.array(v.array(v.number()))]),
});

/** A servable as `GET {base}/models` lists it; `created` is the request time, not the load time (rest-api.md §5.3). */
export const ModelInfoSchema = /*#__PURE__*/ v.object({
  id: v.string(),
  object: v.optional(v.string(), 'model'),
  created: v.number(),
  owned_by: v.string(),
});
/** A servable (model, DAG or graph). */
export type ModelInfo = v.InferOutput<typeof ModelInfoSchema>;

/** `GET {base}/models`. */
export const ModelListSchema = /*#__PURE__*/ v.object({
  object: v.optional(v.string(), 'list'),
  data: v.array(ModelInfoSchema),
});
/** Every servable of the server. */
export type ModelList = v.InferOutput<typeof ModelListSchema>;
