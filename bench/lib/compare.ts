import { cpuUsage, hrtime } from 'node:process';

/** One side of a comparison: a label and one operation. */
export interface Side {
  readonly label: string;
  readonly op: () => Promise<unknown>;
}

/** How a comparison runs. */
export interface CompareOptions {
  /** Operations in flight at once. */
  readonly concurrency: number;
  /** Measured rounds per side (each side runs once per round, in alternating order). */
  readonly rounds: number;
  /** Target duration of one round in ms; the operation count per round is calibrated from a warm-up. */
  readonly roundMs: number;
  /** Bounds of the calibrated count. */
  readonly minOps?: number;
  readonly maxOps?: number;
}

/** One measured round of one side. */
interface Round {
  readonly opsPerSec: number;
  readonly cpuUsPerOp: number;
}

/** The outcome of a comparison: per-side medians, and the median of the per-round ratios a/b. */
export interface Comparison {
  readonly a: SideResult;
  readonly b: SideResult;
  /** Median over rounds of (a's throughput / b's throughput) in the same round. */
  readonly ratio: number;
  /** The spread of the per-round ratios: [min, max]. */
  readonly ratioRange: readonly [number, number];
  /** Median over rounds of (b's CPU per op / a's CPU per op): above 1 when a spends less CPU. */
  readonly cpuRatio: number;
  readonly cpuRatioRange: readonly [number, number];
  readonly opsPerRound: number;
  readonly rounds: number;
  readonly concurrency: number;
}

export interface SideResult {
  readonly label: string;
  readonly opsPerSec: number;
  readonly cpuUsPerOp: number;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Runs `count` operations with `concurrency` workers; returns throughput and client CPU per op. */
export async function runRound(op: () => Promise<unknown>, count: number, concurrency: number): Promise<Round> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      await op();
    }
  };
  const cpu0 = cpuUsage();
  const t0 = hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const ns = Number(hrtime.bigint() - t0);
  const cpu = cpuUsage(cpu0);
  return { opsPerSec: count / (ns / 1e9), cpuUsPerOp: (cpu.user + cpu.system) / count };
}

/**
 * Measures side `a` against side `b`: a warm-up of each (also used to calibrate the count per
 * round), then `rounds` rounds in which both run, the order alternating (ab, ba, ab, …) so that
 * drifting load on a shared machine hits both alike. The ratio is the median of per-round ratios.
 */
export async function compare(a: Side, b: Side, options: CompareOptions): Promise<Comparison> {
  const { concurrency, rounds, roundMs } = options;
  const probe = Math.max(concurrency, options.minOps ?? 20);
  await runRound(a.op, probe, concurrency);
  await runRound(b.op, probe, concurrency);
  const wa = await runRound(a.op, probe, concurrency);
  const wb = await runRound(b.op, probe, concurrency);
  const slower = Math.min(wa.opsPerSec, wb.opsPerSec);
  const count = Math.round(Math.min(options.maxOps ?? 20_000, Math.max(probe, (slower * roundMs) / 1000)));
  const ra: Round[] = [];
  const rb: Round[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let x: Round;
    let y: Round;
    if (r % 2 === 0) {
      x = await runRound(a.op, count, concurrency);
      y = await runRound(b.op, count, concurrency);
    } else {
      y = await runRound(b.op, count, concurrency);
      x = await runRound(a.op, count, concurrency);
    }
    ra.push(x);
    rb.push(y);
    ratios.push(x.opsPerSec / y.opsPerSec);
    cpuRatios.push(y.cpuUsPerOp / x.cpuUsPerOp);
  }
  const side = (label: string, rs: readonly Round[]): SideResult => ({
    label,
    opsPerSec: median(rs.map((r) => r.opsPerSec)),
    cpuUsPerOp: median(rs.map((r) => r.cpuUsPerOp)),
  });
  return {
    a: side(a.label, ra),
    b: side(b.label, rb),
    ratio: median(ratios),
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    cpuRatio: median(cpuRatios),
    cpuRatioRange: [Math.min(...cpuRatios), Math.max(...cpuRatios)],
    opsPerRound: count,
    rounds,
    concurrency,
  };
}
