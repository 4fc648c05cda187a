import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Tensor } from '../../tensors/types.js';
import { toNested } from '../../tensors/toNested.js';
import { toJsonText } from '../format/toJsonText.js';
import { encodeNpy } from '../npy/encodeNpy.js';
import { usageError } from '../usageError.js';

/** A file written by {@link writeOutputs}. */
export interface WrittenOutput {
  readonly name: string;
  readonly datatype: string;
  readonly shape: readonly number[];
  /** As given on the command line, joined with the output name for a directory. */
  readonly file: string;
}

/** An output name as a file name: path separators and other unsafe characters become `_`. */
const fileName = (name: string): string => name.replace(/[^\w.-]/g, '_').replace(/^\.+/, '_');

/**
 * Writes inference outputs for `--output <target>`:
 * `*.json` → one JSON object `{"<output>": nested array}`; `*.npy` → the only output (an error when
 * there are several); anything else → a directory (created if needed) with `<output>.npy` per
 * output, or `<output>.json` for BYTES, which `.npy` cannot hold here.
 *
 * @param outputs - The decoded outputs.
 * @param target - The `--output` value.
 * @param cwd - Directory a relative target resolves against.
 * @returns What was written.
 * @throws {OvmsError} a usage error for `*.npy` with several outputs; file system errors as they are.
 */
export async function writeOutputs(outputs: readonly Tensor[], target: string, cwd: string): Promise<WrittenOutput[]> {
  const path = resolve(cwd, target);
  const info = (t: Tensor, file: string): WrittenOutput => ({ name: t.name, datatype: t.datatype, shape: t.shape, file });
  const lower = target.toLowerCase();
  if (lower.endsWith('.json')) {
    const all = Object.fromEntries(outputs.map((t) => [t.name, toNested(t)]));
    await writeFile(path, toJsonText(all) + '\n');
    return outputs.map((t) => info(t, target));
  }
  const isDir = await stat(path).then((s) => s.isDirectory(), () => false);
  if (lower.endsWith('.npy') && !isDir) {
    const [only, ...rest] = outputs;
    if (only === undefined || rest.length > 0) {
      throw usageError(`--output ${target}: the model has ${outputs.length} outputs (${outputs.map((t) => t.name).join(', ')}); give a directory or a .json file`, 'output');
    }
    await writeFile(path, encodeNpy(only));
    return [info(only, target)];
  }
  await mkdir(path, { recursive: true });
  const written: WrittenOutput[] = [];
  for (const t of outputs) {
    const bytes = t.datatype === 'BYTES';
    const file = `${fileName(t.name)}${bytes ? '.json' : '.npy'}`;
    await writeFile(join(path, file), bytes ? toJsonText(toNested(t)) + '\n' : encodeNpy(t));
    written.push(info(t, join(target, file)));
  }
  return written;
}
