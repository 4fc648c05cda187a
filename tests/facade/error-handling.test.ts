/**
 * The seed's error-handling snippet, checked exactly as it is written: `error.status === 404`,
 * `error.status === 400`, `error.code === 'ECONNREFUSED'`, through the facade's own `infer`.
 */
import { describe, expect, it } from 'vitest';
import { OVMS, OvmsError, isOvmsError } from '../../src/api_backends/index.js';
import { withConfig } from '../../src/config/withConfig.js';
import { infer } from '../../src/ovms.js';
import { closedPortUrl, freshServer, isolateOvmsEnv, rejectionOf, useServerCleanup } from './facadeHelpers.js';

isolateOvmsEnv();
useServerCleanup();

/** The branch of the seed's catch block an error takes. */
function seedBranch(error: any): 'not-found' | 'bad-request' | 'connection' | 'other' {
  if (error.status === 404) return 'not-found';
  else if (error.status === 400) return 'bad-request';
  else if (error.code === 'ECONNREFUSED') return 'connection';
  return 'other';
}

describe("the seed's error handling", () => {
  it('an unknown model: error.status === 404', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url });
    const error = await rejectionOf(ovms.infer('no_such_model', [0, 1, 2, 3, 4]));
    expect(error).toBeInstanceOf(OvmsError);
    expect(error.status === 404).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(seedBranch(error)).toBe('not-found');
    expect(error.message).toContain('Model with requested name is not found');
  });

  it('an unknown version: error.status === 404', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url });
    expect(seedBranch(await rejectionOf(ovms.inferWithVersion('bert', '7', [0, 1])))).toBe('not-found');
  });

  it('bad input the server refuses: error.status === 400, with its message', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url });
    // Valid against the metadata (both [-1, -1]), refused by the model: data and mask differ in length.
    const error = await rejectionOf(ovms.infer('bert', { data: [0, 1, 2, 3], mask: [1, 1] }));
    expect(error.status === 400).toBe(true);
    expect(seedBranch(error)).toBe('bad-request');
    expect(error.message).toContain('Invalid input shape');
    expect(error.serverMessage).toBe('Invalid input shape - Expected: (1,4); Actual: (1,2); input name: mask');
  });

  it('with validation off (ovms.config + withConfig), a shape the metadata forbids is OVMS\'s 400', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'dummy' });
    // With validation on, the facade refuses before sending: InvalidInput, no status.
    const local = await rejectionOf(ovms.infer(undefined, [1, 2, 3]));
    expect(local.reason._tag).toBe('InvalidInput');
    expect(local.status).toBeUndefined();
    const error = await rejectionOf(infer(withConfig(ovms.config, { validate: false }), { model: 'dummy', inputs: { b: [[1, 2, 3]] } }));
    expect(seedBranch(error)).toBe('bad-request');
    expect(error.serverMessage).toMatch(/^Invalid input shape/);
  });

  it("a closed port: error.code === 'ECONNREFUSED' (after the default retries)", async () => {
    const dead = await closedPortUrl();
    const ovms = new OVMS({}, { ovms_api_url: dead, ovms_model: 'bert' });
    const error = await rejectionOf(ovms.infer('bert', [0, 1, 2, 3]));
    expect(error.code === 'ECONNREFUSED').toBe(true);
    expect(seedBranch(error)).toBe('connection');
    expect(error.status).toBeUndefined();
    expect(error.reason._tag).toBe('Transport');
    expect(error.request?.attempt).toBe(3);
  });

  it('the snippet itself runs and takes the right branch', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url });
    const inputData = [0, 1, 2, 3, 4];
    const branches: string[] = [];
    for (const model of ['bert', 'no_such_model']) {
      try {
        await ovms.infer(model, inputData);
        branches.push('ok');
      } catch (error: any) {
        expect(isOvmsError(error)).toBe(true);
        branches.push(seedBranch(error));
      }
    }
    expect(branches).toEqual(['ok', 'not-found']);
  });
});
