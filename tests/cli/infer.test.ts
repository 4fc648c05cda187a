import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/exitCodes.js';
import { decodeNpy } from '../../src/cli/npy/decodeNpy.js';
import { encodeNpy } from '../../src/cli/npy/encodeNpy.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { runCli } from './runCli.js';

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'ovms-cli-infer-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const b = Float32Array.from({ length: 10 }, (_, i) => i * 0.5);
const expectedA = Float32Array.from(b, (x) => x + 1); // dummy: a = b + 1

describe('ovms infer', () => {
  it('round-trips .npy: written input → inference → output read back equals b + 1', async () => {
    writeFileSync(join(dir, 'b.npy'), encodeNpy({ datatype: 'FP32', shape: [1, 10], data: b }));
    const r = await runCli(['infer', 'dummy', '--input', 'b.npy', '--output', 'a.npy'], { url: server.url, cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'a  FP32  [1, 10]  → a.npy\n' });
    expect(decodeNpy(readFileSync(join(dir, 'a.npy')))).toEqual({ descr: '<f4', datatype: 'FP32', shape: [1, 10], data: expectedA });
  });

  it('prints outputs, as text or as --json', async () => {
    const text = await runCli(['infer', 'dummy', '--input', `b=${join(dir, 'b.npy')}`], { url: server.url });
    expect(text.stdout).toBe(`a  FP32  [1, 10]\n${JSON.stringify([Array.from(expectedA)])}\n`);
    const json = await runCli(['infer', 'dummy', '--input', join(dir, 'b.npy'), '--json'], { url: server.url });
    expect(JSON.parse(json.stdout)).toEqual({ model: 'dummy', version: '1', id: expect.any(String), outputs: [{ name: 'a', datatype: 'FP32', shape: [1, 10], data: [Array.from(expectedA)] }] });
  });

  it('reads JSON inputs {name: nested array}, several inputs, INT64 from plain numbers', async () => {
    writeFileSync(join(dir, 'bert.json'), JSON.stringify({ data: [[101, 2023, 102]], mask: [[1, 1, 1]] }));
    const r = await runCli(['infer', 'bert', '--input', 'bert.json', '--json'], { url: server.url, cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { outputs: { name: string; shape: number[]; data: number[][] }[] };
    expect(out.outputs[0]).toMatchObject({ name: 'embedding', shape: [1, 16] });
    expect(out.outputs[0]?.data[0]).toHaveLength(16);
  });

  it('takes one .npy per input with name=path and writes every output of a multi-output model to a directory', async () => {
    writeFileSync(join(dir, 'data.npy'), encodeNpy({ datatype: 'INT64', shape: [1, 3], data: new BigInt64Array([101n, 2023n, 102n]) }));
    writeFileSync(join(dir, 'm.npy'), encodeNpy({ datatype: 'INT64', shape: [1, 3], data: new BigInt64Array([1n, 1n, 1n]) }));
    const viaNpy = await runCli(['infer', 'bert', '--input', 'data.npy', '--input', 'mask=m.npy', '--output', 'out.json'], { url: server.url, cwd: dir });
    expect(viaNpy.code).toBe(0);
    const viaJson = await runCli(['infer', 'bert', '--input', 'bert.json', '--json'], { url: server.url, cwd: dir });
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toEqual({ embedding: (JSON.parse(viaJson.stdout) as { outputs: { data: unknown }[] }).outputs[0]?.data });

    writeFileSync(join(dir, 'mio.json'), JSON.stringify({ a: [[1.5, -2]], b: [[3, 4]], flags: [[true, false]], text: ['ab', 'c'] }));
    const multi = await runCli(['infer', 'multi_io', '--input', 'mio.json', '--output', 'outdir', '--json'], { url: server.url, cwd: dir });
    expect(multi.code).toBe(0);
    const files = (JSON.parse(multi.stdout) as { outputs: { name: string; file: string }[] }).outputs.map((o) => o.file).sort();
    expect(files).toEqual(['outdir/active.npy', 'outdir/lengths.npy', 'outdir/masked.npy', 'outdir/sum.npy', 'outdir/upper.json'].map((f) => join(...f.split('/'))));
    expect(JSON.parse(readFileSync(join(dir, 'outdir', 'upper.json'), 'utf8'))).toEqual(['AB', 'C']);
    expect(decodeNpy(readFileSync(join(dir, 'outdir', 'lengths.npy')))).toMatchObject({ datatype: 'UINT32', data: new Uint32Array([2, 1]) });
  });

  it('exits 4 for bad input data, 3 for an unknown model, 1 without --input', async () => {
    const missing = await runCli(['infer', 'dummy', '--input', 'nothere.npy'], { url: server.url, cwd: dir });
    expect(missing.code).toBe(EXIT_CODES.input);
    expect(missing.stderr).toContain('cannot read nothere.npy');
    const wrongName = await runCli(['infer', 'dummy', '--input', 'bert.json'], { url: server.url, cwd: dir });
    expect(wrongName).toMatchObject({ code: EXIT_CODES.input, stderr: 'ovms: --input: the model has no input "data" (it has b)\n' });
    writeFileSync(join(dir, 'junk.json'), '{nope');
    expect((await runCli(['infer', 'dummy', '--input', 'junk.json'], { url: server.url, cwd: dir })).stderr).toContain('neither .npy nor JSON');
    writeFileSync(join(dir, 'short.npy'), encodeNpy({ datatype: 'FP32', shape: [1, 3], data: new Float32Array(3) }));
    expect((await runCli(['infer', 'dummy', '--input', 'short.npy'], { url: server.url, cwd: dir })).code).toBe(EXIT_CODES.input);
    const ambiguous = await runCli(['infer', 'bert', '--input', 'm.npy'], { url: server.url, cwd: dir });
    expect(ambiguous.stderr).toContain('write --input <name>=m.npy');
    expect((await runCli(['infer', 'nosuch', '--input', 'b.npy'], { url: server.url, cwd: dir })).code).toBe(EXIT_CODES.server);
    expect((await runCli(['infer', 'dummy'], { url: server.url })).code).toBe(EXIT_CODES.usage);
    const severalToNpy = await runCli(['infer', 'multi_io', '--input', 'mio.json', '--output', 'x.npy'], { url: server.url, cwd: dir });
    expect(severalToNpy).toMatchObject({ code: EXIT_CODES.usage });
    expect(severalToNpy.stderr).toContain('the model has 5 outputs');
  });
});
