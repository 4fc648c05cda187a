/**
 * `ipfs_accelerate_js/ovms/tfs`: the TensorFlow-Serving REST API of OVMS <= 2026.2 (removed in
 * 2026.3, rest-api.md §0, §2), kept apart from the main entry so it can be dropped one day, plus
 * the server API detection that tells when it may be used.
 *
 * Named re-exports only; nothing runs at import.
 */
export { tfsGetModelStatus } from './ops/tfsGetModelStatus.js';
export { tfsGetModelMetadata } from './ops/tfsGetModelMetadata.js';
export { tfsPredict } from './ops/tfsPredict.js';
export { detectServerApi, type DetectServerApiOptions } from './ops/detectServerApi.js';
export { compareOvmsVersion } from './server/compareOvmsVersion.js';
export { parseOvmsVersion, type OvmsVersion } from './server/parseOvmsVersion.js';
export { forgetServerApi } from './server/serverApiCache.js';
export type { ServerApi } from './server/ServerApi.js';
export { tfsMetadataToModelMetadata } from './protocols/tfs/tfsMetadataToModelMetadata.js';
export { tfsDtypeToDatatype, datatypeToTfsDtype } from './protocols/tfs/tfsDtype.js';
export { tfsModelPath, tfsModelSegment } from './protocols/tfs/tfsPaths.js';
export { tfsPredictPayload } from './protocols/tfs/tfsPredictPayload.js';
export type { TfsPredictPayload } from './protocols/tfs/TfsPredictRequest.js';
export type { TfsModelMetadata, TfsTensorInfo } from './protocols/tfs/TfsModelMetadata.js';
export type { TfsModelState, TfsModelVersionStatus } from './protocols/tfs/tfsSchemas.js';
export type {
  TfsBinary,
  TfsColumnRequest,
  TfsColumnResponse,
  TfsJson,
  TfsNamedValues,
  TfsPredictRequest,
  TfsPredictResponse,
  TfsRowRequest,
  TfsRowResponse,
  TfsScalar,
  TfsValue,
} from './protocols/tfs/TfsPredictRequest.js';
