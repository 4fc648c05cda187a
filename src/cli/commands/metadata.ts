import { getModelMetadataWithShapes } from '../../ops/getModelMetadataWithShapes.js';
import type { Command } from '../Command.js';
import { EXIT_CODES } from '../exitCodes.js';
import { formatTable } from '../format/formatTable.js';
import { toJsonText } from '../format/toJsonText.js';

/** `ovms metadata <model>`: inputs and outputs as a table. */
export const metadata: Command = {
  name: 'metadata',
  summary: "a model's inputs and outputs: names, datatypes, shapes",
  help: `Usage: ovms metadata <model> [--version <v>] [--json]

Asks GET /v2/models/<model>[/versions/<v>]. A shape dimension of -1 is dynamic.

Options:
  --version <v>   a model version (default: the server's latest)

JSON: the KServe metadata as OVMS sends it: {"name", "versions", "platform", "inputs", "outputs"}`,
  options: { version: { type: 'string' } },
  args: { min: 1, max: 1 },
  async run({ config, values, positionals, json, io, signal }) {
    const model = positionals[0] as string;
    const version = values.version as string | undefined;
    const meta = await getModelMetadataWithShapes(config, { model, ...(version === undefined ? {} : { version }) }, { signal });
    if (json) {
      io.stdout.write(toJsonText(meta) + '\n');
      return EXIT_CODES.ok;
    }
    const shape = (s: readonly number[]): string => `[${s.join(', ')}]`;
    io.stdout.write(`model     ${meta.name}\nversions  ${meta.versions.join(', ') || '-'}\nplatform  ${meta.platform}\n\n`);
    io.stdout.write(
      formatTable(
        ['', 'NAME', 'DATATYPE', 'SHAPE'],
        [...meta.inputs.map((t) => ['input', t.name, t.datatype, shape(t.shape)]), ...meta.outputs.map((t) => ['output', t.name, t.datatype, shape(t.shape)])],
      ),
    );
    return EXIT_CODES.ok;
  },
};
