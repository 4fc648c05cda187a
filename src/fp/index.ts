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

/** Reads the config inside a program, e.g. to branch on its model. */
export const askConfig: Op<ClientConfig> = /*#__PURE__*/ RTE.ask<ClientConfig, OvmsError>();
