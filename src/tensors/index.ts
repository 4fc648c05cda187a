/**
 * Tensor datatypes and the conversions between JS data and KServe v2 tensor encodings
 * (binary and JSON). Named re-exports only, so bundlers keep just what is used.
 */
export { DATATYPES, elementSize, isDatatype, isFloatDatatype, type Datatype } from './datatypes.js';
export type {
  DecodedData,
  DecodeOptions,
  NestedArray,
  Tensor,
  TensorInputData,
  TensorOutputData,
  TensorOutputDataMap,
  TensorScalar,
  TypedArray,
} from './types.js';
export { decodeFloat16, encodeFloat16, float16BitsToFloat32, float32ToFloat16Bits } from './float16.js';
export { bfloat16BitsToFloat32, decodeBfloat16, encodeBfloat16, float32ToBfloat16Bits } from './bfloat16.js';
export { flatten, type FlattenOptions, type Flattened } from './flatten.js';
export { shapeSize } from './shapeSize.js';
export { toNested, type NestedOutput, type OutputScalar } from './toNested.js';
export { inferDatatype } from './inferDatatype.js';
export { isTypedArray } from './isTypedArray.js';
export { typedArrayDatatype } from './typedArrayDatatype.js';
export { encodeBinary } from './encodeBinary.js';
export { decodeBinary } from './decodeBinary.js';
export { encodeBytesElements } from './encodeBytesElements.js';
export { decodeBytesElements } from './decodeBytesElements.js';
export { toJsonData } from './toJsonData.js';
export { decodeJson } from './decodeJson.js';
