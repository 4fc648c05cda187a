import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** One line of the results table. */
export interface Row {
  readonly section: string;
  readonly name: string;
  readonly ours: string;
  readonly peer: string;
  readonly oursValue: number;
  readonly peerValue: number;
  readonly unit: string;
  /** ours / peer (for throughput: higher is better; for sizes: lower is better). */
  readonly ratio: number;
  readonly range?: readonly [number, number];
  readonly note?: string;
}

/** A target of the issue, judged from the rows. */
export interface Target {
  readonly name: string;
  readonly met: boolean;
  readonly detail: string;
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 100) return Math.round(n).toLocaleString('en-US');
  if (a >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function machine(): string[] {
  const list = cpus();
  const [l1, l5] = loadavg();
  return [
    `- CPU: ${list[0]?.model.trim() ?? 'unknown'}, ${list.length} logical cores`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version} on ${platform()} ${release()}`,
    `- Load average when the run started: ${l1?.toFixed(2)} (1 min), ${l5?.toFixed(2)} (5 min) — the machine is shared, so compare ratios, not absolute numbers`,
  ];
}

export function table(rows: readonly Row[]): string[] {
  const out = ['| Benchmark | Ours | Peer | Ours (median) | Peer (median) | Ratio ours/peer [min–max of rounds] | Notes |', '| --- | --- | --- | ---: | ---: | ---: | --- |'];
  let section = '';
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      out.push(`| **${section}** | | | | | | |`);
    }
    const range = r.range === undefined ? '' : ` [${r.range[0].toFixed(2)}–${r.range[1].toFixed(2)}]`;
    out.push(`| ${r.name} | ${r.ours} | ${r.peer} | ${fmt(r.oursValue)} ${r.unit} | ${fmt(r.peerValue)} ${r.unit} | **${r.ratio.toFixed(2)}**${range} | ${r.note ?? ''} |`);
  }
  return out;
}

/** A plain-text table for the terminal. */
export function consoleTable(rows: readonly Row[]): string {
  const lines = rows.map((r) => [r.section, r.name, `${r.ours}: ${fmt(r.oursValue)} ${r.unit}`, `${r.peer}: ${fmt(r.peerValue)} ${r.unit}`, `ratio ${r.ratio.toFixed(2)}${r.range ? ` [${r.range[0].toFixed(2)}–${r.range[1].toFixed(2)}]` : ''}`, r.note ?? '']);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...lines.map((l) => (l[i] as string).length)));
  return lines.map((l) => l.map((c, i) => (i < 5 ? c.padEnd(widths[i] as number) : c)).join('  ')).join('\n');
}
