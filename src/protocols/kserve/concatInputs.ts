import { isTypedArray } from '../../tensors/isTypedArray.js';
import type { TypedArray } from '../../tensors/types.js';
import type { PreparedInput } from './KserveInferPayload.js';

/**
 * Whether prepared items can travel as one request along the batch dimension: same input names,
 * datatypes and per-sample dimensions, and a model whose first dimension is dynamic or equals the
 * total batch.
 */
export function canConcatenate(items: readonly (readonly PreparedInput[])[], modelShapes: ReadonlyMap<string, readonly number[]>): boolean {
  const first = items[0];
  if (first === undefined || items.length < 2) return false;
  return first.every((input, j) => {
    const model = modelShapes.get(input.name);
    if (model === undefined || model.length === 0 || input.shape.length !== model.length) return false;
    let total = 0;
    for (const item of items) {
      const other = item[j];
      if (other === undefined || other.name !== input.name || other.datatype !== input.datatype || other.shape.length !== input.shape.length) return false;
      for (let d = 1; d < input.shape.length; d++) if (other.shape[d] !== input.shape[d]) return false;
      total += other.shape[0] as number;
    }
    return model[0] === -1 || model[0] === total;
  });
}

/** Joins the items' inputs along the first dimension (call {@link canConcatenate} first). */
export function concatInputs(items: readonly (readonly PreparedInput[])[]): PreparedInput[] {
  const first = items[0] ?? [];
  return first.map((input, j) => {
    const parts = items.map((item) => item[j] as PreparedInput);
    const batch = parts.reduce((n, p) => n + (p.shape[0] as number), 0);
    return { ...input, shape: [batch, ...input.shape.slice(1)], values: joinValues(parts.map((p) => p.values)) };
  });
}

function joinValues(parts: readonly PreparedInput['values'][]): PreparedInput['values'] {
  const head = parts[0];
  if (isTypedArray(head) && parts.every((p) => p.constructor === head.constructor)) {
    const total = parts.reduce((n, p) => n + p.length, 0);
    const out = new (head.constructor as new (n: number) => TypedArray)(total);
    let offset = 0;
    for (const p of parts as readonly TypedArray[]) {
      (out as { set(a: ArrayLike<unknown>, o: number): void }).set(p as ArrayLike<unknown>, offset);
      offset += p.length;
    }
    return out;
  }
  const out: unknown[] = [];
  for (const p of parts) for (let i = 0; i < p.length; i++) out.push((p as ArrayLike<unknown>)[i]);
  return out;
}
