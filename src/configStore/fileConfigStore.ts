/**
 * A config store on the local file system. Node-only (it imports `node:fs`): it lives in the
 * `ipfs_accelerate_js/config-store` entry, never in the browser-facing `ovms` entry.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { OvmsError } from '../errors/OvmsError.js';
import type { ConfigSnapshot, ConfigStore } from './ConfigStore.js';
import { configConflict } from './configConflict.js';

/** The file operations the store uses; tests replace one to simulate a failure. */
export interface FileStoreFs {
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly stat: (path: string) => Promise<{ readonly mtimeMs: number; readonly size: number; readonly mode: number }>;
  readonly realpath: (path: string) => Promise<string>;
  readonly open: (path: string, flags: string, mode?: number) => Promise<nodeFs.FileHandle>;
  readonly rename: (from: string, to: string) => Promise<void>;
  readonly unlink: (path: string) => Promise<void>;
}

/** How writers of one config.json take turns (see {@link fileConfigStore}). */
export interface FileConfigStoreLockOptions {
  /** Longest wait for another writer's lock, in ms (default 10 000); then `Timeout` (`code` `ELOCKED`). */
  readonly timeoutMs?: number;
  /**
   * A lock older than this (ms, default 30 000) is taken to be left by a writer that died, also
   * when its process cannot be checked (another host). A writer holds it for milliseconds.
   */
  readonly staleMs?: number;
}

/** Options of {@link fileConfigStore}. */
export interface FileConfigStoreOptions {
  /** Replaces file operations (for tests). */
  readonly fs?: Partial<FileStoreFs>;
  /** The writers' lock; `false` leaves only compare-and-swap (not safe across processes). */
  readonly lock?: FileConfigStoreLockOptions | false;
}

const defaultFs: FileStoreFs = {
  readFile: (path) => nodeFs.readFile(path),
  stat: (path) => nodeFs.stat(path),
  realpath: (path) => nodeFs.realpath(path),
  open: (path, flags, mode) => nodeFs.open(path, flags, mode),
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (path) => nodeFs.unlink(path),
};

/**
 * A store for a config.json on this machine (the file OVMS was started with `--config_path`).
 *
 * - `version` = SHA-256 of the content, its size and its mtime: any edit in between, even one
 *   that restores the same bytes later, makes `write` fail with the conflict error.
 * - `write` is atomic: the text goes to a temporary file in the same folder, is fsync'ed, and is
 *   renamed over the target (rename within one file system replaces atomically, so OVMS's
 *   poller and readers see the old or the new file, never a half-written one); the folder is
 *   fsync'ed after. On any failure the temporary file is removed and the old file is intact.
 * - A symbolic link is followed: the file it points to is replaced, the link stays.
 * - Writers through this store take turns: `write` holds an exclusive lock file
 *   (`.<name>.lock` next to the file, created with `O_EXCL`) from the version check to the rename.
 *   Compare-and-swap alone is not enough across processes: two writers can both pass the check
 *   and rename one after the other, and the first update is lost (tests/reliability/configStore.test.ts
 *   showed it: 29 of 30 updates from 6 processes). A lock whose writer died (its process is gone,
 *   or it is older than `staleMs`) is broken and taken over; a writer killed at any point leaves
 *   the previous file intact (at worst a hidden temporary file and a stale lock remain).
 * - The version is checked again right before the rename, under the lock. An editor that does
 *   not use a store (a person, OVMS itself takes no lock) can still slip into the few microseconds
 *   between that check and the rename.
 *
 * @param path - The config.json path.
 * @param options - `lock` (the writers' lock: on by default, `false` to turn it off) and test hooks (`fs`).
 * @returns The store.
 * @throws {OvmsError} from `read`/`write`: `Transport` (with the file system `code`, e.g.
 *   `ENOENT`, `EACCES`, `EROFS`) when the file cannot be read or written; `Status` 409 `ECONFLICT`
 *   from `write` when the file changed since it was read; `Timeout` (`code` `ELOCKED`) from `write`
 *   when another writer held the lock longer than `lock.timeoutMs`.
 * @example
 * ```ts
 * import { fileConfigStore } from 'ipfs_accelerate_js/config-store';
 * const store = fileConfigStore('/opt/ovms/config.json');
 * ```
 */
