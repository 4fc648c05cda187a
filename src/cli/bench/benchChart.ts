import type { LevelResult } from './measureLevel.js';

const W = 720;
const H = 420;
const M = { left: 64, right: 72, top: 48, bottom: 72 };
const LATENCY_SERIES = [
  { key: 'p50', color: '#1f77b4' },
  { key: 'p90', color: '#2ca02c' },
  { key: 'p95', color: '#ff7f0e' },
  { key: 'p99', color: '#d62728' },
] as const;
const THROUGHPUT_COLOR = '#6a3d9a';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (x: number): string => (Math.abs(x) >= 100 || Number.isInteger(x) ? x.toFixed(0) : x.toPrecision(3));
const px = (x: number): string => x.toFixed(1);

/** An upper bound and tick step of a "nice" axis from 0 to at least `max` with about five ticks. */
function niceAxis(max: number): { top: number; step: number } {
  if (!(max > 0) || !Number.isFinite(max)) return { top: 1, step: 0.2 };
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  return { top: Math.ceil(max / step) * step, step };
}

/**
 * An SVG line chart of a concurrency sweep: p50/p90/p95/p99 latency (left axis, ms) and throughput
 * (right axis, requests/s, dashed) against concurrency (one evenly spaced tick per level). A
 * standalone, well-formed SVG 1.1 document; all text is escaped.
 *
 * @param levels - The levels in the order they ran.
 * @param title - Shown at the top, e.g. `ovms bench dummy`.
 * @returns The SVG text.
 */
export function benchChart(levels: readonly LevelResult[], title: string): string {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const n = levels.length;
  const x = (i: number): number => M.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const lat = niceAxis(Math.max(0, ...levels.flatMap((l) => LATENCY_SERIES.map((s) => l.latencyMs[s.key]).filter(Number.isFinite))));
  const thr = niceAxis(Math.max(0, ...levels.map((l) => l.throughput).filter(Number.isFinite)));
  const yLat = (v: number): number => M.top + plotH - (v / lat.top) * plotH;
  const yThr = (v: number): number => M.top + plotH - (v / thr.top) * plotH;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<title>${esc(title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="15">${esc(title)}</text>`);

  // Grid and left axis (latency).
  for (let v = 0; v <= lat.top + lat.step / 2; v += lat.step) {
    const y = px(yLat(v));
    out.push(`<line x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${M.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${fmt(v)}</text>`);
  }
  for (let v = 0; v <= thr.top + thr.step / 2; v += thr.step) {
    out.push(`<text x="${W - M.right + 6}" y="${px(yThr(v))}" dominant-baseline="middle" fill="${THROUGHPUT_COLOR}">${fmt(v)}</text>`);
  }
  out.push(`<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + plotH}" stroke="#333333"/>`);
  out.push(`<line x1="${W - M.right}" y1="${M.top}" x2="${W - M.right}" y2="${M.top + plotH}" stroke="${THROUGHPUT_COLOR}"/>`);
  out.push(`<line x1="${M.left}" y1="${M.top + plotH}" x2="${W - M.right}" y2="${M.top + plotH}" stroke="#333333"/>`);
  levels.forEach((l, i) => {
    out.push(`<text x="${px(x(i))}" y="${M.top + plotH + 18}" text-anchor="middle">${l.concurrency}${l.stable ? '' : '*'}</text>`);
  });
  out.push(`<text x="${M.left + plotW / 2}" y="${M.top + plotH + 38}" text-anchor="middle">concurrency${levels.some((l) => !l.stable) ? ' (* unstable)' : ''}</text>`);
  out.push(`<text transform="translate(16 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">latency (ms)</text>`);
  out.push(`<text transform="translate(${W - 14} ${M.top + plotH / 2}) rotate(90)" text-anchor="middle" fill="${THROUGHPUT_COLOR}">throughput (req/s)</text>`);

  const series = (values: number[], y: (v: number) => number, color: string, dashed: boolean): void => {
    const pts = values.map((v, i) => (Number.isFinite(v) ? `${px(x(i))},${px(y(v))}` : undefined)).filter((p) => p !== undefined);
    if (pts.length > 1) out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    for (const p of pts) {
      const [cx, cy] = p.split(',');
      out.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${color}"/>`);
    }
  };
  for (const s of LATENCY_SERIES) series(levels.map((l) => l.latencyMs[s.key]), yLat, s.color, false);
  series(levels.map((l) => l.throughput), yThr, THROUGHPUT_COLOR, true);

  // Legend, one row under the axis title.
  const legend = [...LATENCY_SERIES.map((s) => ({ label: `${s.key} latency`, color: s.color, dashed: false })), { label: 'throughput', color: THROUGHPUT_COLOR, dashed: true }];
  legend.forEach((item, k) => {
    const lx = M.left + k * 118;
    const ly = H - 14;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${item.color}" stroke-width="2"${item.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${lx + 28}" y="${ly}" dominant-baseline="middle">${esc(item.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
