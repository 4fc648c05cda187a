import { splitTextTokens } from './testTokenizer.js';

/** Why generation ended, as OVMS reports it in `finish_reason`. */
export type FinishReason = 'stop' | 'length';

/** The outcome of a deterministic generation. */
export interface Generation {
  /** The text of each generated token; their concatenation is the output text. */
  readonly pieces: readonly string[];
  readonly finishReason: FinishReason;
  /** Tokens generated (the token that completed a stop string counts, EOS does not). */
  readonly completionTokens: number;
}

/** Limits of one generation. */
export interface GenerationLimits {
  readonly maxTokens: number | undefined;
  readonly stop: readonly string[];
  readonly includeStopStrInOutput: boolean;
}

/**
 * "Generates" a fixed text token by token with the stopping rules of OpenVINO GenAI as OVMS exposes
 * them: `max_tokens` ends with `length` (also when the text is exactly that long, since the EOS token
 * would be the next one), the first stop string found in the output ends with `stop` and is cut off
 * unless `include_stop_str_in_output` (always on when streaming, rest-api.md §5.5), and the natural
 * end of the text is EOS → `stop`.
 *
 * @param text the full reply the model would give
 * @param limits max tokens and stop strings
 * @returns the generated pieces and the finish reason
 */
// @__NO_SIDE_EFFECTS__
export function generateTokens(text: string, limits: GenerationLimits): Generation {
  const tokens = splitTextTokens(text);
  const pieces: string[] = [];
  let output = '';
  for (const token of tokens) {
    if (limits.maxTokens !== undefined && pieces.length >= limits.maxTokens) {
      return { pieces, finishReason: 'length', completionTokens: pieces.length };
    }
    pieces.push(token);
    output += token;
    const cut = stopCut(output, limits);
    if (cut !== undefined) {
      return { pieces: trimPieces(pieces, cut), finishReason: 'stop', completionTokens: pieces.length };
    }
  }
  if (limits.maxTokens !== undefined && pieces.length >= limits.maxTokens) {
    return { pieces, finishReason: 'length', completionTokens: pieces.length };
  }
  return { pieces, finishReason: 'stop', completionTokens: pieces.length };
}

function stopCut(output: string, limits: GenerationLimits): number | undefined {
  let best: number | undefined;
  for (const word of limits.stop) {
    if (word.length === 0) continue;
    const at = output.indexOf(word);
    if (at < 0) continue;
    const cut = limits.includeStopStrInOutput ? at + word.length : at;
    if (best === undefined || cut < best) best = cut;
  }
  return best;
}

function trimPieces(pieces: readonly string[], length: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const piece of pieces) {
    if (used >= length) break;
    const take = piece.slice(0, length - used);
    out.push(take);
    used += take.length;
  }
  return out;
}
