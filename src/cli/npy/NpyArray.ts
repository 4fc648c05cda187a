import type { Datatype } from '../../tensors/datatypes.js';
import type { TypedArray } from '../../tensors/types.js';

/** The element types a `.npy` file may hold here: little-endian numbers and `|b1` booleans. */
export type NpyData = TypedArray | boolean[];

/** A decoded `.npy` array: its KServe datatype, its shape and its flat C-order data. */
export interface NpyArray {
  /** The numpy `descr` as read or written, e.g. `<f4`, `|b1`. */
  readonly descr: string;
  readonly datatype: Datatype;
  readonly shape: readonly number[];
  readonly data: NpyData;
}
