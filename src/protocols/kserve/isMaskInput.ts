import type { TensorMetadata } from './kserveSchemas.js';

/**
 * True for an attention-mask input: an integer datatype and a name containing `mask` (any case),
 * like BERT's `mask`, `attention_mask` or `input_mask`. Such an input may be filled with ones
 * when the caller gives only the token ids (every token attended, which is what the mask of an
 * unpadded sequence is).
 *
 * @param input - An input of the model's metadata.
 * @returns Whether the input is an integer attention mask.
 */
export function isMaskInput(input: TensorMetadata): boolean {
  return /mask/i.test(input.name) && /^U?INT(8|16|32|64)$/.test(input.datatype);
}
