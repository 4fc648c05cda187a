/**
 * OVMS 2026.3's config.json schema (rest-api.md §7.1), shared by the client and the test server.
 */
import { describe, expect, it } from 'vitest';
import { validateConfigFile } from '../../../src/ovms.js';
import { defaultConfig } from '../../../src/testing/index.js';

const withModel = (config: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ model_config_list: [{ config }], ...extra });

describe('validateConfigFile', () => {
  it('accepts the test server default config and every documented key and form', () => {
    expect(validateConfigFile(defaultConfig()).ok).toBe(true);
    const full = withModel(
      {
        name: 'resnet',
        base_path: 's3://bucket/resnet',
        batch_size: 'auto',
        shape: { input: '(1,3,224,224)' },
        layout: 'NHWC:NCHW',
        model_version_policy: { specific: { versions: [1, 3] } },
        nireq: 0,
        target_device: 'HETERO:GPU,CPU',
        plugin_config: { PERFORMANCE_HINT: 'THROUGHPUT', NUM_STREAMS: '4', ENABLE_CPU_PINNING: false, X: 1 },
        allow_cache: true,
        custom_loader_options: { loader_name: 'l', extra: 'kept' },
        graph_path: 'g.pbtxt',
        subconfig: 's.json',
      },
      {
        mediapipe_config_list: [{ name: 'llm', base_path: 'llm', graph_path: 'graph.pbtxt', subconfig: 'sub.json' }],
        monitoring: { metrics: { enable: true, metrics_list: ['ovms_streams'] } },
        pipeline_config_list: [],
        custom_loader_config_list: [],
        custom_node_library_config_list: [],
      },
    );
    expect(validateConfigFile(full)).toEqual({ ok: true, value: full });
    for (const policy of [{ all: {} }, { latest: { num_versions: 2 } }, { latest: {} }]) {
      expect(validateConfigFile(withModel({ name: 'm', model_version_policy: policy })).ok).toBe(true);
    }
  });

  it.each([
    [{ model_config_list: [], unknown: 1 }, 'config.json: additional property "unknown" is not allowed'],
    [{}, 'config.json.model_config_list: required property is missing'],
    [withModel({ base_path: '/m' }), 'config.json.model_config_list[0].config.name: required property is missing'],
    [withModel({ name: '' }), 'config.json.model_config_list[0].config.name: Invalid length: Expected >=1 but received 0'],
    [withModel({ name: 'm', mean: '[0,0,0]' }), 'config.json.model_config_list[0].config: additional property "mean" is not allowed'],
    [withModel({ name: 'm', stateful: true }), 'config.json.model_config_list[0].config: additional property "stateful" is not allowed'],
    [{ model_config_list: [{ config: { name: 'm' }, extra: 1 }] }, 'config.json.model_config_list[0]: additional property "extra" is not allowed'],
    [withModel({ name: 'm', batch_size: -1 }), 'config.json.model_config_list[0].config.batch_size: Invalid value: Expected >=0 but received -1'],
    [withModel({ name: 'm', batch_size: 'big' }), 'config.json.model_config_list[0].config.batch_size: must be an integer >= 0, "auto", or a string of digits'],
    [withModel({ name: 'm', nireq: 1.5 }), 'config.json.model_config_list[0].config.nireq: Invalid integer: Received 1.5'],
    [withModel({ name: 'm', plugin_config: { A: { nested: 1 } } }), 'config.json.model_config_list[0].config.plugin_config.A: must be a string, a number or a boolean'],
    [
      withModel({ name: 'm', model_version_policy: { all: {}, latest: { num_versions: 1 } } }),
      'config.json.model_config_list[0].config.model_version_policy: must be exactly one of {"all":{}}, {"latest":{"num_versions":n}} (n >= 1), {"specific":{"versions":[n, ...]}} (n >= 1)',
    ],
    [withModel({ name: 'm', model_version_policy: { latest: { num_versions: 0 } } }), expect.stringContaining('model_version_policy')],
    [{ model_config_list: [], mediapipe_config_list: [{ name: 'g', extra: 1 }] }, 'config.json.mediapipe_config_list[0]: additional property "extra" is not allowed'],
    [{ model_config_list: [], monitoring: { metrics: { enable: true, endpoint_path: '/m' } } }, 'config.json.monitoring.metrics: additional property "endpoint_path" is not allowed'],
    [{ model_config_list: [], monitoring: { metrics: {} } }, 'config.json.monitoring.metrics.enable: required property is missing'],
  ])('rejects %j', (value, message) => {
    expect(validateConfigFile(value)).toEqual({ ok: false, message });
  });

  it('accepts the keys removed in 2026.3 only in legacy mode', () => {
    const legacy = withModel({ name: 'm', stateful: true, low_latency_transformation: true, max_sequence_number: 10, idle_sequence_cleanup: false });
    expect(validateConfigFile(legacy).ok).toBe(false);
    expect(validateConfigFile(legacy, true).ok).toBe(true);
  });
});
