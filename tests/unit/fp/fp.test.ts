import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import { OvmsError } from '../../../src/errors/OvmsError.js';
import { askConfig, getServerMetadata, lift, toOvmsError } from '../../../src/fp/index.js';
import { scriptedTransport } from '../../helpers/scriptedTransport.js';

describe('ipfs_accelerate_js/ovms/fp', () => {
  it('runs an operation as ReaderTaskEither: Right with the value', async () => {
    const transport = scriptedTransport([{ status: 200, body: '{"name":"OpenVINO Model Server","version":"2026.3.0"}' }]);
    const result = await getServerMetadata()(createConfig({ baseUrl: 'http://ovms.test', transport }))();
    expect(result).toEqual(E.right({ name: 'OpenVINO Model Server', version: '2026.3.0', extensions: [] }));
  });

  it('never throws: a failure is Left<OvmsError> with its reason', async () => {
    const transport = scriptedTransport([{ status: 404, body: '{"error":"Model with requested name is not found"}' }]);
    const result = await getServerMetadata()(createConfig({ baseUrl: 'http://ovms.test', transport, retry: false }))();
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) {
      expect(result.left).toBeInstanceOf(OvmsError);
      expect(result.left.status).toBe(404);
      expect(result.left.serverMessage).toBe('Model with requested name is not found');
    }
  });

  it('lift wraps a foreign error as Decode, and askConfig reads the config', async () => {
    const boom = lift(async () => {
      throw new RangeError('bug');
    });
    const config = createConfig({ model: 'm' });
    const left = await boom()(config)();
    expect(E.isLeft(left) && left.left.reason._tag).toBe('Decode');
    expect(toOvmsError(new Error('x')).message).toBe('Unexpected error: x');
    expect(await askConfig(config)()).toEqual(E.right(config));
  });
});
