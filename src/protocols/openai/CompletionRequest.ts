import type { GenerationParams, StreamOptionsParam } from './GenerationParams.js';

/** A `POST {base}/completions` request (without `stream`, which the operation sets). */
export interface CompletionRequest extends GenerationParams {
  /** The prompt; OVMS accepts a single string only (rest-api.md §5.2). */
  readonly prompt: string;
  /** Log probabilities of the chosen tokens; OVMS accepts only `1`. */
  readonly logprobs?: 1;
  /** Prepend the prompt to the returned text. */
  readonly echo?: boolean;
}

/** A streamed `completions` request: the same fields plus `stream_options`. */
export interface CompletionStreamRequest extends CompletionRequest {
  readonly stream_options?: StreamOptionsParam;
}
