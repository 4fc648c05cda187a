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
export { withConcurrencyLimit, type ConcurrencyLimiter, type ConcurrencyLimitOptions, type ConcurrencyState } from './middleware/withConcurrencyLimit.js';
export { withCircuitBreaker, type CircuitBreaker, type CircuitBreakerOptions, type CircuitBreakerState } from './middleware/withCircuitBreaker.js';
export { withStats, type CallCounts, type CallStats, type StatsRecorder } from './middleware/withStats.js';
export { withAutoBatching, type AutoBatcher, type AutoBatchingOptions, type AutoBatchingStats } from './middleware/withAutoBatching.js';

export { kyTransport } from './transport/kyTransport.js';
export { fetchTransport } from './transport/fetchTransport.js';

export { getServerLive } from './ops/getServerLive.js';
export { getServerReady } from './ops/getServerReady.js';
export { getServerMetadata } from './ops/getServerMetadata.js';
export { getModelReady } from './ops/getModelReady.js';
export { getModelMetadataWithShapes } from './ops/getModelMetadataWithShapes.js';
export { infer } from './ops/infer.js';
export { batchInfer, type BatchInferOptions, type BatchInferRequest } from './ops/batchInfer.js';
export {
  explainPrediction,
  type ExplainMethod,
  type ExplainOptions,
  type ExplainRequest,
  type ExplainTarget,
  type Explanation,
  type ExplanationFactor,
  type ExplanationTarget,
} from './ops/explainPrediction.js';
export { seedInputs } from './protocols/kserve/seedInputs.js';
export { seedPredictions } from './protocols/kserve/seedPredictions.js';
export { detectServerApi } from './ops/detectServerApi.js';
export { compareOvmsVersion } from './server/compareOvmsVersion.js';
export type { ServerApi } from './server/ServerApi.js';
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

export { chatCompletion } from './ops/chatCompletion.js';
export { streamChatCompletion } from './ops/streamChatCompletion.js';
export { completion } from './ops/completion.js';
export { streamCompletion } from './ops/streamCompletion.js';
export { createEmbeddings } from './ops/createEmbeddings.js';
export { rerank } from './ops/rerank.js';
export { tokenize, type TokenizeResult } from './ops/tokenize.js';
export { listModels } from './ops/listModels.js';
export { retrieveModel } from './ops/retrieveModel.js';
export { collectText } from './protocols/openai/collectText.js';
export { openaiPath, type OpenAiEndpoint } from './protocols/openai/openaiPath.js';
export type { OpenAiBasePath } from './config/ClientConfig.js';
export type { OpenAiCallOptions, OpenAiStreamOptions } from './protocols/openai/OpenAiCallOptions.js';
export type { OpenAiStream } from './protocols/openai/openAiStream.js';
export type { GenerationParams, StreamOptionsParam } from './protocols/openai/GenerationParams.js';
export type {
  ChatCompletionRequest,
  ChatCompletionStreamRequest,
  ChatContentPart,
  ChatImagePart,
  ChatMessage,
  ChatTextPart,
  ChatTool,
  ChatToolCall,
  ChatToolChoice,
  ResponseFormat,
} from './protocols/openai/ChatCompletionRequest.js';
export type { CompletionRequest, CompletionStreamRequest } from './protocols/openai/CompletionRequest.js';
export type { EmbeddingsRequest } from './protocols/openai/EmbeddingsRequest.js';
export type { Embedding, EmbeddingsResult } from './protocols/openai/EmbeddingsResult.js';
export type { RerankDocument, RerankRequest } from './protocols/openai/RerankRequest.js';
export type { TokenizeRequest } from './protocols/openai/TokenizeRequest.js';
export type {
  AssistantMessage,
  ChatCompletion,
  ChatCompletionChunk,
  ChatLogprobs,
  Completion,
  CompletionChunk,
  CompletionLogprobs,
  ModelInfo,
  ModelList,
  RerankResult,
  RerankResultItem,
  ToolCall,
  ToolCallDelta,
  Usage,
} from './protocols/openai/openaiSchemas.js';

// Management and observability (config API, metrics, config.json edits; rest-api.md §3, §6, §7).
export { getConfigStatus } from './ops/getConfigStatus.js';
export { reloadConfig } from './ops/reloadConfig.js';
export { waitForModelAvailable, type WaitForModelAvailableInput } from './ops/waitForModelAvailable.js';
export { getModelStatus, type ModelHealth, type ModelStatus, type ModelVersionInfo } from './ops/getModelStatus.js';
export { getMetrics } from './ops/getMetrics.js';
export { getServerStatistics, type ServerStatisticsOptions } from './ops/getServerStatistics.js';
export { updateModelConfig, type UpdateModelConfigOptions, type UpdateModelConfigResult } from './ops/updateModelConfig.js';
export type { ConfigStatus, ModelVersionState, ModelVersionStatus, ServableStatus } from './protocols/config/configStatusSchema.js';
export type { ConfigFile, ModelConfig, ModelVersionPolicy, PluginConfig } from './protocols/config/configFileSchema.js';
export { validateConfigFile, type ConfigFileValidation } from './protocols/config/validateConfigFile.js';
export type { ModelConfigChange } from './protocols/config/ModelConfigChange.js';
export { applyModelConfigPatch } from './protocols/config/applyModelConfigPatch.js';
export { mergeModelConfigPatches } from './protocols/config/mergeModelConfigPatches.js';
export { executionModePatch, type ExecutionMode } from './protocols/config/executionModePatch.js';
export { modelConfigPatch, type IgnoredSetting, type ModelConfigPatchResult, type ModelConfigRequest } from './protocols/config/modelConfigPatch.js';
export { quantizationPatch, type QuantizationRequest } from './protocols/config/quantizationPatch.js';
export { precisionHint } from './protocols/config/precisionHint.js';
export { parsePrometheusText } from './protocols/metrics/parsePrometheusText.js';
export type { PrometheusFamily, PrometheusSample, PrometheusType } from './protocols/metrics/PrometheusFamily.js';
export type { ModelStatistics, ServerStatistics, StatisticsSnapshot } from './protocols/metrics/ServerStatistics.js';
export { serverStatisticsFrom, type StatisticsSources } from './protocols/metrics/serverStatisticsFrom.js';
export type { ConfigSnapshot, ConfigStore } from './configStore/ConfigStore.js';
export { memoryConfigStore } from './configStore/memoryConfigStore.js';
export { CONFIG_CONFLICT_CODE, isConfigConflict } from './configStore/configConflict.js';
