import { describe, expect, it } from 'vitest';
import { benchChart } from '../../src/cli/bench/benchChart.js';
import { benchCsv } from '../../src/cli/bench/benchCsv.js';
import { isStable } from '../../src/cli/bench/isStable.js';
import { latencySummary } from '../../src/cli/bench/latencySummary.js';
import type { LevelResult } from '../../src/cli/bench/measureLevel.js';
import { parseConcurrencyList } from '../../src/cli/bench/parseConcurrencyList.js';
import { percentile } from '../../src/cli/bench/percentile.js';
import { zeroInputs } from '../../src/cli/bench/zeroInputs.js';
import { exitCodeFor } from '../../src/cli/exitCodeFor.js';
import { formatTable } from '../../src/cli/format/formatTable.js';
import { progressBar } from '../../src/cli/format/progressBar.js';
import { toJsonText } from '../../src/cli/format/toJsonText.js';
import { parseInputSpec } from '../../src/cli/infer/parseInputSpec.js';
import { usageError } from '../../src/cli/usageError.js';
import { OvmsError, invalidInput } from '../../src/errors/OvmsError.js';
import { wellFormedXml } from './wellFormedXml.js';

describe('percentile and latencySummary', () => {
  it('use the nearest rank: always a measured value', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 90, 95, 99, 100].map((p) => percentile(xs, p))).toEqual([50, 90, 95, 99, 100]);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 90)).toBe(40);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
  it('summarize unsorted latencies without changing them', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(latencySummary(xs)).toEqual({ count: 5, avg: 3, min: 1, max: 5, p50: 3, p90: 5, p95: 5, p99: 5 });
    expect(xs).toEqual([5, 1, 4, 2, 3]);
    expect(latencySummary([]).avg).toBeNaN();
  });
});

describe('isStable (perf_analyzer rule)', () => {
  const w = (throughput: number, avgLatencyMs: number) => ({ throughput, avgLatencyMs });
  const rule = { windows: 3, tolerance: 0.1 };
  it('needs 3 windows, each within ±10 % of their mean in throughput and latency', () => {
    expect(isStable([w(100, 10), w(100, 10)], rule)).toBe(false);
    expect(isStable([w(100, 10), w(105, 10.5), w(95, 9.6)], rule)).toBe(true);
    expect(isStable([w(100, 10), w(100, 10), w(125, 10)], rule)).toBe(false); // mean 108.3: 125 is +15 %
    expect(isStable([w(100, 10), w(100, 10), w(100, 13)], rule)).toBe(false);
  });
  it('looks only at the latest windows', () => {
    expect(isStable([w(1, 1), w(100, 10), w(101, 10), w(99, 10)], rule)).toBe(true);
    expect(isStable([w(100, 10), w(101, 10), w(99, 10), w(1, 1)], rule)).toBe(false);
  });
  it('is never stable with a latency that could not be measured', () => {
    expect(isStable([w(0, Number.NaN), w(0, Number.NaN), w(0, Number.NaN)], rule)).toBe(false);
  });
});

describe('parseConcurrencyList', () => {
  it('reads lists and doubling ranges', () => {
    expect(parseConcurrencyList('1,2,4,8')).toEqual([1, 2, 4, 8]);
    expect(parseConcurrencyList('1:16')).toEqual([1, 2, 4, 8, 16]);
    expect(parseConcurrencyList('3:20')).toEqual([3, 6, 12, 20]);
    expect(parseConcurrencyList('5')).toEqual([5]);
  });
  it.each(['', '0', '1,,2', '2:1', '1.5', 'x', '2000'])('refuses %j as a usage error', (text) => {
    expect(() => parseConcurrencyList(text)).toThrow(/--concurrency must be like/);
  });
});

describe('zeroInputs', () => {
  it('shapes zeros after the metadata, dynamic dimensions as 1', () => {
    expect(
      zeroInputs([
        { name: 'b', datatype: 'FP32', shape: [1, 10] },
        { name: 'ids', datatype: 'INT64', shape: [-1, -1] },
        { name: 'flags', datatype: 'BOOL', shape: [2] },
        { name: 'text', datatype: 'BYTES', shape: [-1] },
        { name: 'h', datatype: 'FP16', shape: [3] },
      ]),
    ).toEqual([
      { name: 'b', datatype: 'FP32', shape: [1, 10], data: new Float32Array(10) },
      { name: 'ids', datatype: 'INT64', shape: [1, 1], data: new BigInt64Array(1) },
      { name: 'flags', datatype: 'BOOL', shape: [2], data: [false, false] },
      { name: 'text', datatype: 'BYTES', shape: [1], data: [''] },
      { name: 'h', datatype: 'FP16', shape: [3], data: new Float32Array(3) },
    ]);
  });
  it('refuses a non-KServe datatype (a MediaPipe graph)', () => {
    expect(() => zeroInputs([{ name: 'input', datatype: 'INVALID', shape: [] }])).toThrow(/give --input files/);
  });
});

describe('formatTable', () => {
  it('aligns columns, numbers to the right', () => {
    expect(formatTable(['NAME', 'N'], [['dummy', '1'], ['bert', '12']])).toBe('NAME    N\ndummy   1\nbert   12\n');
  });
});

