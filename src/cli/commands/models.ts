import { getConfigStatus } from '../../ops/getConfigStatus.js';
import type { Command } from '../Command.js';
import { EXIT_CODES } from '../exitCodes.js';
import { formatTable } from '../format/formatTable.js';
import { toJsonText } from '../format/toJsonText.js';

/** `ovms models`: every servable, version and state from `/v1/config`. */
export const models: Command = {
  name: 'models',
  summary: 'servables, their versions and states (GET /v1/config)',
  help: `Usage: ovms models [--json]

Lists every model, DAG and MediaPipe graph OVMS knows, one row per version, with its state
(START, LOADING, AVAILABLE, UNLOADING, END) and load status. Retired versions stay listed (END).

JSON: [{"name", "version", "state", "errorCode", "errorMessage"}]`,
  options: {},
  args: { min: 0, max: 0 },
  async run({ config, json, io, signal }) {
    const status = await getConfigStatus(config, { signal });
    const rows = Object.keys(status)
      .sort()
      .flatMap((name) =>
        [...(status[name]?.model_version_status ?? [])]
          .sort((a, b) => Number(a.version) - Number(b.version))
          .map((v) => ({ name, version: v.version, state: v.state, errorCode: v.status.error_code, errorMessage: v.status.error_message })),
      );
    if (json) {
      io.stdout.write(toJsonText(rows) + '\n');
    } else if (rows.length === 0) {
      io.stdout.write('no servables\n');
    } else {
      const status = (r: (typeof rows)[number]): string => (r.errorCode === 'OK' ? 'OK' : `${r.errorCode}: ${r.errorMessage}`);
      io.stdout.write(formatTable(['MODEL', 'VERSION', 'STATE', 'STATUS'], rows.map((r) => [r.name, r.version, r.state, status(r)])));
    }
    return EXIT_CODES.ok;
  },
};
