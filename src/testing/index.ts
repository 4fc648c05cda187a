/**
 * `ipfs_accelerate_js/testing`: the Node-only OVMS-compatible test server. Never imported by the
 * browser-facing entries.
 */
export { startTestServer } from './startTestServer.js';
export type { CorsOptions, ReceivedRequest, TestServer, TestServerOptions } from './TestServerOptions.js';
export type { FaultController } from './faults/createFaultController.js';
export { FAULT_HEADER, type FaultSpec } from './faults/FaultSpec.js';
export { defaultConfig, DEFAULT_GRAPH_NAMES } from './config/defaultConfig.js';
export { builtinServables } from './servables/builtinServables.js';
export type { ServableDefinition, ModelServableDefinition, GraphServableDefinition, TensorSpec } from './servables/ServableDefinition.js';