export function fileConfigStore(path: string, options: FileConfigStoreOptions = {}): ConfigStore {
  const fs: FileStoreFs = { ...defaultFs, ...options.fs };
  const lock = options.lock === false ? undefined : { timeoutMs: options.lock?.timeoutMs ?? 10_000, staleMs: options.lock?.staleMs ?? 30_000 };

  const snapshot = async (target: string): Promise<ConfigSnapshot> => {
    // stat before and after the read: if they differ, the file changed while it was read.
    for (let attempt = 0; ; attempt += 1) {
      const before = await fs.stat(target);
      const bytes = await fs.readFile(target);
      const after = await fs.stat(target);
      if ((before.mtimeMs === after.mtimeMs && before.size === after.size) || attempt >= 3) {
        const hash = createHash('sha256').update(bytes).digest('hex');
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), version: `sha256:${hash}:${after.size}:${after.mtimeMs}` };
      }
    }
  };

  return {
    async read() {
      try {
        return await snapshot(await fs.realpath(path));
      } catch (error) {
        throw ioError('read', path, error);
      }
    },

    async write(text, expectedVersion) {
      let target: string;
      let mode: number;
      try {
        target = await fs.realpath(path);
        if ((await snapshot(target)).version !== expectedVersion) throw configConflict(path);
        mode = (await fs.stat(target)).mode & 0o7777;
      } catch (error) {
        throw error instanceof OvmsError ? error : ioError('write', path, error);
      }
      const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
      let created = false;
      let release: (() => Promise<void>) | undefined;
      try {
        if (lock !== undefined) release = await acquireLock(fs, join(dirname(target), `.${basename(target)}.lock`), lock, path);
        if ((await snapshot(target)).version !== expectedVersion) throw configConflict(path);
        const handle = await fs.open(temp, 'wx', mode);
        created = true;
        try {
          await handle.writeFile(text, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        if ((await snapshot(target)).version !== expectedVersion) throw configConflict(path);
        await fs.rename(temp, target);
        created = false;
        await syncFolder(fs, dirname(target));
      } catch (error) {
        if (created) await fs.unlink(temp).catch(() => undefined);
        throw error instanceof OvmsError ? error : ioError('write', path, error);
      } finally {
        await release?.();
      }
    },
  };
}

const decoder = /*#__PURE__*/ new TextDecoder();

/**
 * Takes the writers' lock: creates `lockPath` exclusively (`wx` = `O_CREAT | O_EXCL`) with an owner
 * line `<host> <pid> <token>`. While another writer holds it, waits (5–25 ms steps) up to
 * `timeoutMs`. A lock whose owner process is gone (same host), or that is older than `staleMs`, is
 * broken: renamed aside (atomic, so of two writers breaking it only one succeeds) and checked to be
 * the stale one before it is removed.
 *
 * @returns The release function: removes the lock if it is still ours.
 */
async function acquireLock(fs: FileStoreFs, lockPath: string, options: { readonly timeoutMs: number; readonly staleMs: number }, path: string): Promise<() => Promise<void>> {
  const owner = `${hostname()} ${process.pid} ${randomBytes(8).toString('hex')}`;
  const started = Date.now();
  for (;;) {
    try {
      const handle = await fs.open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(owner, 'utf8');
      } finally {
        await handle.close();
      }
      return async () => {
        try {
          if (decoder.decode(await fs.readFile(lockPath)) === owner) await fs.unlink(lockPath);
        } catch {
          // Already gone (broken as stale by another writer): nothing to release.
        }
      };
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
    const held = await readLock(fs, lockPath);
    if (held !== undefined && isStale(held, options.staleMs)) {
      await breakLock(fs, lockPath, held.text);
      continue;
    }
    if (Date.now() - started >= options.timeoutMs) {
      throw new OvmsError(
        { _tag: 'Timeout', timeoutMs: options.timeoutMs },
        `config.json at ${path} is locked by another writer (${held?.text ?? 'unknown'}) for more than ${options.timeoutMs} ms`,
        { code: 'ELOCKED', request: { operation: 'configStore.write' } },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
}

async function readLock(fs: FileStoreFs, lockPath: string): Promise<{ readonly text: string; readonly ageMs: number } | undefined> {
  try {
    const [bytes, stat] = await Promise.all([fs.readFile(lockPath), fs.stat(lockPath)]);
    return { text: decoder.decode(bytes), ageMs: Date.now() - stat.mtimeMs };
  } catch {
    return undefined; // released meanwhile
  }
}

function isStale(lock: { readonly text: string; readonly ageMs: number }, staleMs: number): boolean {
  if (lock.ageMs > staleMs) return true;
  // An empty lock file is one whose writer died between creating and filling it.
  if (lock.text === '') return lock.ageMs > 1_000;
  const [host, pid] = lock.text.split(' ');
  if (host !== hostname() || pid === undefined || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    // EPERM: the process exists (another user's); ESRCH: it is gone.
    return codeOf(error) === 'ESRCH';
  }
}

async function breakLock(fs: FileStoreFs, lockPath: string, staleText: string): Promise<void> {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await fs.rename(lockPath, aside);
  } catch {
    return; // another writer broke it first
  }
  const taken = await fs.readFile(aside).then((b) => decoder.decode(b), () => undefined);
  // Between our read and our rename, another writer may have broken the stale lock and taken a
  // fresh one: put that one back.
  if (taken !== undefined && taken !== staleText) await fs.rename(aside, lockPath).catch(() => undefined);
  else await fs.unlink(aside).catch(() => undefined);
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
}

// Makes the rename itself durable. Some platforms (Windows) cannot open a folder: best effort.
async function syncFolder(fs: FileStoreFs, folder: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // The data is already in place; only durability across a power cut is at stake.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function ioError(what: 'read' | 'write', path: string, cause: unknown): OvmsError {
  const code = codeOf(cause) ?? 'EIO';
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new OvmsError({ _tag: 'Transport' }, `Cannot ${what} config.json at ${path} (${code}): ${detail}`, {
    code,
    cause,
    request: { operation: `configStore.${what}` },
  });
}
