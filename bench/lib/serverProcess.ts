import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a server process has seen since its last reset. */
export interface ServerStats {
  /** TCP connections accepted (-1 when the server does not count them). */
  readonly connections: number;
  readonly requests: number;
}

/** A benchmark server running in its own process. */
export interface ServerProcess {
  readonly url: string;
  readonly stats: () => Promise<ServerStats>;
  readonly reset: () => Promise<void>;
  readonly close: () => Promise<void>;
}

/**
 * Forks `bench/servers/<name>.ts` under tsx (a separate process, so the server never competes with
 * the client's event loop) and resolves once it reports its URL over IPC.
 */
export function startServerProcess(name: 'cannedServer' | 'testServer'): Promise<ServerProcess> {
  const script = fileURLToPath(new URL(`../servers/${name}.ts`, import.meta.url));
  const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const reply = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: { type: string } & T): void => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null): void => reject(new Error(`${name} exited with ${String(code)}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return reply<{ url: string }>('ready').then(({ url }) => ({
    url,
    stats: async () => {
      const done = reply<ServerStats>('stats');
      child.send({ type: 'stats' });
      const { connections, requests } = await done;
      return { connections, requests };
    },
    reset: async () => {
      const done = reply<unknown>('reset');
      child.send({ type: 'reset' });
      await done;
    },
    close: () => closeChild(child),
  }));
}

function closeChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.disconnect();
  });
}
