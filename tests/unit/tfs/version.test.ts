import { describe, expect, it } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import { withConfig } from '../../../src/config/withConfig.js';
import { isOvmsErrorReason } from '../../../src/errors/OvmsError.js';
import { detectServerApi } from '../../../src/ops/detectServerApi.js';
import { compareOvmsVersion } from '../../../src/server/compareOvmsVersion.js';
import { parseOvmsVersion } from '../../../src/server/parseOvmsVersion.js';
import { forgetServerApi } from '../../../src/server/serverApiCache.js';
import { scriptedTransport, type Step } from '../../helpers/scriptedTransport.js';

const v2 = (version: string): Step => ({ status: 200, body: JSON.stringify({ name: 'OpenVINO Model Server', version }) });

describe('parseOvmsVersion', () => {
  it('reads real version strings of GET /v2', () => {
    expect(
      Object.fromEntries(
        [
          '2022.2.c290da85', // rest-api.md §4.1: release + git hash, no patch
          '2025.4.0.68b0bfd8c', // src/version.hpp: release, patch, git hash starting with digits
          '2026.2.1', // the test server's legacy mode
          '2026.3.0', // the test server's default
          '2026.3',
          '2024.5.12345678', // a hash made of digits only is not a patch
          '2026.3.1-rc1',
          'v2025.0',
        ].map((s) => [s, parseOvmsVersion(s)]),
      ),
    ).toEqual({
      '2022.2.c290da85': { major: 2022, minor: 2, patch: 0 },
      '2025.4.0.68b0bfd8c': { major: 2025, minor: 4, patch: 0 },
      '2026.2.1': { major: 2026, minor: 2, patch: 1 },
      '2026.3.0': { major: 2026, minor: 3, patch: 0 },
      '2026.3': { major: 2026, minor: 3, patch: 0 },
      '2024.5.12345678': { major: 2024, minor: 5, patch: 0 },
      '2026.3.1-rc1': { major: 2026, minor: 3, patch: 1 },
      'v2025.0': { major: 2025, minor: 0, patch: 0 },
    });
  });

  it.each(['', 'unknown', '2026', '2026.x', '2026.3c', 'OpenVINO Model Server'])('does not read %j', (s) => {
    expect(parseOvmsVersion(s)).toBeUndefined();
  });
});

describe('compareOvmsVersion', () => {
  it('orders releases and ignores build hashes', () => {
    const versions = ['2026.3.0', '2022.2.c290da85', '2026.2.1', '2025.4.0.68b0bfd8c', '2026.10', '2026.2', '2024.2.0.1a2b3c4d'];
    expect([...versions].sort(compareOvmsVersion)).toEqual(['2022.2.c290da85', '2024.2.0.1a2b3c4d', '2025.4.0.68b0bfd8c', '2026.2', '2026.2.1', '2026.3.0', '2026.10']);
    expect([compareOvmsVersion('2026.3.0.68b0bfd8c', '2026.3'), compareOvmsVersion('2026.2.1', '2026.3'), compareOvmsVersion('2026.3.1', '2026.3')]).toEqual([0, -1, 1]);
  });

  it('refuses a string that is not a version', () => {
    let error: unknown;
    try {
      compareOvmsVersion('2026.3', 'latest');
    } catch (e) {
      error = e;
    }
    expect(isOvmsErrorReason(error, 'InvalidInput') && error.reason.field).toBe('b');
  });
});

describe('detectServerApi', () => {
  it.each([
    ['2022.2.c290da85', { version: '2022.2.c290da85', kserve: true, tfs: true, openaiV1: false }],
    ['2026.2.1', { version: '2026.2.1', kserve: true, tfs: true, openaiV1: false }],
    ['2026.3.0', { version: '2026.3.0', kserve: true, tfs: false, openaiV1: true }],
    ['2027.0.0.abcdef12', { version: '2027.0.0.abcdef12', kserve: true, tfs: false, openaiV1: true }],
    ['custom-build', { version: 'custom-build', kserve: true, tfs: false, openaiV1: false }],
  ])('%s → %j', async (version, expected) => {
    const transport = scriptedTransport([v2(version)]);
    expect(await detectServerApi(createConfig({ transport, retry: false }))).toEqual(expected);
    expect(transport.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET http://localhost:9000/v2']);
  });

  it('asks once per config, again with refresh, after forgetServerApi, and for a derived config', async () => {
    const transport = scriptedTransport([v2('2026.2.1'), v2('2026.3.0'), v2('2026.3.1'), v2('2026.4.0')]);
    const config = createConfig({ transport, retry: false });
    const [a, b] = await Promise.all([detectServerApi(config), detectServerApi(config)]);
    expect([a.version, b.version, (await detectServerApi(config)).version]).toEqual(['2026.2.1', '2026.2.1', '2026.2.1']);
    expect(transport.calls.length).toBe(1);
    expect((await detectServerApi(config, { refresh: true })).version).toBe('2026.3.0');
    expect((await detectServerApi(config)).version).toBe('2026.3.0');
    forgetServerApi(config);
    expect((await detectServerApi(config)).version).toBe('2026.3.1');
    expect((await detectServerApi(withConfig(config, { timeout: 1000 }))).version).toBe('2026.4.0');
    expect(transport.calls.length).toBe(4);
  });

  it('does not cache a failure', async () => {
    const transport = scriptedTransport([503, v2('2026.2.1')]);
    const config = createConfig({ transport, retry: false });
    const error = await detectServerApi(config).catch((e: unknown) => e);
    expect(isOvmsErrorReason(error, 'Status') && error.status).toBe(503);
    expect((await detectServerApi(config)).tfs).toBe(true);
  });
});
