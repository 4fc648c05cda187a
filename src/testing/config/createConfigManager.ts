/**
 * config.json life cycle: initial load, `GET /v1/config`, `POST /v1/config/reload` and optional
 * polling like `--file_system_poll_wait_seconds` (rest-api.md §3, §7.2).
 */
import { readFileSync } from 'node:fs';
import { configErrorAnswer, jsonAnswer, type HttpAnswer } from '../http/HttpAnswer.js';
import { MSG } from '../http/OvmsHttpError.js';
import type { Registry } from '../registry/createRegistry.js';
import { formatConfigStatus } from './formatConfigStatus.js';
import { parseConfigFile, type ServerConfigFile } from './parseConfigFile.js';

/** The config side of one server. */
export interface ConfigManager {
  /** Loads the file at start; throws an Error with the reason when it is unusable (OVMS would not start). */
  loadInitial(): void;
  /** `GET /v1/config`. */
  status(): HttpAnswer;
  /** `POST /v1/config/reload`: 200 with the status map, or the config-style error (fixtures F22–F31). */
  reload(): HttpAnswer;
  /** Polls the file every `ms` and reloads on change (0 = off). */
  startPolling(ms: number): void;
  dispose(): void;
}

/** Options of {@link createConfigManager}. */
export interface ConfigManagerOptions {
  readonly path: string;
  readonly legacy: boolean;
  readonly registry: Registry;
  /** Called with each applied config (metrics settings follow `monitoring`). */
  readonly onApplied: (config: ServerConfigFile) => void;
}

/** Creates the manager; nothing is read until `loadInitial`. */
export function createConfigManager(o: ConfigManagerOptions): ConfigManager {
  let lastText: string | undefined;
  let poller: NodeJS.Timeout | undefined;

  const read = (): string | undefined => {
    try {
      return readFileSync(o.path, 'utf8');
    } catch {
      return undefined;
    }
  };

  const reload = (): HttpAnswer => {
    const text = read();
    if (text === undefined) return configErrorAnswer(500, MSG.configNotFound);
    if (text !== lastText) {
      const parsed = parseConfigFile(text, o.legacy);
      // An invalid file applies nothing (rest-api.md §7.2).
      if (!parsed.ok) return configErrorAnswer(parsed.status, MSG.configReloadFailed);
      lastText = text;
      const { skipped } = o.registry.apply(parsed.config);
      o.onApplied(parsed.config);
      // A base_path that selects nothing is PATH_INVALID → 400; the other servables are applied.
      if (skipped.length > 0) return configErrorAnswer(400, MSG.configReloadFailed);
    }
    // 200 whether or not something was reloaded: Drogon never applies OK_RELOADED's 201 (rest-api.md §3).
    return jsonAnswer(200, formatConfigStatus(o.registry));
  };

  return {
    loadInitial() {
      const text = read();
      if (text === undefined) throw new Error(`${MSG.configNotFound} (${o.path})`);
      const parsed = parseConfigFile(text, o.legacy);
      if (!parsed.ok) throw new Error(`invalid config file ${o.path}: ${parsed.detail}`);
      lastText = text;
      const { skipped } = o.registry.apply(parsed.config);
      o.onApplied(parsed.config);
      if (skipped.length > 0) throw new Error(`base_path selects no built-in servable for: ${skipped.join(', ')}`);
    },
    status() {
      return jsonAnswer(200, formatConfigStatus(o.registry));
    },
    reload,
    startPolling(ms) {
      if (ms <= 0) return;
      poller = setInterval(() => {
        const text = read();
        if (text !== undefined && text !== lastText) reload();
      }, ms);
      poller.unref();
    },
    dispose() {
      if (poller !== undefined) clearInterval(poller);
      poller = undefined;
    },
  };
}
