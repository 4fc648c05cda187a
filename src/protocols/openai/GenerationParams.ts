/**
 * Generation fields shared by `chat/completions` and `completions`: the ones OVMS actually parses
 * (rest-api.md §5.2, `src/llm/apis/openai_completions.cpp`). Field names are the wire names, so a
 * request is sent as written and OVMS's own documentation applies word for word. OVMS ignores or
 * rejects what it does not list here (`logit_bias`, `top_logprobs`, `user`, `suffix`, …).
 */
export interface GenerationParams {
  /** The servable (LLM graph) name; default: the config's model. */
  readonly model?: string;
  /** Upper bound of generated tokens (deprecated in OpenAI in favour of `max_completion_tokens`; OVMS reads both). */
  readonly max_tokens?: number;
  /** Upper bound of generated tokens. */
  readonly max_completion_tokens?: number;
  /** Stop sequences: a string or an array of strings (anything else is a 400, fixture F79). */
  readonly stop?: string | readonly string[];
  /** Keep generating past the end-of-sequence token (up to the token limit). */
  readonly ignore_eos?: boolean;
  /** Include the matched stop string in the output; must not be `false` with streaming (400, fixture F80). */
  readonly include_stop_str_in_output?: boolean;
  /** Number of choices to return. */
  readonly n?: number;
  /** Number of candidates generated server-side, the best `n` returned. */
  readonly best_of?: number;
  /** Length penalty for beam search. */
  readonly length_penalty?: number;
  readonly temperature?: number;
  readonly top_p?: number;
  readonly top_k?: number;
  readonly min_p?: number;
  readonly repetition_penalty?: number;
  readonly frequency_penalty?: number;
  readonly presence_penalty?: number;
  readonly seed?: number;
  /** Skip special tokens when detokenizing (OVMS extension). */
  readonly skip_special_tokens?: boolean;
  /** Speculative decoding: tokens the draft model proposes per step (OVMS extension). */
  readonly num_assistant_tokens?: number;
  /** Speculative decoding: confidence threshold of the draft model (OVMS extension). */
  readonly assistant_confidence_threshold?: number;
  /** Prompt-lookup decoding: largest n-gram matched (OVMS extension). */
  readonly max_ngram_size?: number;
}

/** `stream_options`: OVMS accepts only `include_usage`; any other key is a 400 (rest-api.md §5.5). */
export interface StreamOptionsParam {
  /** Send a last chunk with `choices: []` and the token usage before `[DONE]` (continuous-batching servables, §5.4). */
  readonly include_usage?: boolean;
}
