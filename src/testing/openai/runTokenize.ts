import type { ServerResponse } from 'node:http';
import { encodeTexts, type TokenizerKind } from './encodeTexts.js';
import { mediapipeFailure, type GraphNode } from './mediapipeFailure.js';
import { parseTextInput } from './parseTextInput.js';
import { sendError } from './sendError.js';
import { sendJson } from './sendJson.js';

/**
 * Serves `…/tokenize` on any test graph (rest-api.md §5.1, §5.3, fixture F77), following OVMS's
 * `TokenizeParser`: `text` (string or list of strings), `max_length` (int), `pad_to_max_length`,
 * `add_special_tokens` (bools), `padding_side` (`left`/`right`). The answer is `{"tokens":[...]}`, flat
 * when there is one row and nested when there are several (`isBatched = rows > 1`, so a one-element
 * list is flat too). Without `pad_to_max_length` a row is written up to its first masked position, a
 * quirk OVMS has: with `padding_side: "left"` the shorter rows of a batch come out empty.
 *
 * @param json request body
 * @param node calculator node name used in errors
 * @param kind the graph's tokenizer
 * @param res the response
 * @returns whether the request succeeded
 */
export function runTokenize(
  json: Readonly<Record<string, unknown>>,
  node: GraphNode,
  kind: TokenizerKind,
  res: ServerResponse,
): boolean {
  const fail = (reason: string): false => {
    sendError(res, mediapipeFailure(node, reason));
    return false;
  };
  const input = parseTextInput(json, 'text');
  if (!input.ok) return fail(input.reason);
  let maxLength: number | undefined;
  if ('max_length' in json) {
    const v = json['max_length'];
    if (!Number.isInteger(v) || Math.abs(v as number) > 2147483647) return fail('max_length should be integer');
    maxLength = v as number;
  }
  let padToMaxLength = false;
  if ('pad_to_max_length' in json) {
    const v = json['pad_to_max_length'];
    if (typeof v !== 'boolean') return fail('pad_to_max_length should be boolean');
    padToMaxLength = v;
  }
  let addSpecialTokens = true;
  if ('add_special_tokens' in json) {
    const v = json['add_special_tokens'];
    if (typeof v !== 'boolean') return fail('add_special_tokens should be boolean');
    addSpecialTokens = v;
  }
  let paddingSide: 'left' | 'right' = 'right';
  if ('padding_side' in json) {
    const v = json['padding_side'];
    if (typeof v !== 'string') return fail('padding_side should be string, either left or right');
    if (v !== 'left' && v !== 'right') return fail('padding_side should be either left or right');
    paddingSide = v;
  }
  if (input.value.kind !== 'strings') return fail('Input should be string or array of strings');
  const batch = encodeTexts(input.value.values, kind, { addSpecialTokens, maxLength, padToMaxLength, paddingSide });
  const rows = batch.inputIds.map((ids, r) => {
    const mask = batch.attentionMask[r] ?? [];
    const out: number[] = [];
    for (let i = 0; i < ids.length; i += 1) {
      if (mask[i] === 0 && !padToMaxLength) break;
      out.push(ids[i] ?? 0);
    }
    return out;
  });
  const tokens = rows.length > 1 ? rows : (rows[0] ?? []);
  sendJson(res, 200, JSON.stringify({ tokens }));
  return true;
}
