/**
 * A config.json writer process for `configStore.test.ts`:
 *
 *   node --import tsx scenarios/configWriter.ts update <configPath> <serverUrl> <writerId> <count>
 *     Adds `count` changes of its own (plugin_config keys `W<writerId>_<k>`) to model `dummy`
 *     through `fileConfigStore` + `updateModelConfig`, then prints one JSON line.
 *
 *   node --import tsx scenarios/configWriter.ts crash <configPath> <point>
 *     Writes through `fileConfigStore` and SIGKILLs itself at `point`: `afterTempWrite` (the new
 *     text is in the temporary file, before the rename) or `whileWriting` (half of the text written).
 */
import type { FileHandle } from 'node:fs/promises';
import { fileConfigStore } from '../../../src/configStore/fileConfigStore.js';
import { createConfig, updateModelConfig } from '../../../src/ovms.js';

const [mode, path = '', ...rest] = process.argv.slice(2);

if (mode === 'update') {
  const [url = '', writerId = '0', countArg = '1'] = rest;
  const config = createConfig({ baseUrl: url, timeout: 20_000 });
  const store = fileConfigStore(path);
  let conflicts = 0;
  const counting = {
    read: () => store.read(),
    write: async (text: string, version: string) => {
      try {
        await store.write(text, version);
      } catch (error) {
        conflicts += 1;
        throw error;
      }
    },
  };
  for (let k = 0; k < Number(countArg); k += 1) {
    await updateModelConfig(config, counting, 'dummy', { plugin_config: { [`W${writerId}_${k}`]: k } }, { wait: false, maxAttempts: 10_000 });
  }
  process.stdout.write(`${JSON.stringify({ writerId, done: Number(countArg), conflicts })}\n`);
} else if (mode === 'crash') {
  const [point = 'afterTempWrite'] = rest;
  const die = (): never => {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable');
  };
  const store = fileConfigStore(path, {
    fs: {
      rename: async () => die(),
      ...(point === 'whileWriting'
        ? {
            open: async (p: string, flags: string, modeArg?: number) => {
              const { open } = await import('node:fs/promises');
              const handle = await open(p, flags, modeArg);
              if (!p.endsWith('.tmp')) return handle;
              // The temp file gets half of the text, then the process dies.
              return new Proxy(handle, {
                get(target, key) {
                  if (key === 'writeFile') {
                    return async (text: string) => {
                      await target.write(text.slice(0, Math.floor(text.length / 2)));
                      await target.sync();
                      die();
                    };
                  }
                  const value = Reflect.get(target, key) as unknown;
                  return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
                },
              }) as FileHandle;
            },
          }
        : {}),
    },
  });
  const { text, version } = await store.read();
  const doc = JSON.parse(text) as { model_config_list: { config: Record<string, unknown> }[] };
  doc.model_config_list.push({ config: { name: 'never_written', base_path: 'builtin:dummy' } });
  process.stdout.write(`${JSON.stringify({ writing: true })}\n`);
  await store.write(`${JSON.stringify(doc, null, 2)}\n`, version);
  process.stdout.write(`${JSON.stringify({ survived: true })}\n`);
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
