/**
 * `ipfs_accelerate_js/api_backends`: the seed document's `OVMS` backend class, its `BaseApiBackend`,
 * the backend factory and the seed's types. The class is a thin adapter over the functional API
 * (`ipfs_accelerate_js/ovms`); new code can use the free functions with `ovms.config`.
 */
export { OVMS, default } from './OVMS.js';
export { BaseApiBackend, type BackendStats, type Endpoint, type EndpointOptions } from './BaseApiBackend.js';
export { createApiBackend, findCompatibleBackend, getAvailableBackends, registerBackend } from './factory.js';
export { backendRegistry, createBackendRegistry, type BackendFactory, type BackendRegistry } from './backendRegistry.js';
export { parseEndpointUrl, type EndpointTarget } from './parseEndpointUrl.js';
export { isOvmsCompatibleModel } from './isOvmsCompatibleModel.js';
export { facadeConfigInput } from './facadeConfigInput.js';
export type {
  ApiMetadata,
  ApiRequestOptions,
  ApiResources,
  ChatCompletionResponse,
  Message,
  OVMSModelConfig,
  OVMSModelInput,
  OVMSModelMetadata,
  OVMSModelOutput,
  OVMSModelStatistics,
  OVMSQuantizationConfig,
  OVMSRequestData,
  OVMSRequestOptions,
  OVMSResponse,
  OVMSServerStatistics,
  StreamChunk,
} from './types.js';
export { OvmsError, isOvmsError, isOvmsErrorReason } from '../errors/OvmsError.js';
