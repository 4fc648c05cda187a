/**
 * The server-side failure: an HTTP status and OVMS's message text. Internal to the test server
 * (never crosses the library's public boundary, where `OvmsError` is the only error type).
 */

/** OVMS's base messages (`src/status.cpp`), quoted in rest-api.md §1.3, §3, §4.5, §4.6. */
export const MSG = {
  invalidUrl: 'Invalid request URL',
  unsupportedMethod: 'Unsupported method',
  pathInvalid: "The provided base path is invalid or doesn't exists",
  jsonInvalid: 'The file is not valid json',
  bodyNotObject: 'Request body should be JSON object',
  unknownOrder: 'Invalid JSON structure. Could not detect row or column format',
  instancesNotArray: 'Invalid JSON structure. Nonamed instance is not an array.',
  namedInstanceNotObject: 'Invalid JSON structure. One of named instances is not a JSON object.',
  noInstances: 'Invalid JSON structure. Missing instances in row format',
  notNamedOrNonamed: 'Could not detect neither named or nonamed format',
  couldNotParseInstance: 'Could not parse instance content. Not valid ndarray detected',
  batchSizeDiffer: 'Invalid JSON structure. Request inputs have different batch sizes',
  inputsNotObject: 'Invalid JSON structure. One of inputs is not a JSON object.',
  tfsNoInputs: 'Invalid JSON structure. Missing inputs in column format',
  kfsNoInputs: 'Invalid JSON structure, missing inputs',
  couldNotParseInput: 'Could not parse input content. Not valid ndarray detected',
  couldNotParseOutput: 'Could not parse output content.',
  couldNotParseParameters: 'Could not parse request parameters',
  unsupportedPrecision: 'Could not parse input content. Unsupported data precision detected',
  binaryDataSizeInvalid: 'binary_data_size parameter is invalid and cannot be parsed',
  binaryBufferExceeded: 'Received buffer size is smaller than binary_data_size parameter indicates',
  headerLengthInvalid: "Inference-Header-Content-Length header is invalid and couldn't be parsed",
  headerLengthExceeded: 'Inference-Header-Content-Length header exceeds actual payload length',
  contentsNotEmpty: 'Request contains values both in binary data and in content value',
  nestingTooDeep: 'JSON nesting depth exceeds the allowed limit',
  noOfInputs: 'Invalid number of inputs',
  missingInput: 'Missing input with specific name',
  precision: 'Invalid input precision',
  noOfShapeDims: 'Invalid number of shape dimensions',
  batchSize: 'Invalid input batch size',
  shape: 'Invalid input shape',
  valueCount: 'Invalid number of values in tensor proto container',
  contentSize: 'Invalid content size of tensor proto',
  restNotFound: 'Requested REST resource not found',
  nameMissing: 'Model with requested name is not found',
  versionMissing: 'Model with requested version is not found',
  notLoadedYet: 'Model with requested version is not loaded yet',
  retired: 'Model with requested version is retired',
  graphMissing: 'Mediapipe graph definition with requested name is not found',
  graphNotLoadedYet: 'Mediapipe is not loaded yet',
  mediapipeExecution: 'Mediapipe execution failed. MP status',
  unauthorized: 'Unauthorized request due to invalid or missing api-key',
  internal: 'Internal server error',
  serverNotReady: 'Server is not ready',
  configNotFound: 'Config file not found or cannot open.',
  configReloadFailed: 'Reloading config file failed. Check server logs for more info.',
} as const;

/** A failure the server answers with `{"error":"<message>"}` and `status`. */
export class OvmsHttpError extends Error {
  /** The HTTP status of the answer. */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'OvmsHttpError';
    this.status = status;
  }
}

/** Builds an {@link OvmsHttpError}; `details` is appended as OVMS does: `<base> - <details>` (rest-api.md §1.2). */
export function httpError(status: number, base: string, details?: string): OvmsHttpError {
  return new OvmsHttpError(status, details === undefined ? base : `${base} - ${details}`);
}
