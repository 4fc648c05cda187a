/**
 * `ipfs_accelerate_js/ovms/fp`: the operations as fp-ts `ReaderTaskEither<ClientConfig, OvmsError, A>`.
 * The only module of the library that imports fp-ts (house style principle 7).
 *
 * @example
 * ```ts
 * import { pipe } from 'fp-ts/lib/function.js';
 * import { infer } from 'ipfs_accelerate_js/ovms/fp';
 * const program = infer({ model: 'dummy', inputs: { b: new Float32Array(10) } });
 * const either = await program(config)(); // Either<OvmsError, InferResult>
 * ```
 */
import { readerTaskEither as RTE, taskEither as TE } from 'fp-ts';
import type { ClientConfig } from '../config/ClientConfig.js';
import { isOvmsError, OvmsError } from '../errors/OvmsError.js';
import { batchInfer as batchInferP } from '../ops/batchInfer.js';
import { getModelMetadataWithShapes as getModelMetadataWithShapesP } from '../ops/getModelMetadataWithShapes.js';
import { getModelReady as getModelReadyP } from '../ops/getModelReady.js';
import { getServerLive as getServerLiveP } from '../ops/getServerLive.js';
import { getServerMetadata as getServerMetadataP } from '../ops/getServerMetadata.js';
import { getServerReady as getServerReadyP } from '../ops/getServerReady.js';
import { infer as inferP } from '../ops/infer.js';
import { chatCompletion as chatCompletionP } from '../ops/chatCompletion.js';
import { completion as completionP } from '../ops/completion.js';
import { createEmbeddings as createEmbeddingsP } from '../ops/createEmbeddings.js';
import { detectServerApi as detectServerApiP } from '../ops/detectServerApi.js';
import { explainPrediction as explainPredictionP } from '../ops/explainPrediction.js';
import { getConfigStatus as getConfigStatusP } from '../ops/getConfigStatus.js';
import { getMetrics as getMetricsP } from '../ops/getMetrics.js';
import { getModelStatus as getModelStatusP } from '../ops/getModelStatus.js';
import { getServerStatistics as getServerStatisticsP } from '../ops/getServerStatistics.js';
import { listModels as listModelsP } from '../ops/listModels.js';
import { reloadConfig as reloadConfigP } from '../ops/reloadConfig.js';
import { rerank as rerankP } from '../ops/rerank.js';
import { retrieveModel as retrieveModelP } from '../ops/retrieveModel.js';
import { tokenize as tokenizeP } from '../ops/tokenize.js';
import { updateModelConfig as updateModelConfigP } from '../ops/updateModelConfig.js';
import { waitForModelAvailable as waitForModelAvailableP } from '../ops/waitForModelAvailable.js';

/** An operation as a function of the config that never throws: it resolves to `Left<OvmsError>` or `Right<A>`. */
export type Op<A> = RTE.ReaderTaskEither<ClientConfig, OvmsError, A>;

