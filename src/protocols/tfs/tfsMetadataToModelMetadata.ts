import { decodeError } from '../../errors/OvmsError.js';
import type { ModelMetadata, TensorMetadata } from '../kserve/kserveSchemas.js';
import { tfsDtypeToDatatype } from './tfsDtype.js';
import type { TfsModelMetadata, TfsTensorInfo } from './TfsModelMetadata.js';

/**
 * Converts TFS metadata to the KServe `ModelMetadata` shape the rest of the library uses
 * (rest-api.md §4.2): tensors keyed by their signature key (the name a request uses), `DT_…`
 * dtypes mapped to KServe datatypes (`DT_FLOAT` → `FP32`, unknown → `INVALID`), `versions` holding
 * the version that answered, platform `OpenVINO` (what OVMS reports for every servable). TFS
 * metadata has no `rt_info`, so none is set. Pure.
 *
 * @param metadata - From `tfsGetModelMetadata`.
 * @returns `{ name, versions, platform, inputs: [{ name, datatype, shape }], outputs }`.
 * @throws {OvmsError} `Decode` for a tensor of unknown rank, which KServe metadata cannot express.
 * @example
 * ```ts
 * const meta = tfsMetadataToModelMetadata(await tfsGetModelMetadata(config, { model: 'dummy' }));
 * meta.inputs[0]; // { name: 'b', datatype: 'FP32', shape: [1, 10] }
 * ```
 */
export function tfsMetadataToModelMetadata(metadata: TfsModelMetadata): ModelMetadata {
  const tensor = (t: TfsTensorInfo): TensorMetadata => {
    if (t.unknownRank) throw decodeError(`tfsMetadataToModelMetadata: tensor "${t.name}" of model "${metadata.name}" has an unknown rank, which KServe metadata cannot express`);
    return { name: t.name, datatype: tfsDtypeToDatatype(t.dtype), shape: [...t.shape] };
  };
  return {
    name: metadata.name,
    versions: metadata.version === undefined ? [] : [metadata.version],
    platform: 'OpenVINO',
    inputs: metadata.inputs.map(tensor),
    outputs: metadata.outputs.map(tensor),
  };
}
