import { describe, expect, it } from 'vitest';
import { readBody } from '../../../src/core/readBody.js';

function chunked(parts: readonly Uint8Array[]): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(p);
      controller.close();
    },
  });
  return new Response(stream);
}

describe('readBody', () => {
  it('joins chunks so that the binary part after a 13-byte header lands on an 8-byte boundary', async () => {
    const parts = [new Uint8Array(10).fill(1), new Uint8Array(11).fill(2)];
    const body = await readBody(chunked(parts), 1024, 13);
    expect(Array.from(body)).toEqual([...new Array(10).fill(1), ...new Array(11).fill(2)]);
    expect((body.byteOffset + 13) % 8).toBe(0);
  });

  it('returns a single chunk as it is (no copy) and joins without padding when no offset is given', async () => {
    const only = new Uint8Array([1, 2, 3]);
    expect(await readBody(chunked([only]), 1024, 1)).toBe(only);
    const joined = await readBody(chunked([new Uint8Array([1]), new Uint8Array([2])]), 1024);
    expect(joined.byteOffset).toBe(0);
    expect(Array.from(joined)).toEqual([1, 2]);
  });
});
