/**
 * `ipfs_accelerate_js/ovms`: the functional client for OpenVINO Model Server.
 *
 * Named re-exports only (no `export *`, no facade, no fp-ts), so a bundler keeps exactly what an
 * application uses. Each operation also has its own subpath (`ipfs_accelerate_js/ovms/infer`, …).
 */
export { createConfig } from './config/createConfig.js';
export { withConfig } from './config/withConfig.js';
export type { BinaryMode, ClientConfig, ClientConfigInput, TransportChoice } from './config/ClientConfig.js';
export { DEFAULT_RETRY_POLICY } from './config/defaults.js';

export type {
  CallOptions,
  EncodedRequest,
  Handler,
  HttpMethod,
  Logger,
  Middleware,
  OvmsRequest,
  OvmsResponse,
  Precision,
  ResponseType,
  RetryPolicy,
  Transport,
  WireRequest,
} from './core/types.js';
export { compose } from './core/compose.js';
export { execute, type RequestSpec } from './core/execute.js';

export { OvmsError, isOvmsError, isOvmsErrorReason } from './errors/OvmsError.js';
export type { OvmsErrorOptions, OvmsErrorReason, OvmsErrorTag, RequestSummary } from './errors/OvmsError.js';
export { retryDecision, type RetryDecision } from './errors/retryDecision.js';

export { withRequestId } from './middleware/withRequestId.js';
export { withVersionRouting } from './middleware/withVersionRouting.js';
export { withPrecision } from './middleware/withPrecision.js';
export { withRetry } from './middleware/withRetry.js';
export { withAuth } from './middleware/withAuth.js';
export { withTimeout } from './middleware/withTimeout.js';

export { kyTransport } from './transport/kyTransport.js';
export { fetchTransport } from './transport/fetchTransport.js';

export { getServerLive } from './ops/getServerLive.js';
export { getServerReady } from './ops/getServerReady.js';
export { getServerMetadata } from './ops/getServerMetadata.js';
export { getModelReady } from './ops/getModelReady.js';
export { getModelMetadataWithShapes } from './ops/getModelMetadataWithShapes.js';
export { infer } from './ops/infer.js';
export { batchInfer, type BatchInferOptions, type BatchInferRequest } from './ops/batchInfer.js';
export type { ModelTarget } from './ops/ModelTarget.js';

export type { InferInputs, InferInputTensor, InferOptions, InferRequest } from './protocols/kserve/InferRequest.js';
export type { InferResult } from './protocols/kserve/InferResult.js';
export type { KserveParameters } from './protocols/kserve/KserveInferPayload.js';
export type { ModelMetadata, ServerMetadata, TensorMetadata } from './protocols/kserve/kserveSchemas.js';

export { toNested, type NestedOutput, type OutputScalar } from './tensors/toNested.js';
export { DATATYPES, isDatatype, type Datatype } from './tensors/datatypes.js';
export type { NestedArray, Tensor, TensorInputData, TensorOutputData, TensorScalar, TypedArray } from './tensors/types.js';
export { float16BitsToFloat32, float32ToFloat16Bits } from './tensors/float16.js';
export { bfloat16BitsToFloat32, float32ToBfloat16Bits } from './tensors/bfloat16.js';
