import type { ServerResponse } from 'node:http';
import { embedTokenIds } from './embedTokenIds.js';
import { encodeTexts } from './encodeTexts.js';
import { mediapipeFailure } from './mediapipeFailure.js';
import { parseTextInput } from './parseTextInput.js';
import { runTokenize } from './runTokenize.js';
import { sendError } from './sendError.js';
import { sendJson } from './sendJson.js';

/** `max_position_embeddings` of the test embeddings model. */
export const EMBEDDINGS_MAX_LENGTH = 512;

/**
 * Runs the test embeddings graph (`EmbeddingsExecutor`). Like OVMS's calculator it checks no endpoint:
 * a URI ending in `tokenize` tokenizes, any other URI is an embeddings request (rest-api.md §5.1).
 *
 * Body (rest-api.md §5.2): `input` string | string[] | int[] | int[][], `encoding_format` `float`
 * (default) or `base64` (little-endian float32 bytes). Answer (§5.3): `{"object":"list","data":[{"object":
 * "embedding","embedding":…,"index":i}],"usage":{"prompt_tokens":n,"total_tokens":n}}` — no `model`.
 * Vectors are 384-d, unit length, derived from the tokens (see {@link embedTokenIds}).
 *
 * @param subpath URI after the prefix
 * @param json the body, or `undefined` when it was not JSON
 * @param res the response
 * @returns whether the graph succeeded
 */
export function runEmbeddingsGraph(
  subpath: string,
  json: Readonly<Record<string, unknown>> | undefined,
  res: ServerResponse,
): boolean {
  const fail = (reason: string): false => {
    sendError(res, mediapipeFailure('EmbeddingsExecutor', reason));
    return false;
  };
  if (json === undefined) return fail('Received json is not an object');
  if (subpath.endsWith('tokenize')) return runTokenize(json, 'EmbeddingsExecutor', 'bert', res);
  const input = parseTextInput(json, 'input');
  if (!input.ok) return fail(input.reason);
  let base64 = false;
  if ('encoding_format' in json) {
    const format = json['encoding_format'];
    if (typeof format !== 'string') return fail('encoding_format should be string');
    if (format !== 'base64' && format !== 'float') return fail('encoding_format should either base64 or float');
    base64 = format === 'base64';
  }
  let documents: (readonly number[])[];
  if (input.value.kind === 'strings') {
    const batch = encodeTexts(input.value.values, 'bert', {
      addSpecialTokens: true,
      maxLength: undefined,
      padToMaxLength: false,
      paddingSide: 'right',
    });
    const width = batch.inputIds[0]?.length ?? 0;
    if (width > EMBEDDINGS_MAX_LENGTH) return fail(`Input length ${width} longer than allowed ${EMBEDDINGS_MAX_LENGTH}`);
    documents = batch.inputIds.map((ids, r) => ids.filter((_, i) => batch.attentionMask[r]?.[i] === 1));
  } else if (input.value.kind === 'tokens') {
    documents = input.value.values.map((row) => [...row]);
    const width = documents.reduce((max, d) => Math.max(max, d.length), 0);
    if (width > EMBEDDINGS_MAX_LENGTH) return fail(`Input length ${width} longer than allowed ${EMBEDDINGS_MAX_LENGTH}`);
  } else {
    return fail('Input should be string, array of strings or array of integers');
  }
  const promptTokens = documents.reduce((sum, d) => sum + d.length, 0);
  const data = documents.map((ids, index) => {
    const vector = embedTokenIds(ids);
    return {
      object: 'embedding',
      embedding: base64 ? float32ToBase64(vector) : Array.from(vector),
      index,
    };
  });
  sendJson(
    res,
    200,
    JSON.stringify({ object: 'list', data, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } }),
  );
  return true;
}

function float32ToBase64(vector: Float32Array): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  vector.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return Buffer.from(view.buffer).toString('base64');
}
