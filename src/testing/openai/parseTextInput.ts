import { parsedError, parsedOk, type Parsed } from './openAiFailure.js';

/** The accepted shapes of `input` (embeddings) and `text` (tokenize). */
export type TextInput =
  | { readonly kind: 'strings'; readonly values: readonly string[] }
  | { readonly kind: 'tokens'; readonly values: readonly (readonly number[])[] }
  | { readonly kind: 'stringLists'; readonly values: readonly (readonly string[])[] };

const isInt32 = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= -2147483648 && (v as number) <= 2147483647;

/**
 * OVMS's `TokenizeParser::parseInput` (shared by embeddings and tokenize, rest-api.md §5.2): a string,
 * or a non-empty homogeneous array of strings, of ints (one tokenized document), of int arrays, or of
 * string arrays, with OVMS's messages.
 *
 * @param json the request body
 * @param field `input` or `text`
 * @returns the input or the calculator's reason
 */
// @__NO_SIDE_EFFECTS__
export function parseTextInput(json: Readonly<Record<string, unknown>>, field: string): Parsed<TextInput> {
  if (!(field in json)) return parsedError(`${field} field is required`);
  const value = json[field];
  if (typeof value === 'string') return parsedOk({ kind: 'strings', values: [value] });
  if (!Array.isArray(value)) return parsedError(`${field} should be string, array of strings or array of integers`);
  const items = value as readonly unknown[];
  if (items.length === 0) return parsedError(`${field} array should not be empty`);
  let type: 'string' | 'int' | 'intVec' | 'stringVec' | undefined;
  const strings: string[] = [];
  const ints: number[] = [];
  const intRows: number[][] = [];
  const stringRows: string[][] = [];
  const homogeneous = parsedError<TextInput>(`${field} must be homogeneous`);
  for (const item of items) {
    if (Array.isArray(item)) {
      const inner = item as readonly unknown[];
      const first = inner[0];
      if (isInt32(first)) {
        if (type !== undefined && type !== 'intVec') return homogeneous;
        type = 'intVec';
        if (!inner.every(isInt32)) return homogeneous;
        intRows.push([...(inner as readonly number[])]);
      } else if (typeof first === 'string') {
        if (type !== undefined && type !== 'stringVec') return homogeneous;
        type = 'stringVec';
        if (!inner.every((v) => typeof v === 'string')) return homogeneous;
        stringRows.push([...(inner as readonly string[])]);
      } else {
        return parsedError(`every element in ${field} array should be either string or int`);
      }
    } else if (typeof item === 'string') {
      if (type !== undefined && type !== 'string') return homogeneous;
      type = 'string';
      strings.push(item);
    } else if (isInt32(item)) {
      if (type !== undefined && type !== 'int') return homogeneous;
      type = 'int';
      ints.push(item);
    } else {
      return parsedError(`every element in ${field} array should be either string or int`);
    }
  }
  if (strings.length > 0) return parsedOk({ kind: 'strings', values: strings });
  if (ints.length > 0) return parsedOk({ kind: 'tokens', values: [ints] });
  if (intRows.length > 0) return parsedOk({ kind: 'tokens', values: intRows });
  return parsedOk({ kind: 'stringLists', values: stringRows });
}
