import { invalidInput } from '../../errors/OvmsError.js';

/** The three keys of a `.npy` header. */
export interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
}

type PyValue = string | boolean | number | PyValue[];

/**
 * Parses the header of a `.npy` file: a Python dict literal such as
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (1, 10), }` (numpy `format.py`,
 * `_write_array_header`). Only the literals numpy writes there are read: strings, `True`/`False`,
 * integers, tuples and lists (a structured dtype's `descr` is a list, refused later), trailing commas.
 *
 * @param text - The header text, padding included.
 * @returns descr, fortran order and shape.
 * @throws {OvmsError} `InvalidInput` (field `npy`) when the text is not such a dict or lacks a key.
 */
export function parseNpyHeader(text: string): NpyHeader {
  let i = 0;
  const fail = (what: string): never => {
    throw invalidInput('npy', `bad header at character ${i}: ${what} in ${JSON.stringify(text.trim())}`);
  };
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i += 1;
  };
  const expect = (c: string): void => {
    skip();
    if (text[i] !== c) fail(`expected '${c}'`);
    i += 1;
  };
  const value = (): PyValue => {
    skip();
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail('unterminated string');
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    if (c === '(' || c === '[') {
      const close = c === '(' ? ')' : ']';
      i += 1;
      const items: PyValue[] = [];
      for (;;) {
        skip();
        if (text[i] === close) {
          i += 1;
          return items;
        }
        items.push(value());
        skip();
        if (text[i] === ',') i += 1;
        else if (text[i] !== close) fail(`expected ',' or '${close}'`);
      }
    }
    const word = /^(True|False|\d+L?)/.exec(text.slice(i));
    if (word === null) return fail('expected a value');
    i += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    return Number.parseInt(word[0], 10);
  };

  const dict = new Map<string, PyValue>();
  expect('{');
  for (;;) {
    skip();
    if (text[i] === '}') break;
    const key = value();
    if (typeof key !== 'string') fail('expected a string key');
    expect(':');
    dict.set(key as string, value());
    skip();
    if (text[i] === ',') i += 1;
    else if (text[i] !== '}') fail("expected ',' or '}'");
  }
  i += 1;
  skip();
  if (i !== text.length) fail('trailing characters');

  const descr = dict.get('descr');
  const fortranOrder = dict.get('fortran_order');
  const shape = dict.get('shape');
  if (Array.isArray(descr)) throw invalidInput('npy', 'structured dtypes (a list descr) are not supported');
  if (typeof descr !== 'string') return fail("missing string 'descr'");
  if (typeof fortranOrder !== 'boolean') return fail("missing boolean 'fortran_order'");
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number')) return fail("missing integer tuple 'shape'");
  return { descr, fortranOrder, shape: shape as number[] };
}
