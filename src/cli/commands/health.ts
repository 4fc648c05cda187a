import { isOvmsErrorReason } from '../../errors/OvmsError.js';
import { getServerLive } from '../../ops/getServerLive.js';
import { getServerMetadata } from '../../ops/getServerMetadata.js';
import { getServerReady } from '../../ops/getServerReady.js';
import type { Command } from '../Command.js';
import { EXIT_CODES } from '../exitCodes.js';
import { toJsonText } from '../format/toJsonText.js';

/** `ovms health`: liveness, readiness and server version. */
export const health: Command = {
  name: 'health',
  summary: 'is the server live and ready, and which version is it',
  help: `Usage: ovms health [--json]

Asks GET /v2/health/live, /v2/health/ready and /v2. Exits 0 when the server is live and ready,
5 when it answers but is not (yet) ready, 2 when it cannot be reached.

JSON: {"url", "live", "ready", "server": {"name", "version"} | null}`,
  options: {},
  args: { min: 0, max: 0 },
  async run({ config, json, io, signal }) {
    const live = await getServerLive(config, { signal });
    const [ready, server] = await Promise.all([
      live ? getServerReady(config, { signal }) : Promise.resolve(false),
      // An OVMS that is starting may refuse /v2; the version is then unknown, not an error.
      getServerMetadata(config, { signal, retry: false }).catch((error: unknown) => {
        if (isOvmsErrorReason(error, 'Status')) return undefined;
        throw error;
      }),
    ]);
    if (json) {
      io.stdout.write(toJsonText({ url: config.baseUrl, live, ready, server: server === undefined ? null : { name: server.name, version: server.version } }) + '\n');
    } else {
      const yes = (b: boolean): string => (b ? 'yes' : 'no');
      io.stdout.write(
        `url     ${config.baseUrl}\nlive    ${yes(live)}\nready   ${yes(ready)}\nserver  ${server === undefined ? 'unknown' : `${server.name} ${server.version}`}\n`,
      );
    }
    return live && ready ? EXIT_CODES.ok : EXIT_CODES.check;
  },
};