describe('toJsonText', () => {
  it('writes bigints, typed arrays and NaN', () => {
    expect(toJsonText({ a: 1n, b: 2n ** 60n, c: new Int8Array([1, -1]), d: Number.NaN }, 0)).toBe('{"a":1,"b":"1152921504606846976","c":[1,-1],"d":null}');
  });
});

describe('parseInputSpec', () => {
  it('splits name=path unless the name part is a path', () => {
    expect(parseInputSpec('b=x.npy')).toEqual({ name: 'b', path: 'x.npy' });
    expect(parseInputSpec('x.npy')).toEqual({ path: 'x.npy' });
    expect(parseInputSpec('./a=b.npy')).toEqual({ path: './a=b.npy' });
    expect(parseInputSpec('=x.npy')).toEqual({ path: '=x.npy' });
  });
});

describe('exitCodeFor', () => {
  it('maps each failure kind to its documented code', () => {
    expect(exitCodeFor(usageError('bad'))).toBe(1);
    expect(exitCodeFor(Object.assign(new TypeError('x'), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }))).toBe(1);
    expect(exitCodeFor(new OvmsError({ _tag: 'Transport' }, 'refused', { code: 'ECONNREFUSED' }))).toBe(2);
    expect(exitCodeFor(new OvmsError({ _tag: 'Timeout', timeoutMs: 1 }, 't'))).toBe(2);
    expect(exitCodeFor(new OvmsError({ _tag: 'Status', status: 404 }, 'nf'))).toBe(3);
    expect(exitCodeFor(new OvmsError({ _tag: 'Decode' }, 'd'))).toBe(3);
    expect(exitCodeFor(invalidInput('inputs.b', 'wrong shape'))).toBe(4);
    expect(exitCodeFor(new OvmsError({ _tag: 'Aborted' }, 'a'))).toBe(130);
    expect(exitCodeFor(new Error('bug'))).toBe(70);
  });
});

describe('progressBar', () => {
  it('draws in place on a TTY with cursorTo/clearLine, throttled, and erases itself', () => {
    const writes: string[] = [];
    let t = 0;
    const bar = progressBar({ isTTY: true, write: (s) => (writes.push(s), true) }, { width: 4, intervalMs: 100, now: () => t });
    bar.update(0.5, 'half');
    t = 50;
    bar.update(0.75, 'skipped');
    bar.update(1, 'forced', true);
    bar.done();
    expect(writes).toEqual(['\x1b[1G', '\x1b[2K', '[##--]  50% half', '\x1b[1G', '\x1b[2K', '[####] 100% forced', '\x1b[1G', '\x1b[2K']);
  });
  it('writes nothing when the stream is not a terminal', () => {
    const writes: string[] = [];
    const bar = progressBar({ write: (s) => (writes.push(s), true) });
    bar.update(0.5, 'x', true);
    bar.done();
    expect(writes).toEqual([]);
  });
});

const level = (concurrency: number, throughput: number, p50: number, stable = true): LevelResult => ({
  concurrency,
  stable,
  windows: 3,
  requests: 30,
  errors: 0,
  throughput,
  latencyMs: { count: 30, avg: p50 * 1.1, min: p50 / 2, max: p50 * 3, p50, p90: p50 * 1.5, p95: p50 * 2, p99: p50 * 2.5 },
});

describe('benchCsv', () => {
  it('writes one row per level, empty fields for unmeasured latencies', () => {
    const empty: LevelResult = { ...level(2, 0, 0), latencyMs: latencySummary([]), stable: false };
    expect(benchCsv([level(1, 123.456, 2), empty])).toBe(
      'concurrency,throughput_rps,p50_ms,p90_ms,p95_ms,p99_ms,avg_ms,min_ms,max_ms,requests,errors,windows,stable\n' +
        '1,123.46,2.000,3.000,4.000,5.000,2.200,1.000,6.000,30,0,3,true\n' +
        '2,0.00,,,,,,,,30,0,3,false\n',
    );
  });
});

describe('benchChart', () => {
  it('is a well-formed SVG with four latency lines and a throughput line, text escaped', () => {
    const svg = benchChart([level(1, 100, 2), level(2, 180, 3), level(4, 210, 6, false)], 'ovms bench <a&b>');
    expect(wellFormedXml(svg)).toBe('svg');
    expect(svg).toContain('<title>ovms bench &lt;a&amp;b&gt;</title>');
    expect(svg.match(/<polyline /g)).toHaveLength(5);
    expect(svg).toContain('>4*</text>');
    expect(svg).toContain('concurrency (* unstable)');
  });
  it('copes with one level and with no measurable latency', () => {
    expect(wellFormedXml(benchChart([level(1, 100, 2)], 'one'))).toBe('svg');
    expect(wellFormedXml(benchChart([{ ...level(1, 0, 0), latencyMs: latencySummary([]) }], 'none'))).toBe('svg');
  });
});

describe('wellFormedXml (the test helper itself)', () => {
  it.each(['<a><b></a></b>', '<a>', '<a></a><b/>', '<a>x < y</a>', '<a t="1>2"', '<a>&nbsp;</a>'])('rejects %j', (xml) => {
    expect(() => wellFormedXml(xml)).toThrow();
  });
  it('accepts a declaration, comments, self-closing tags and > inside attributes', () => {
    expect(wellFormedXml('<?xml version="1.0"?><!-- c --><r a="x>y"><e/>&amp;</r>\n')).toBe('r');
  });
});
