import type { GenerationParams, StreamOptionsParam } from './GenerationParams.js';

/** A text part of a message's content array. */
export interface ChatTextPart {
  readonly type: 'text';
  readonly text: string;
}

/**
 * An image part of a message's content array (VLM servables). OVMS takes a data URL, an http(s) URL
 * when `--allowed_media_domains` allows it, or a local path under `--allowed_local_media_path` (rest-api.md §5.2).
 */
export interface ChatImagePart {
  readonly type: 'image_url';
  readonly image_url: { readonly url: string };
}

/** One element of a content array. */
export type ChatContentPart = ChatTextPart | ChatImagePart;

/** A function call the assistant made, as sent back in a later request. */
export interface ChatToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

/** A chat message. `tool_calls`, `tool_call_id` and `reasoning_content` carry a tool-use or thinking turn back to the model. */
export interface ChatMessage {
  readonly role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  /** A string, or a content array of text and image parts. Absent or null for an assistant turn that only calls tools. */
  readonly content?: string | readonly ChatContentPart[] | null;
  readonly name?: string;
  /** Calls an assistant turn made. */
  readonly tool_calls?: readonly ChatToolCall[];
  /** The call a `tool` message answers. */
  readonly tool_call_id?: string;
  /** A reasoning model's thinking from an earlier assistant turn. */
  readonly reasoning_content?: string;
}

/** A function the model may call. `parameters` is a JSON Schema. */
export interface ChatTool {
  readonly type: 'function';
  readonly function: {
    readonly name: string;
    readonly description?: string;
    readonly parameters?: Readonly<Record<string, unknown>>;
    readonly strict?: boolean;
  };
}

/** Which tool to call: none, the model's choice, at least one, or a named function. */
export type ChatToolChoice = 'none' | 'auto' | 'required' | { readonly type: 'function'; readonly function: { readonly name: string } };

/**
 * Constrained output. OVMS supports a JSON Schema and XGrammar's structural tags (rest-api.md §5.2);
 * `json_object` and `text` are OpenAI's and are passed through unchanged.
 */
export type ResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json_object' }
  | {
      readonly type: 'json_schema';
      readonly json_schema: { readonly name?: string; readonly schema: Readonly<Record<string, unknown>>; readonly strict?: boolean; readonly description?: string };
    }
  | { readonly type: 'structural_tag'; readonly [key: string]: unknown };

/** A `POST {base}/chat/completions` request (without `stream`, which the operation sets). */
export interface ChatCompletionRequest extends GenerationParams {
  readonly messages: readonly ChatMessage[];
  /** Chat: per-token log probabilities of the output (OVMS: a boolean). */
  readonly logprobs?: boolean;
  readonly tools?: readonly ChatTool[];
  readonly tool_choice?: ChatToolChoice;
  readonly response_format?: ResponseFormat;
  /** Passed to the model's chat template, e.g. `{ enable_thinking: false }` (OVMS extension). */
  readonly chat_template_kwargs?: Readonly<Record<string, unknown>>;
}

/** A streamed `chat/completions` request: the same fields plus `stream_options`. */
export interface ChatCompletionStreamRequest extends ChatCompletionRequest {
  readonly stream_options?: StreamOptionsParam;
}
