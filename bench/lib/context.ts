import type { CompareOptions, Comparison } from './compare.js';
import type { Row } from './report.js';
import type { ServerProcess } from './serverProcess.js';

/** What every suite gets. */
export interface BenchContext {
  /** The canned-response server (client overhead). */
  readonly canned: ServerProcess;
  /** The OVMS-compatible test server (end to end). */
  readonly ovms: ServerProcess;
  /** Rounds and round length for throughput comparisons. */
  readonly options: Pick<CompareOptions, 'rounds' | 'roundMs'>;
  readonly log: (line: string) => void;
}

/** A table row from a throughput comparison. */
export function throughputRow(section: string, name: string, c: Comparison, unit = 'req/s', note?: string): Row {
  return {
    section,
    name,
    ours: c.a.label,
    peer: c.b.label,
    oursValue: c.a.opsPerSec,
    peerValue: c.b.opsPerSec,
    unit,
    ratio: c.ratio,
    range: c.ratioRange,
    note: [`client CPU µs/req ${Math.round(c.a.cpuUsPerOp)} vs ${Math.round(c.b.cpuUsPerOp)} (CPU ratio peer/ours ${c.cpuRatio.toFixed(2)})`, `${c.rounds}×${c.opsPerRound} ops/side`, note].filter(Boolean).join('; '),
  };
}
