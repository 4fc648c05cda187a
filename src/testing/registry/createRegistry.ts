/**
 * The servable registry of one server: which names are served, by which built-in servable,
 * which versions exist and in which state (rest-api.md §2 "Model status", §3, §7.2).
 */
import type { ConfigShape, GraphConfigEntry, ModelConfigEntry, ServerConfigFile } from '../config/parseConfigFile.js';
import { httpError, MSG } from '../http/OvmsHttpError.js';
import { builtinServables, resolveBasePath } from '../servables/builtinServables.js';
import type { Dim, ModelServableDefinition, ServableDefinition, TensorSpec } from '../servables/ServableDefinition.js';
import { withBatch } from '../servables/tensorData.js';

/** A version state as OVMS reports it. */
export type VersionStateName = 'START' | 'LOADING' | 'AVAILABLE' | 'UNLOADING' | 'END';

/** One version of a servable. */
export interface VersionStatus {
  readonly version: number;
  state: VersionStateName;
  errorCode: 'OK' | 'UNKNOWN' | 'FAILED_PRECONDITION';
}

/** One served name. */
export interface RegistryEntry {
  readonly name: string;
  definition: ServableDefinition;
  /** The config entry of a model (undefined for graphs). */
  model: ModelConfigEntry | undefined;
  fingerprint: string;
  readonly versions: Map<number, VersionStatus>;
  /** True once the name left the config (its versions are `END`). */
  retired: boolean;
}

/** What a request resolved to. */
export interface Resolved {
  readonly entry: RegistryEntry;
  readonly version: number;
}

/** Why a name is resolved: messages differ per endpoint (rest-api.md §4.1, §4.6). */
export type ResolvePurpose = 'infer' | 'ready' | 'metadata' | 'tfs';

/** Options of {@link createRegistry}. */
export interface RegistryOptions {
  /** Time a version spends in LOADING before AVAILABLE: one value, or per servable name (others 0). */
  readonly loadTimeMs: number | Readonly<Record<string, number>>;
  /** Called when a version becomes AVAILABLE (metrics pre-create their series then). */
  readonly onAvailable: (entry: RegistryEntry, version: number) => void;
}

/** The registry of one server. */
export interface Registry {
  /** Applies a validated config; returns the names skipped because `base_path` selects no built-in servable. */
  apply(config: ServerConfigFile): { readonly skipped: readonly string[] };
  /** Every entry, sorted by name (the order of `/v1/config`, rest-api.md §3). */
  entries(): readonly RegistryEntry[];
  find(name: string): RegistryEntry | undefined;
  /** The state to report, with the not-ready fault applied. */
  stateOf(entry: RegistryEntry, v: VersionStatus): VersionStateName;
  /** Finds a servable version or throws the OVMS 404. `versionText` is the URL digits, if any. */
  resolve(name: string, versionText: string | undefined, purpose: ResolvePurpose): Resolved;
  /** Effective input specs of a model version (config `shape`/`batch_size` applied). */
  inputs(entry: RegistryEntry, version: number): readonly TensorSpec[];
  /** Effective output specs of a model version. */
  outputs(entry: RegistryEntry, version: number): readonly TensorSpec[];
  /** Whether config asks for `auto` on the batch dimension or the whole shape of `input`. */
  auto(entry: RegistryEntry, input: string): { readonly batch: boolean; readonly shape: boolean };
  /** Makes every version of `name` report not-ready (LOADING) for `ms` (fault injection). */
  setNotReady(name: string, ms: number): void;
  /** Cancels pending load timers. */
  dispose(): void;
}

const INT64_MAX = 9223372036854775807n;

function wantedVersions(def: ServableDefinition, cfg: ModelConfigEntry | undefined): Set<number> {
  if (def.kind === 'graph') return new Set([1]);
  const available = [...def.versions].sort((a, b) => a - b);
  const policy = cfg?.versionPolicy ?? { kind: 'latest', count: 1 };
  if (policy.kind === 'all') return new Set(available);
  if (policy.kind === 'latest') return new Set(available.slice(-policy.count));
  return new Set(available.filter((v) => policy.versions.includes(v)));
}

function shapeFor(cfg: ModelConfigEntry | undefined, input: string): ConfigShape | undefined {
  if (cfg?.shape === undefined) return undefined;
  if (cfg.shape instanceof Map) return cfg.shape.get(input);
  return cfg.shape as ConfigShape;
}

/**
 * Creates an empty registry.
 *
 * @returns the registry; call `apply` with a parsed config to serve something
 */