/** Anything thrown becomes an `OvmsError` (ours already are; anything else is a bug surfaced as `Decode`). */
export function toOvmsError(error: unknown): OvmsError {
  if (isOvmsError(error)) return error;
  return new OvmsError({ _tag: 'Decode' }, `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/**
 * Lifts a promise-returning operation `(config, ...args) => Promise<A>` into `(...args) => Op<A>`.
 * Exported so that extensions can lift their own operations the same way.
 */
export function lift<Args extends readonly unknown[], A>(op: (config: ClientConfig, ...args: Args) => Promise<A>): (...args: Args) => Op<A> {
  return (...args) =>
    (config) =>
      TE.tryCatch(() => op(config, ...args), toOvmsError);
}

/** {@link inferP | infer} as a `ReaderTaskEither`. */
export const infer = /*#__PURE__*/ lift(inferP);
/** {@link batchInferP | batchInfer} as a `ReaderTaskEither`. */
export const batchInfer = /*#__PURE__*/ lift(batchInferP);
/** {@link getModelMetadataWithShapesP | getModelMetadataWithShapes} as a `ReaderTaskEither`. */
export const getModelMetadataWithShapes = /*#__PURE__*/ lift(getModelMetadataWithShapesP);
/** {@link getModelReadyP | getModelReady} as a `ReaderTaskEither`. */
export const getModelReady = /*#__PURE__*/ lift(getModelReadyP);
/** {@link getServerLiveP | getServerLive} as a `ReaderTaskEither`. */
export const getServerLive = /*#__PURE__*/ lift(getServerLiveP);
/** {@link getServerReadyP | getServerReady} as a `ReaderTaskEither`. */
export const getServerReady = /*#__PURE__*/ lift(getServerReadyP);
/** {@link getServerMetadataP | getServerMetadata} as a `ReaderTaskEither`. */
export const getServerMetadata = /*#__PURE__*/ lift(getServerMetadataP);

/** {@link explainPredictionP | explainPrediction} as a `ReaderTaskEither`. */
export const explainPrediction = /*#__PURE__*/ lift(explainPredictionP);
/** {@link chatCompletionP | chatCompletion} as a `ReaderTaskEither`. Streaming operations stay async iterables: use them directly. */
export const chatCompletion = /*#__PURE__*/ lift(chatCompletionP);
/** {@link completionP | completion} as a `ReaderTaskEither`. */
export const completion = /*#__PURE__*/ lift(completionP);
/** {@link createEmbeddingsP | createEmbeddings} as a `ReaderTaskEither`. */
export const createEmbeddings = /*#__PURE__*/ lift(createEmbeddingsP);
/** {@link rerankP | rerank} as a `ReaderTaskEither`. */
export const rerank = /*#__PURE__*/ lift(rerankP);
/** {@link tokenizeP | tokenize} as a `ReaderTaskEither`. */
export const tokenize = /*#__PURE__*/ lift(tokenizeP);
/** {@link listModelsP | listModels} as a `ReaderTaskEither`. */
export const listModels = /*#__PURE__*/ lift(listModelsP);
/** {@link retrieveModelP | retrieveModel} as a `ReaderTaskEither`. */
export const retrieveModel = /*#__PURE__*/ lift(retrieveModelP);
/** {@link detectServerApiP | detectServerApi} as a `ReaderTaskEither`. */
export const detectServerApi = /*#__PURE__*/ lift(detectServerApiP);
/** {@link getConfigStatusP | getConfigStatus} as a `ReaderTaskEither`. */
export const getConfigStatus = /*#__PURE__*/ lift(getConfigStatusP);
/** {@link reloadConfigP | reloadConfig} as a `ReaderTaskEither`. */
export const reloadConfig = /*#__PURE__*/ lift(reloadConfigP);
/** {@link waitForModelAvailableP | waitForModelAvailable} as a `ReaderTaskEither`. */
export const waitForModelAvailable = /*#__PURE__*/ lift(waitForModelAvailableP);
/** {@link getModelStatusP | getModelStatus} as a `ReaderTaskEither`. */
export const getModelStatus = /*#__PURE__*/ lift(getModelStatusP);
/** {@link getMetricsP | getMetrics} as a `ReaderTaskEither`. */
export const getMetrics = /*#__PURE__*/ lift(getMetricsP);
/** {@link getServerStatisticsP | getServerStatistics} as a `ReaderTaskEither`. */
export const getServerStatistics = /*#__PURE__*/ lift(getServerStatisticsP);
/** {@link updateModelConfigP | updateModelConfig} as a `ReaderTaskEither`. */
export const updateModelConfig = /*#__PURE__*/ lift(updateModelConfigP);

/** Reads the config inside a program, e.g. to branch on its model. */
export const askConfig: Op<ClientConfig> = /*#__PURE__*/ RTE.ask<ClientConfig, OvmsError>();
