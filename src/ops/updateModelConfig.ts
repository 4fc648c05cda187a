import type { ClientConfig } from '../config/ClientConfig.js';
import { abortedError } from '../core/sleep.js';
import type { CallOptions } from '../core/types.js';
import { configConflict, isConfigConflict } from '../configStore/configConflict.js';
import type { ConfigStore } from '../configStore/ConfigStore.js';
import { decodeError, invalidInput, isOvmsErrorReason } from '../errors/OvmsError.js';
import { applyModelConfigPatch } from '../protocols/config/applyModelConfigPatch.js';
import type { ConfigStatus, ModelVersionStatus } from '../protocols/config/configStatusSchema.js';
import type { ModelConfigChange } from '../protocols/config/ModelConfigChange.js';
import { validateConfigFile } from '../protocols/config/validateConfigFile.js';
import { invalidateMetadata } from '../protocols/kserve/metadataCache.js';
import { reloadConfig } from './reloadConfig.js';
import { waitForModelAvailable } from './waitForModelAvailable.js';

/** Options of {@link updateModelConfig}. */
export interface UpdateModelConfigOptions extends CallOptions {
  /** Validate against OVMS <= 2026.2's schema (which still accepts `stateful`, …). Default false. */
  readonly legacy?: boolean;
  /** Read-modify-write attempts when someone else edits the file meanwhile (default 3). */
  readonly maxAttempts?: number;
  /** How long to wait for the model to be `AVAILABLE` after the reload; `false` skips the wait. */
  readonly wait?: { readonly timeoutMs?: number; readonly intervalMs?: number } | false;
}

/** What {@link updateModelConfig} returns. */
export interface UpdateModelConfigResult {
  /** The model's `config` object as now written. */
  readonly modelConfig: Readonly<Record<string, unknown>>;
  /** False when the patch changed nothing (the file was not rewritten; the reload still ran). */
  readonly changed: boolean;
  /** `POST /v1/config/reload`'s status map. */
  readonly reload: ConfigStatus;
  /** The model's `AVAILABLE` version after the wait; undefined with `wait: false`. */
  readonly available: ModelVersionStatus | undefined;
}

/**
 * Changes one model's entry in the server's config.json and makes OVMS apply it: the only real
 * way to change batch size, shape, performance hint, streams, precision or device at run time
 * (rest-api.md §7.2: no REST endpoint does it).
 *
 * Read → parse → validate → apply the patch to `model_config_list[].config` of `model` → validate
 * against OVMS's schema (§7.1) → write with compare-and-swap (a concurrent edit makes the store
 * refuse; the whole read-modify-write is then redone, up to `maxAttempts` times) →
 * `POST /v1/config/reload` → wait until the model is `AVAILABLE` again. When OVMS refuses the
 * reload (it keeps its old config then), the old text is written back, again by compare-and-swap,
 * so the file matches what the server runs. The file is written back as
 * JSON with the indentation it had; comments are not possible in OVMS's config.json anyway.
 *
 * @param config - The client config.
 * @param store - Where config.json is (e.g. `fileConfigStore(path)` from `ipfs_accelerate_js/config-store`).
 * @param model - The servable name in `model_config_list` (not a MediaPipe graph: those have no such settings).
 * @param patch - The change (see `executionModePatch`, `modelConfigPatch`, `quantizationPatch`).
 * @param options - Per-call options, `legacy`, `maxAttempts`, `wait`.
 * @returns The written entry, whether it changed, the reload answer and the available version.
 * @throws {OvmsError} `InvalidInput` for an unknown model (listing the names) or a patch the schema
 *   rejects; `Status` from the reload (the file is then restored); `Decode` when the stored file is not valid JSON or not a valid config; `Status` 409
 *   (`ECONFLICT`) when every attempt lost the race; the store's errors; `reloadConfig`'s errors;
 *   `Timeout` from the wait; `Aborted`.
 * @example
 * ```ts
 * const store = fileConfigStore('/opt/ovms/config.json');
 * await updateModelConfig(config, store, 'bert', executionModePatch('throughput'));
 * ```
 */
