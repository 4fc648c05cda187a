/**
 * The server's metric store and its Prometheus text rendering (prometheus-cpp `TextSerializer`
 * layout, rest-api.md §6 and `metrics-sample.prom`).
 */
import { HISTOGRAM_BOUNDS, METRIC_FAMILIES } from './metricFamilies.js';

/** Label names and values of one series. */
export type Labels = Readonly<Record<string, string>>;

/** The metric store of one server instance. */
export interface MetricsStore {
  /** Creates the series with value 0 when it does not exist (OVMS pre-creates series when a version loads). */
  ensure(family: string, labels: Labels): void;
  /** Adds `by` to a counter or gauge (creating the series). */
  add(family: string, labels: Labels, by: number): void;
  /** Sets a gauge. */
  set(family: string, labels: Labels, value: number): void;
  /** Records one histogram observation (microseconds). */
  observe(family: string, labels: Labels, value: number): void;
  /** The current value of a counter or gauge series, or undefined. */
  value(family: string, labels: Labels): number | undefined;
  /** Changes which families are emitted (config `monitoring.metrics.metrics_list`). */
  setEnabled(families: readonly string[] | undefined): void;
  /** The Prometheus text exposition. */
  render(): string;
}

interface Series {
  readonly labels: [string, string][];
  value: number;
  sum: number;
  count: number;
  buckets: number[] | undefined;
}

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

// Labels sorted by name, as prometheus-cpp stores them (std::map).
function sortedLabels(labels: Labels): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function labelText(pairs: readonly [string, string][], extra?: [string, string]): string {
  const all = extra === undefined ? pairs : [...pairs, extra];
  return all.length === 0 ? '' : `{${all.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

// prometheus-cpp prints doubles with enough digits; every value here is integral or short.
const num = (v: number): string => (Number.isInteger(v) ? String(v) : String(v));

/**
 * Creates an empty store.
 *
 * @param enabled - the families to emit; undefined = OVMS's defaults
 */
export function createMetrics(enabled?: readonly string[]): MetricsStore {
  const families = new Map<string, Map<string, Series>>();
  let enabledSet = new Set(enabled ?? METRIC_FAMILIES.filter((f) => f.byDefault).map((f) => f.name));
  const typeOf = (family: string): string | undefined => METRIC_FAMILIES.find((f) => f.name === family)?.type;
  const get = (family: string, labels: Labels): Series => {
    let fam = families.get(family);
    if (fam === undefined) {
      fam = new Map();
      families.set(family, fam);
    }
    const pairs = sortedLabels(labels);
    const key = labelText(pairs);
    let s = fam.get(key);
    if (s === undefined) {
      s = { labels: pairs, value: 0, sum: 0, count: 0, buckets: typeOf(family) === 'histogram' ? new Array<number>(HISTOGRAM_BOUNDS.length).fill(0) : undefined };
      fam.set(key, s);
    }
    return s;
  };
  return {
    ensure(family, labels) {
      get(family, labels);
    },
    add(family, labels, by) {
      get(family, labels).value += by;
    },
    set(family, labels, value) {
      get(family, labels).value = value;
    },
    observe(family, labels, value) {
      const s = get(family, labels);
      s.count += 1;
      s.sum += value;
      if (s.buckets !== undefined) {
        for (let i = 0; i < HISTOGRAM_BOUNDS.length; i += 1) if (value <= (HISTOGRAM_BOUNDS[i] as number)) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
      }
    },
    value(family, labels) {
      return families.get(family)?.get(labelText(sortedLabels(labels)))?.value;
    },
    setEnabled(list) {
      enabledSet = new Set(list ?? METRIC_FAMILIES.filter((f) => f.byDefault).map((f) => f.name));
    },
    render() {
      const out: string[] = [];
      for (const f of METRIC_FAMILIES) {
        const fam = families.get(f.name);
        if (!enabledSet.has(f.name) || fam === undefined || fam.size === 0) continue;
        out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
        for (const s of fam.values()) {
          if (f.type !== 'histogram') {
            out.push(`${f.name}${labelText(s.labels)} ${num(s.value)}`);
            continue;
          }
          // prometheus-cpp order: _count, _sum, then cumulative _bucket lines ending with +Inf.
          out.push(`${f.name}_count${labelText(s.labels)} ${s.count}`, `${f.name}_sum${labelText(s.labels)} ${num(s.sum)}`);
          HISTOGRAM_BOUNDS.forEach((b, i) => out.push(`${f.name}_bucket${labelText(s.labels, ['le', String(b)])} ${s.buckets?.[i] ?? 0}`));
          out.push(`${f.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
        }
      }
      return out.length === 0 ? '' : `${out.join('\n')}\n`;
    },
  };
}
