import { getModelMetadataWithShapes } from '../../ops/getModelMetadataWithShapes.js';
import { infer as inferOp } from '../../ops/infer.js';
import { toNested } from '../../tensors/toNested.js';
import type { Command } from '../Command.js';
import { EXIT_CODES } from '../exitCodes.js';
import { toJsonText } from '../format/toJsonText.js';
import { parseInputSpec } from '../infer/parseInputSpec.js';
import { readInputFiles } from '../infer/readInputFiles.js';
import { writeOutputs } from '../infer/writeOutputs.js';
import { usageError } from '../usageError.js';

/** `ovms infer <model> --input <file>`: one inference from JSON or `.npy` files. */
export const infer: Command = {
  name: 'infer',
  summary: 'run one inference with inputs from JSON or .npy files',
  help: `Usage: ovms infer <model> --input <file> [--input <name>=<file> ...] [--output <path>] [--version <v>] [--json]

Sends POST /v2/models/<model>[/versions/<v>]/infer (typed data travels as binary tensors).

Options:
  --input <file>         JSON {"<input>": nested array, ...} (or KServe {"inputs": [...]}), or a NumPy
                         .npy file (little-endian <f2 <f4 <f8 <i1..<i8 <u1..<u8 |b1, C order).
  --input <name>=<file>  the same, for the named input (needed for .npy when the model has several
                         inputs and the file is not called <name>.npy). Repeat for several inputs.
  --output <path>        write outputs instead of printing them: <file>.npy (a model with one output),
                         <file>.json (all outputs), or a directory (<output>.npy each; BYTES as .json)
  --version <v>          a model version (default: the server's latest)

JSON: {"model", "version", "id", "outputs": [{"name", "datatype", "shape", "data" | "file"}]}
      (64-bit integers beyond 2^53 are printed as strings)

Example:
  ovms infer dummy --input b=input.npy --output out/`,
  options: { input: { type: 'string', multiple: true }, output: { type: 'string' }, version: { type: 'string' } },
  args: { min: 1, max: 1 },
  async run({ config, values, positionals, json, io, signal, cwd }) {
    const model = positionals[0] as string;
    const version = values.version as string | undefined;
    const specs = ((values.input as string[] | undefined) ?? []).map(parseInputSpec);
    if (specs.length === 0) throw usageError('infer needs at least one --input <file>', 'input');
    const target = { model, ...(version === undefined ? {} : { version }) };
    const meta = await getModelMetadataWithShapes(config, target, { signal });
    const inputs = await readInputFiles(specs, meta.inputs, cwd);
    const result = await inferOp(config, { ...target, inputs }, { signal });
    const head = { model: result.modelName, version: result.modelVersion ?? null, id: result.id ?? null };

    const output = values.output as string | undefined;
    if (output !== undefined) {
      const written = await writeOutputs(result.outputs, output, cwd);
      if (json) io.stdout.write(toJsonText({ ...head, outputs: written }) + '\n');
      else for (const w of written) io.stdout.write(`${w.name}  ${w.datatype}  [${w.shape.join(', ')}]  → ${w.file}\n`);
      return EXIT_CODES.ok;
    }
    if (json) {
      const outputs = result.outputs.map((t) => ({ name: t.name, datatype: t.datatype, shape: t.shape, data: toNested(t) }));
      io.stdout.write(toJsonText({ ...head, outputs }) + '\n');
    } else {
      for (const t of result.outputs) {
        io.stdout.write(`${t.name}  ${t.datatype}  [${t.shape.join(', ')}]\n${toJsonText(toNested(t), 0)}\n`);
      }
    }
    return EXIT_CODES.ok;
  },
};
