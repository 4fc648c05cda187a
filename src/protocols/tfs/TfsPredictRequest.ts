import type { ModelTarget } from '../../ops/ModelTarget.js';
import type { TypedArray } from '../../tensors/types.js';

/**
 * A binary string in TFS JSON: base64 text in an object whose only key is `b64` (rest-api.md §2).
 * OVMS decodes it as JPEG/PNG for image inputs and as raw bytes for string inputs.
 */
export interface TfsBinary {
  readonly b64: string;
}

/**
 * One element of TFS input data. A `Uint8Array` is a binary string and travels as `{ "b64": … }`
 * (to send uint8 numbers, pass a plain array); a `bigint` is written as an exact JSON integer.
 */
export type TfsScalar = number | bigint | boolean | string | Uint8Array | TfsBinary;

/** TFS input data: a scalar, a typed array (numbers), or a (nested) list of them. */
export type TfsValue = TfsScalar | TypedArray | readonly TfsValue[];

/**
 * Values by input name: one instance of a named row request, or the `inputs` of a named column
 * request. An object whose only key is `b64` is read as a {@link TfsBinary} value, as on the wire.
 */
export type TfsNamedValues = Readonly<Record<string, TfsValue>>;

/**
 * A row-format predict (`{"instances": [...]}`, rest-api.md §2): one element per batch row, each
 * either an object by input name (named) or the bare value of a single-input model (nonamed).
 */
export interface TfsRowRequest extends ModelTarget {
  readonly instances: readonly TfsNamedValues[] | readonly TfsValue[];
  /** Sent as `signature_name`; OVMS accepts and ignores it. */
  readonly signatureName?: string;
}

/**
 * A column-format predict (`{"inputs": ...}`, rest-api.md §2): an object by input name whose values
 * carry the whole batch, or the bare value of a single-input model.
 */
export interface TfsColumnRequest extends ModelTarget {
  readonly inputs: TfsNamedValues | TfsValue;
  /** Sent as `signature_name`; OVMS accepts and ignores it. */
  readonly signatureName?: string;
}

/** What `tfsPredict` sends: row (`instances`) or column (`inputs`) format. */
export type TfsPredictRequest = TfsRowRequest | TfsColumnRequest;

/** A JSON value of a predict answer. */
export type TfsJson = null | boolean | number | string | readonly TfsJson[] | { readonly [key: string]: TfsJson };

/**
 * The answer to a row request: `predictions`, one element per instance; for a single-output model
 * each element is that output's value, for several outputs an object by output name (fixtures F08, F10).
 */
export interface TfsRowResponse {
  readonly predictions: readonly TfsJson[];
}

/**
 * The answer to a column request: `outputs`, the bare value of a single-output model (a bare number
 * for a scalar) or an object by output name (fixtures F11, F13, F14).
 */
export interface TfsColumnResponse {
  readonly outputs: TfsJson;
}

/** The answer of `tfsPredict`. */
export type TfsPredictResponse = TfsRowResponse | TfsColumnResponse;

/** The logical payload of a TFS predict, as middleware sees it: its format and the finished JSON body. */
export interface TfsPredictPayload {
  readonly kind: 'tfs.predict';
  readonly format: 'row' | 'column';
  /** The request body, serialised once so that retries resend the same bytes. */
  readonly body: string;
}

/** Narrows a request payload to a TFS predict payload. */
export function isTfsPredictPayload(payload: unknown): payload is TfsPredictPayload {
  return typeof payload === 'object' && payload !== null && (payload as { kind?: unknown }).kind === 'tfs.predict';
}
