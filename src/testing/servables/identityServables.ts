/**
 * `identity_<datatype>` servables: one per KServe datatype, output = input, so a client can
 * round-trip every datatype through JSON and binary data (rest-api.md §4.7).
 */
import { DATATYPES, type Datatype } from '../../tensors/index.js';
import type { ModelServableDefinition } from './ServableDefinition.js';
import { renamed } from './tensorData.js';

/** The datatypes that get an identity servable: all of them (BF16 is a documented extension). */
const IDENTITY_DATATYPES: readonly Datatype[] = DATATYPES;

/**
 * The identity servable of `datatype`: input `input`, output `output` of the same datatype and
 * shape ([-1,-1], BYTES [-1]; config `shape` may change it, e.g. `"()"` for a scalar).
 */
export function identityServable(datatype: Datatype): ModelServableDefinition {
  const shape = datatype === 'BYTES' ? [-1] : [-1, -1];
  return {
    kind: 'model',
    id: `identity_${datatype.toLowerCase()}`,
    summary: `input \`input\` ${datatype} ${JSON.stringify(shape)} → output \`output\` = input${
      datatype === 'BF16' ? ' (real OVMS accepts BF16 only in MediaPipe graphs)' : ''
    }`,
    versions: [1],
    batched: true,
    inputs: () => [{ name: 'input', datatype, shape }],
    outputs: (_v, ins) => [renamed(ins[0] ?? { name: 'input', datatype, shape }, 'output')],
    compute: (inputs) => {
      const t = inputs.get('input');
      return t === undefined ? [] : [{ name: 'output', datatype, shape: t.shape, data: t.data }];
    },
  };
}

/** Every identity servable. */
export function identityServables(): ModelServableDefinition[] {
  return IDENTITY_DATATYPES.map(identityServable);
}