export async function updateModelConfig(
  config: ClientConfig,
  store: ConfigStore,
  model: string,
  patch: ModelConfigChange,
  options: UpdateModelConfigOptions = {},
): Promise<UpdateModelConfigResult> {
  const { legacy = false, maxAttempts = 3, wait = {}, ...callOptions } = options;
  if (typeof model !== 'string' || model === '') throw invalidInput('model', 'expected a servable name');
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw invalidInput('patch', 'expected an object');
  if ('name' in patch) throw invalidInput('patch.name', 'the name identifies the entry and cannot be patched');
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) throw invalidInput('maxAttempts', `expected an integer >= 1, got ${String(maxAttempts)}`);

  let written: { modelConfig: Record<string, unknown>; changed: boolean; text: string } | undefined;
  let previousText = '';
  for (let attempt = 1; written === undefined; attempt += 1) {
    if (callOptions.signal?.aborted) throw abortedError(callOptions.signal);
    const snapshot = await store.read();
    previousText = snapshot.text;
    const edit = editModel(snapshot.text, model, patch, legacy);
    if (!edit.changed) {
      written = edit;
      break;
    }
    try {
      await store.write(edit.text, snapshot.version);
      written = edit;
    } catch (error) {
      if (!isConfigConflict(error)) throw error;
      if (attempt >= maxAttempts) throw configConflict(`the config store (${maxAttempts} attempts)`);
    }
  }

  let reload: ConfigStatus;
  try {
    reload = await reloadConfig(config, callOptions);
  } catch (error) {
    // OVMS refused the new file (a model that does not load, rest-api.md §3) and kept the old
    // config; put the old text back so that its file poller does not keep failing on ours.
    if (written.changed && isOvmsErrorReason(error, 'Status')) await restore(store, written.text, previousText);
    throw error;
  }
  const available = wait === false ? undefined : await waitForModelAvailable(config, { model, ...wait }, callOptions);
  // Metadata fetched while the model was reloading may describe the old configuration.
  invalidateMetadata(config, model);
  return { modelConfig: written.modelConfig, changed: written.changed, reload, available };
}

// Best effort and compare-and-swap: only our own text is replaced, never a newer edit.
async function restore(store: ConfigStore, ours: string, previous: string): Promise<void> {
  try {
    const now = await store.read();
    if (now.text === ours) await store.write(previous, now.version);
  } catch {
    // The reload error is what the caller needs; the file keeps our edit.
  }
}

/** Parses, validates, patches and re-validates; pure. */
function editModel(text: string, model: string, patch: ModelConfigChange, legacy: boolean): { text: string; modelConfig: Record<string, unknown>; changed: boolean } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw decodeError(`config.json is not valid JSON (${(error as Error).message})`, error);
  }
  const before = validateConfigFile(doc, legacy);
  if (!before.ok) throw decodeError(`the stored config.json is not valid for OVMS already: ${before.message}`);
  const file = doc as { model_config_list: { config: Record<string, unknown> }[]; mediapipe_config_list?: { name: string }[] };
  const index = file.model_config_list.findIndex((m) => m.config.name === model);
  if (index < 0) {
    const names = file.model_config_list.map((m) => m.config.name as string);
    const graph = (file.mediapipe_config_list ?? []).some((g) => g.name === model);
    throw invalidInput(
      'model',
      graph
        ? `"${model}" is a MediaPipe graph: its settings live in its graph.pbtxt, not in config.json`
        : `no model "${model}" in config.json (models: ${names.join(', ') || 'none'})`,
    );
  }
  const current = (file.model_config_list[index] as { config: Record<string, unknown> }).config;
  const modelConfig = applyModelConfigPatch(current, patch);
  const list = file.model_config_list.map((m, i) => (i === index ? { ...m, config: modelConfig } : m));
  const next = { ...file, model_config_list: list };
  const after = validateConfigFile(next, legacy);
  if (!after.ok) throw invalidInput('patch', `the patched config.json would not be valid for OVMS: ${after.message}`);
  const changed = JSON.stringify(modelConfig) !== JSON.stringify(current);
  return { text: changed ? `${JSON.stringify(next, null, indentOf(text))}\n` : text, modelConfig, changed };
}

// Keeps the file's indentation (tab or n spaces; default 2) so the rewrite diffs only where it changed.
function indentOf(text: string): string | number {
  const m = /\n([ \t]+)\S/.exec(text);
  if (m === null) return 2;
  const ws = m[1] as string;
  return ws.startsWith('\t') ? '\t' : ws.length;
}