export function createRegistry(options: RegistryOptions): Registry {
  const catalogue = builtinServables();
  const map = new Map<string, RegistryEntry>();
  const timers = new Map<string, NodeJS.Timeout>();
  const notReadyUntil = new Map<string, number>();

  const loadTime = (name: string): number =>
    typeof options.loadTimeMs === 'number' ? options.loadTimeMs : (options.loadTimeMs[name] ?? 0);

  const cancel = (entry: RegistryEntry, version: number): void => {
    const key = `${entry.name}\u0000${version}`;
    const t = timers.get(key);
    if (t !== undefined) clearTimeout(t);
    timers.delete(key);
  };

  const load = (entry: RegistryEntry, version: number): void => {
    cancel(entry, version);
    const ms = loadTime(entry.name);
    const status: VersionStatus = { version, state: ms > 0 ? 'LOADING' : 'AVAILABLE', errorCode: 'OK' };
    entry.versions.set(version, status);
    if (ms <= 0) {
      options.onAvailable(entry, version);
      return;
    }
    const key = `${entry.name}\u0000${version}`;
    const timer = setTimeout(() => {
      timers.delete(key);
      status.state = 'AVAILABLE';
      options.onAvailable(entry, version);
    }, ms);
    timer.unref();
    timers.set(key, timer);
  };

  const retire = (entry: RegistryEntry, version: number): void => {
    cancel(entry, version);
    const s = entry.versions.get(version);
    if (s !== undefined) s.state = 'END';
  };

  const stateOf = (entry: RegistryEntry, v: VersionStatus): VersionStateName => {
    const until = notReadyUntil.get(entry.name);
    if (v.state === 'AVAILABLE' && until !== undefined && Date.now() < until) return 'LOADING';
    return v.state;
  };

  const model = (entry: RegistryEntry): ModelServableDefinition | undefined => (entry.definition.kind === 'model' ? entry.definition : undefined);

  const inputs = (entry: RegistryEntry, version: number): readonly TensorSpec[] => {
    const def = model(entry);
    if (def === undefined) return [];
    const cfg = entry.model;
    return def.inputs(version).map((spec) => {
      let shape: readonly Dim[] = spec.shape;
      const s = shapeFor(cfg, spec.name);
      if (s !== undefined && s !== 'auto') shape = s;
      if (def.batched && typeof cfg?.batchSize === 'number') shape = withBatch(shape, cfg.batchSize);
      return { name: spec.name, datatype: spec.datatype, shape };
    });
  };

  return {
    apply(config) {
      const skipped: string[] = [];
      const present = new Set<string>();
      const items: { readonly name: string; readonly basePath: string; readonly fingerprint: string; readonly model?: ModelConfigEntry; readonly kind: 'model' | 'graph' }[] = [
        ...config.models.map((m) => ({ name: m.name, basePath: m.basePath, fingerprint: m.fingerprint, model: m, kind: 'model' as const })),
        ...config.graphs.map((g: GraphConfigEntry) => ({ name: g.name, basePath: g.basePath, fingerprint: g.fingerprint, kind: 'graph' as const })),
      ];
      for (const item of items) {
        const def = resolveBasePath(item.basePath, catalogue);
        if (def === undefined || def.kind !== item.kind) {
          skipped.push(item.name);
          continue;
        }
        present.add(item.name);
        const cfg = item.model;
        const wanted = wantedVersions(def, cfg);
        const existing = map.get(item.name);
        if (existing === undefined) {
          const entry: RegistryEntry = { name: item.name, definition: def, model: cfg, fingerprint: item.fingerprint, versions: new Map(), retired: false };
          map.set(item.name, entry);
          for (const v of [...wanted].sort((a, b) => a - b)) load(entry, v);
          continue;
        }
        // Any change to a model's config reloads all its versions (rest-api.md §7.2).
        const changed = existing.fingerprint !== item.fingerprint || existing.definition !== def || existing.retired;
        existing.definition = def;
        existing.model = cfg;
        existing.fingerprint = item.fingerprint;
        existing.retired = false;
        for (const [v, s] of existing.versions) if (!wanted.has(v) && s.state !== 'END') retire(existing, v);
        for (const v of [...wanted].sort((a, b) => a - b)) {
          const s = existing.versions.get(v);
          if (s === undefined || s.state === 'END' || changed) load(existing, v);
        }
      }
      for (const entry of map.values()) {
        if (present.has(entry.name)) continue;
        entry.retired = true;
        for (const v of entry.versions.keys()) retire(entry, v);
      }
      return { skipped };
    },
    entries() {
      return [...map.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    find(name) {
      return map.get(name);
    },
    stateOf,
    resolve(name, versionText, purpose) {
      const entry = map.get(name);
      if (entry === undefined) {
        // The name lookup runs model → DAG → MediaPipe graph and the last miss wins on infer (rest-api.md §4.6).
        throw httpError(404, purpose === 'infer' ? MSG.graphMissing : MSG.nameMissing);
      }
      let requested: number | undefined;
      if (versionText !== undefined) {
        const big = BigInt(versionText);
        // A version beyond int64 is "not found" (fixture F38).
        if (big > INT64_MAX) throw httpError(404, MSG.versionMissing);
        requested = big === 0n ? undefined : Number(big);
      }
      const notReady = MSG.notLoadedYet;
      if (requested !== undefined) {
        const s = entry.versions.get(requested);
        if (s === undefined) throw httpError(404, MSG.versionMissing);
        const state = stateOf(entry, s);
        if (state === 'AVAILABLE') return { entry, version: requested };
        if ((state === 'END' || state === 'UNLOADING') && purpose === 'infer') throw httpError(404, MSG.retired);
        // Ready answers "not loaded yet" for any state that is not AVAILABLE (rest-api.md §4.1, fixture F40).
        throw httpError(404, notReady);
      }
      const live = [...entry.versions.values()].filter((s) => s.state !== 'END').sort((a, b) => b.version - a.version);
      const available = live.find((s) => stateOf(entry, s) === 'AVAILABLE');
      if (available !== undefined) return { entry, version: available.version };
      if (live.length > 0) throw httpError(404, notReady);
      if (entry.versions.size > 0) throw httpError(404, purpose === 'infer' ? MSG.retired : MSG.notLoadedYet);
      throw httpError(404, MSG.versionMissing);
    },
    inputs,
    outputs(entry, version) {
      const def = model(entry);
      return def === undefined ? [] : def.outputs(version, inputs(entry, version));
    },
    auto(entry, input) {
      return { batch: entry.model?.batchSize === 'auto', shape: shapeFor(entry.model, input) === 'auto' };
    },
    setNotReady(name, ms) {
      notReadyUntil.set(name, Date.now() + ms);
    },
    dispose() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
