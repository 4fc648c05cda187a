import { describe, expect, it } from 'vitest';
import { encodeTexts } from '../../../src/testing/openai/encodeTexts.js';
import { generateTokens } from '../../../src/testing/openai/generateTokens.js';
import { jsonDepth } from '../../../src/testing/openai/jsonDepth.js';
import { splitTextTokens, tokenIdOf } from '../../../src/testing/openai/testTokenizer.js';

describe('test tokenizer', () => {
  it('splits into tokens that join back to the text', () => {
    const text = '  Hello, wörld!\n42 times  ';
    const tokens = splitTextTokens(text);
    expect(tokens).toEqual(['  Hello', ',', ' wörld', '!', '\n42', ' times', '  ']);
    expect(tokens.join('')).toBe(text);
  });

  it('ids ignore case and surrounding whitespace', () => {
    expect(tokenIdOf(' Paris')).toBe(tokenIdOf('paris'));
    expect(tokenIdOf('paris')).not.toBe(tokenIdOf('london'));
  });
});

describe('generateTokens', () => {
  const text = 'one two three four';
  it('ends with stop at the end of the text', () => {
    expect(generateTokens(text, { maxTokens: undefined, stop: [], includeStopStrInOutput: false })).toEqual({
      pieces: ['one', ' two', ' three', ' four'],
      finishReason: 'stop',
      completionTokens: 4,
    });
  });
  it('ends with length when max_tokens is reached, even exactly at the end', () => {
    expect(generateTokens(text, { maxTokens: 4, stop: [], includeStopStrInOutput: false }).finishReason).toBe('length');
    expect(generateTokens(text, { maxTokens: 2, stop: [], includeStopStrInOutput: false })).toEqual({
      pieces: ['one', ' two'],
      finishReason: 'length',
      completionTokens: 2,
    });
  });
  it('cuts at the earliest stop string, keeping it only when asked', () => {
    expect(generateTokens(text, { maxTokens: undefined, stop: ['thr', 'four'], includeStopStrInOutput: false })).toEqual({
      pieces: ['one', ' two', ' '],
      finishReason: 'stop',
      completionTokens: 3,
    });
    expect(generateTokens(text, { maxTokens: undefined, stop: ['thr'], includeStopStrInOutput: true })).toEqual({
      pieces: ['one', ' two', ' thr'],
      finishReason: 'stop',
      completionTokens: 3,
    });
  });
});

describe('encodeTexts', () => {
  it('pads a batch to its longest row on the right by default', () => {
    const [a, b] = ['a', 'b'].map(tokenIdOf);
    expect(
      encodeTexts(['a b', 'a'], 'plain', { addSpecialTokens: true, maxLength: undefined, padToMaxLength: false, paddingSide: 'right' }),
    ).toEqual({ inputIds: [[a, b], [a, 0]], attentionMask: [[1, 1], [1, 0]] });
  });
  it('counts special tokens in max_length', () => {
    const a = tokenIdOf('a');
    expect(
      encodeTexts(['a b c'], 'bert', { addSpecialTokens: true, maxLength: 3, padToMaxLength: false, paddingSide: 'right' }),
    ).toEqual({ inputIds: [[101, a, 102]], attentionMask: [[1, 1, 1]] });
  });
});

describe('jsonDepth', () => {
  it('counts nested containers', () => {
    expect([jsonDepth(1), jsonDepth({}), jsonDepth({ a: [1] }), jsonDepth([[[]]])]).toEqual([0, 1, 2, 3]);
  });
});
