import type { ServerResponse } from 'node:http';
import { generateTokens, type Generation } from './generateTokens.js';
import { LLM_MARKERS } from './llmMarkers.js';
import { llmPromptTokens } from './llmPromptTokens.js';
import {
  llmContentChunk,
  llmHandshakeChunk,
  llmToolCallChunks,
  llmUsageChunk,
  type ChunkContext,
} from './llmStreamChunks.js';
import { llmUnaryBody, type LlmChoice } from './llmUnaryBody.js';
import { mediapipeFailure } from './mediapipeFailure.js';
import { parseLlmRequest, type LlmEndpoint, type LlmRequest } from './parseLlmRequest.js';
import { planLlmTurn } from './planLlmTurn.js';
import { runTokenize } from './runTokenize.js';
import { sendError } from './sendError.js';
import { sendJson } from './sendJson.js';
import { writeEventStream, type StreamFrame, type StreamOptions } from './writeEventStream.js';

/** `max_position_embeddings` of the test LLM: longer prompts fail as on OVMS (rest-api.md §5.5). */
export const LLM_MAX_MODEL_LENGTH = 4096;

/** Tokens streamed before a `[[fail-mid-stream]]` request breaks. */
const TOKENS_BEFORE_FAILURE = 3;

/**
 * Runs the test server's LLM graph (`LLMExecutor`) for one request: chat/completions, completions or
 * tokenize, unary or streamed, with OVMS's endpoint check and validation (rest-api.md §5.1–§5.5).
 *
 * @param subpath URI after the prefix; decides the endpoint
 * @param json the body, or `undefined` when it was not sent as JSON
 * @param res the response; this function writes the whole answer
 * @param options token delay and stall fault for streams
 * @returns whether the graph succeeded (false for errors, mid-stream failures and disconnects)
 */
export async function runLlmGraph(
  subpath: string,
  json: Readonly<Record<string, unknown>> | undefined,
  res: ServerResponse,
  options: StreamOptions,
): Promise<boolean> {
  if (json === undefined) {
    return fail(res, 'Non-json request received in text generation calculator');
  }
  let endpoint: LlmEndpoint;
  if (subpath === 'chat/completions') {
    endpoint = 'chat';
  } else if (subpath === 'completions') {
    endpoint = 'completions';
  } else if (subpath.endsWith('tokenize')) {
    return runTokenize(json, 'LLMExecutor', 'plain', res);
  } else if (subpath === 'responses') {
    // OVMS serves the Responses API here (rest-api.md §5.1); the test server does not implement it.
    return fail(res, 'Responses API is not supported by the OVMS test server');
  } else {
    // Endpoints are compared exactly: a trailing slash is already a wrong endpoint.
    return fail(
      res,
      'Wrong endpoint. Allowed endpoints: /v[13]/chat/completions, /v[13]/completions, /v[13]/responses, /v[13]/tokenize',
    );
  }
  const parsed = parseLlmRequest(json, endpoint);
  if (!parsed.ok) {
    return fail(res, parsed.reason);
  }
  const request = parsed.value;
  if (request.messages.some((m) => m.hasImage)) {
    return fail(res, 'This servable supports only text input, but image_url has been provided');
  }
  const promptTokens = llmPromptTokens(request);
  if (promptTokens > LLM_MAX_MODEL_LENGTH) {
    return fail(res, `Number of prompt tokens: ${promptTokens} exceeds model max length: ${LLM_MAX_MODEL_LENGTH}`);
  }
  const source = request.endpoint === 'chat' ? request.messages.map((m) => m.content).join('\n') : request.prompt;
  if (source.includes(LLM_MARKERS.failGeneration)) {
    return fail(res, `Simulated generation failure requested by ${LLM_MARKERS.failGeneration}`, 'INTERNAL');
  }
  const failMidStream = source.includes(LLM_MARKERS.failMidStream);
  if (failMidStream && !request.stream) {
    return fail(res, `Simulated generation failure requested by ${LLM_MARKERS.failMidStream}`, 'INTERNAL');
  }
  const choice = generateChoice(request);
  const created = Math.floor(Date.now() / 1000);
  if (!request.stream) {
    const choices = Array.from({ length: request.n }, () => choice);
    sendJson(res, 200, llmUnaryBody(request, choices, promptTokens, created));
    return true;
  }
  const frames = streamFrames(request, choice, promptTokens, created, failMidStream);
  const outcome = await writeEventStream(res, frames, options);
  return outcome === 'completed' && !failMidStream;
}

function fail(res: ServerResponse, reason: string, code: 'INVALID_ARGUMENT' | 'INTERNAL' = 'INVALID_ARGUMENT'): false {
  sendError(res, mediapipeFailure('LLMExecutor', reason, code));
  return false;
}

function generateChoice(request: LlmRequest): LlmChoice {
  const turn = planLlmTurn(request);
  const generation: Generation = generateTokens(turn.text, request);
  // A tool call cut by max_tokens no longer parses: the raw text is returned as content.
  const toolCall = turn.kind === 'tool_call' && generation.finishReason !== 'length' ? turn.call : undefined;
  return { generation, toolCall };
}

const data = (json: string, paced: boolean): StreamFrame => ({ text: `data: ${json}\n\n`, paced });

function streamFrames(
  request: LlmRequest,
  choice: LlmChoice,
  promptTokens: number,
  created: number,
  failMidStream: boolean,
): StreamFrame[] {
  const c: ChunkContext = { endpoint: request.endpoint, model: request.model, created, includeUsage: request.includeUsage };
  const frames: StreamFrame[] = [data(llmHandshakeChunk(c), false)];
  const { generation, toolCall } = choice;
  if (failMidStream) {
    const sent = generation.pieces.slice(0, Math.min(TOKENS_BEFORE_FAILURE, Math.max(0, generation.pieces.length - 1)));
    for (const piece of sent) frames.push(data(llmContentChunk(c, piece, null), true));
    // After streaming started OVMS writes the error raw, without `data:`, then ends (rest-api.md §5.4).
    const failure = mediapipeFailure(
      'LLMExecutor',
      `Simulated generation failure requested by ${LLM_MARKERS.failMidStream}`,
      'INTERNAL',
    );
    frames.push({ text: JSON.stringify({ error: failure.message }), paced: true });
    return frames;
  }
  if (toolCall !== undefined) {
    for (const chunk of llmToolCallChunks(c, toolCall)) frames.push(data(chunk, true));
  } else {
    generation.pieces.forEach((piece, i) => {
      const last = i === generation.pieces.length - 1;
      frames.push(data(llmContentChunk(c, piece, last ? generation.finishReason : null), true));
    });
  }
  if (request.includeUsage) {
    frames.push(data(llmUsageChunk(c, promptTokens, generation.completionTokens), false));
  }
  frames.push({ text: 'data: [DONE]\n\n', paced: false });
  return frames;
}
