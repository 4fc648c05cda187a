/**
 * The Prometheus text parser (rest-api.md §6): the real OVMS sample, the format's edge cases as
 * whole values, and malformed input, which must always end in `OvmsError` `Decode`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isOvmsErrorReason, parsePrometheusText } from '../../../src/ovms.js';

const SAMPLE = readFileSync(new URL('../../fixtures/metrics-sample.prom', import.meta.url), 'utf8');

function decodeFailure(text: string): string {
  try {
    parsePrometheusText(text);
  } catch (error) {
    if (isOvmsErrorReason(error, 'Decode')) return error.message;
    throw new Error(`expected a Decode OvmsError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the parser to reject');
}

describe('parsePrometheusText on the real OVMS sample (metrics-sample.prom)', () => {
  const families = parsePrometheusText(SAMPLE);

  it('finds every family with its type, HELP and sample count', () => {
    expect(families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['ovms_requests_success', 'counter', 72],
      ['ovms_requests_fail', 'counter', 72],
      ['ovms_streams', 'gauge', 4],
      ['ovms_infer_req_queue_size', 'gauge', 4],
      ['ovms_infer_req_active', 'gauge', 4],
      ['ovms_current_requests', 'gauge', 4],
      ['ovms_request_time_us', 'histogram', 12 * 36],
      ['ovms_inference_time_us', 'histogram', 4 * 36],
      ['ovms_wait_for_infer_req_time_us', 'histogram', 4 * 36],
    ]);
    expect(families[0]?.help).toBe('Number of successful requests to a model or a DAG.');
  });

  it('reads labels, including a series without a version label', () => {
    expect(families[0]?.samples[0]).toEqual({
      name: 'ovms_requests_success',
      labels: { api: 'KServe', interface: 'REST', method: 'ModelReady', name: 'multiple_vehicle_recognition' },
      value: 0,
    });
  });

  it('gathers _count, _sum and _bucket (with le="+Inf") under the histogram', () => {
    const inference = families.find((f) => f.name === 'ovms_inference_time_us');
    const series = inference?.samples.filter((s) => s.labels.name === 'vehicle_detection') ?? [];
    expect(series.slice(0, 3)).toEqual([
      { name: 'ovms_inference_time_us_count', labels: { name: 'vehicle_detection', version: '1' }, value: 4 },
      { name: 'ovms_inference_time_us_sum', labels: { name: 'vehicle_detection', version: '1' }, value: 115195 },
      { name: 'ovms_inference_time_us_bucket', labels: { le: '10', name: 'vehicle_detection', version: '1' }, value: 0 },
    ]);
    expect(series.at(-1)).toEqual({ name: 'ovms_inference_time_us_bucket', labels: { le: '+Inf', name: 'vehicle_detection', version: '1' }, value: 4 });
  });
});

describe('parsePrometheusText edge cases', () => {
  it('unescapes \\\\, \\" and \\n in label values and \\\\, \\n in HELP', () => {
    const text = '# HELP m A \\\\ help\\nline\n# TYPE m gauge\nm{path="C:\\\\dir",quote="say \\"hi\\"",nl="a\\nb"} 1\n';
    expect(parsePrometheusText(text)).toEqual([
      { name: 'm', type: 'gauge', help: 'A \\ help\nline', samples: [{ name: 'm', labels: { path: 'C:\\dir', quote: 'say "hi"', nl: 'a\nb' }, value: 1 }] },
    ]);
  });

  it('reads NaN, ±Inf, exponents, timestamps, blanks, tabs, CRLF, a trailing comma and an empty label set', () => {
    const text = 'a NaN\r\nb{} +Inf\n  c{x="1",} -Inf 1700000000000\nd\t{ y = "2" }\t1.5e3\n\ne -0.25\n';
    const out = parsePrometheusText(text);
    expect(out.map((f) => f.type)).toEqual(['untyped', 'untyped', 'untyped', 'untyped', 'untyped']);
    expect(Number.isNaN(out[0]?.samples[0]?.value)).toBe(true);
    expect(out.slice(1).map((f) => f.samples[0])).toEqual([
      { name: 'b', labels: {}, value: Number.POSITIVE_INFINITY },
      { name: 'c', labels: { x: '1' }, value: Number.NEGATIVE_INFINITY, timestamp: 1700000000000 },
      { name: 'd', labels: { y: '2' }, value: 1500 },
      { name: 'e', labels: {}, value: -0.25 },
    ]);
  });

  it('gathers a summary (quantile, _sum, _count) and keeps other comments out', () => {
    const text = '# a free comment\n# TYPE s summary\ns{quantile="0.5"} 2\ns_sum 10\ns_count 4\n';
    expect(parsePrometheusText(text)).toEqual([
      {
        name: 's',
        type: 'summary',
        samples: [
          { name: 's', labels: { quantile: '0.5' }, value: 2 },
          { name: 's_sum', labels: {}, value: 10 },
          { name: 's_count', labels: {}, value: 4 },
        ],
      },
    ]);
  });

  it('gives an empty text no family, and keeps a label named __proto__ as data', () => {
    expect(parsePrometheusText('')).toEqual([]);
    expect(parsePrometheusText('\n\n')).toEqual([]);
    const [family] = parsePrometheusText('m{__proto__="x"} 1');
    expect(Object.getPrototypeOf(family?.samples[0]?.labels)).toBe(Object.prototype);
    expect(Object.keys(family?.samples[0]?.labels ?? {})).toEqual(['__proto__']);
  });

  it.each([
    ['m{a="1" 1', /line 1: expected , or }/],
    ['m{a="1"', /line 1: unclosed label set/],
    ['m{a="1', /unclosed value of label a/],
    ['m{a="\\t"} 1', /invalid escape in the value of label a/],
    ['m{a="1",a="2"} 1', /duplicate label a/],
    ['m{1a="1"} 1', /expected a label name/],
    ['m{a=1} 1', /expected a quoted value for label a/],
    ['m', /missing value/],
    ['m{}', /missing value/],
    ['m one', /invalid value "one"/],
    ['m 1 2 3', /unexpected text after the timestamp/],
    ['m 1 1.5', /invalid timestamp "1.5"/],
    ['m-x 1', /invalid character after the metric name/],
    ['{a="1"} 1', /expected a metric name/],
    ['# TYPE m bogus', /unknown metric type "bogus"/],
    ['# TYPE m gauge\n# TYPE m gauge', /line 2: second TYPE for m/],
    ['# HELP m x\n# HELP m y', /line 2: second HELP for m/],
    ['m 1\n# TYPE m gauge', /line 2: TYPE for m after its samples/],
    ['# TYPE\n', /TYPE needs a metric name/],
    ['# HELP m bad \\t escape', /invalid escape in HELP text/],
    ['# TYPE h histogram\nh_bucket 1', /bucket of h without an le label/],
    ['# TYPE h histogram\nh_bucket{le="x"} 1', /invalid le "x"/],
    ['# TYPE h histogram\nh 1', /histogram h has no sample without _bucket/],
    ['# TYPE s summary\ns 1', /sample of summary s without a quantile label/],
  ])('rejects %j as Decode', (text, message) => {
    expect(decodeFailure(text)).toMatch(message);
  });

  it('never throws anything but Decode, and never hangs, on mutated input', () => {
    // A deterministic PRNG, so a failure reproduces.
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['{', '}', '"', '\\', '=', ',', ' ', '\t', '\n', '#', 'a', '1', '+', 'e', '.', 'I', 'N'];
    const base = SAMPLE.slice(0, 4000);
    let decoded = 0;
    for (let i = 0; i < 600; i += 1) {
      const chars = [...base];
      for (let k = 0; k < 1 + Math.floor(random() * 5); k += 1) {
        const at = Math.floor(random() * chars.length);
        const op = random();
        if (op < 0.4) chars[at] = alphabet[Math.floor(random() * alphabet.length)] as string;
        else if (op < 0.7) chars.splice(at, 1);
        else chars.splice(at, 0, alphabet[Math.floor(random() * alphabet.length)] as string);
      }
      try {
        parsePrometheusText(chars.join(''));
      } catch (error) {
        expect(isOvmsErrorReason(error, 'Decode')).toBe(true);
        decoded += 1;
      }
    }
    expect(decoded).toBeGreaterThan(50);
  });

  it('parses a line with 20 000 labels (a quadratic scanner would hit the test timeout)', () => {
    const labels = Array.from({ length: 20_000 }, (_, i) => `l${i}="${'v'.repeat(10)}"`).join(',');
    const [family] = parsePrometheusText(`m{${labels}} 1`);
    expect(Object.keys(family?.samples[0]?.labels ?? {})).toHaveLength(20_000);
  });
});
