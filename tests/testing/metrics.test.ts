/**
 * `/metrics` after real traffic (rest-api.md §6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { send } from './httpHelpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const metric = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('metrics', () => {
  it('counts successes, failures, latency and graph traffic', async () => {
    const body = JSON.stringify({ inputs: [{ name: 'b', shape: [1, 10], datatype: 'FP32', data: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }] });
    for (let i = 0; i < 3; i += 1) expect((await send(server.url, 'POST', '/v2/models/dummy/infer', { body })).status).toBe(200);
    await send(server.url, 'POST', '/v2/models/dummy/infer', { body: body.replace('[1,10]', '[1,11]') });
    await send(server.url, 'GET', '/v2/models/dummy');
    await send(server.url, 'POST', '/v3/chat/completions', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = (await send(server.url, 'GET', '/metrics?format=text')).text;
    expect(metric(text, 'ovms_requests_success{api="KServe",interface="REST",method="ModelInfer",name="dummy",version="1"}')).toBe(3);
    expect(metric(text, 'ovms_requests_fail{api="KServe",interface="REST",method="ModelInfer",name="dummy",version="1"}')).toBe(1);
    expect(metric(text, 'ovms_requests_success{api="KServe",interface="REST",method="ModelMetadata",name="dummy",version="1"}')).toBe(1);
    expect(metric(text, 'ovms_request_time_us_count{interface="REST",name="dummy",version="1"}')).toBe(4);
    expect(metric(text, 'ovms_inference_time_us_count{name="dummy",version="1"}')).toBe(3);
    expect(metric(text, 'ovms_current_requests{name="dummy",version="1"}')).toBe(0);
    expect(metric(text, 'ovms_streams{name="dummy",version="1"}')).toBe(1);
    expect(metric(text, 'ovms_requests_accepted{api="V3",interface="REST",method="Unary",name="llama3"}')).toBe(1);
    expect(metric(text, 'ovms_responses{api="V3",interface="REST",method="Unary",name="llama3"}')).toBe(1);
    expect(metric(text, 'ovms_graph_processing_time_us_count{method="Unary",name="llama3"}')).toBe(1);
    expect(metric(text, 'ovms_current_graphs{name="llama3"}')).toBe(0);
    // Non-default families are absent; no TFS series on a 2026.3 server.
    expect(text).not.toContain('ovms_infer_req_queue_size');
    expect(text).not.toContain('TensorFlowServing');
    // Every series line has sorted labels.
    for (const line of text.split('\n').filter((l) => l.includes('{'))) {
      const names = [...line.matchAll(/([a-z_]+)="/g)].map((m) => m[1] ?? '').filter((n) => n !== 'le');
      expect(names).toEqual([...names].sort());
    }
  });

  it('disabled metrics answer 400 Invalid request URL as text/plain', async () => {
    const s = await startTestServer({ metrics: false });
    const r = await send(s.url, 'GET', '/metrics');
    expect(r.status).toBe(400);
    expect(r.text).toBe('{"error":"Invalid request URL"}');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    await s.close();
  });

  it('metricsList enables the optional families', async () => {
    const s = await startTestServer({ metricsList: ['ovms_infer_req_queue_size', 'ovms_streams'] });
    const text = (await send(s.url, 'GET', '/metrics')).text;
    expect(text).toContain('ovms_infer_req_queue_size{name="dummy",version="1"} 1');
    expect(text).not.toContain('ovms_requests_success');
    await s.close();
  });
});
