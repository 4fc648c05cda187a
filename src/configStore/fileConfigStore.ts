/**
 * A config store on the local file system. Node-only (it imports `node:fs`): it lives in the
 * `ipfs_accelerate_js/config-store` entry, never in the browser-facing `ovms` entry.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
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

/** Options of {@link fileConfigStore}. */
export interface FileConfigStoreOptions {
  /** Replaces file operations (for tests). */
  readonly fs?: Partial<FileStoreFs>;
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
 * - The version is checked again right before the rename. A writer that does not use a store can
 *   still slip into the few microseconds between that check and the rename; nothing short of a
 *   lock that every editor honours closes that window, and OVMS itself takes none.
 *
 * @param path - The config.json path.
 * @param options - Test hooks.
 * @returns The store.
 * @throws {OvmsError} from `read`/`write`: `Transport` (with the file system `code`, e.g.
 *   `ENOENT`, `EACCES`, `EROFS`) when the file cannot be read or written; `Status` 409 `ECONFLICT`
 *   from `write` when the file changed since it was read.
 * @example
 * ```ts
 * import { fileConfigStore } from 'ipfs_accelerate_js/config-store';
 * const store = fileConfigStore('/opt/ovms/config.json');
 * ```
 */
export function fileConfigStore(path: string, options: FileConfigStoreOptions = {}): ConfigStore {
  const fs: FileStoreFs = { ...defaultFs, ...options.fs };

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
      try {
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
      }
    },
  };
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
  const code = typeof cause === 'object' && cause !== null && typeof (cause as { code?: unknown }).code === 'string' ? (cause as { code: string }).code : 'EIO';
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new OvmsError({ _tag: 'Transport' }, `Cannot ${what} config.json at ${path} (${code}): ${detail}`, {
    code,
    cause,
    request: { operation: `configStore.${what}` },
  });
}
