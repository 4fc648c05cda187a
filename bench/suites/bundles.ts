import { APPS, bundleApp } from '../../tests/bench-support/bundleApp.js';
import type { BenchContext } from '../lib/context.js';
import type { Row } from '../lib/report.js';

const SECTION = 'Bundle size (rollup + terser, browser conditions, gzip -9; the built package)';

export async function bundleSizes(ctx: BenchContext): Promise<Row[]> {
  ctx.log('bundle sizes');
  const [infer, chat, facade, openai] = await Promise.all([bundleApp(APPS.infer), bundleApp(APPS.streamChat), bundleApp(APPS.facade), bundleApp(APPS.openaiStreamChat, ['openai'])]);
  const kib = (n: number): number => n / 1024;
  const size = (name: string, b: { gzipped: number; minified: number }, budget: string): Row => ({
    section: SECTION,
    name,
    ours: 'gzipped',
    peer: 'minified',
    oursValue: kib(b.gzipped),
    peerValue: kib(b.minified),
    unit: 'KiB',
    ratio: b.gzipped / b.minified,
    note: `budget (tests/bundle): ${budget}`,
  });
  return [
    size('createConfig + infer', infer, '20 KiB gzipped'),
    size('createConfig + streamChatCompletion', chat, '16 KiB gzipped'),
    size('the OVMS facade (ipfs_accelerate_js/api_backends)', facade, '48 KiB gzipped'),
    {
      section: SECTION,
      name: 'streaming a chat: ours vs the openai package',
      ours: 'streamChatCompletion app',
      peer: 'openai app',
      oursValue: kib(chat.gzipped),
      peerValue: kib(openai.gzipped),
      unit: 'KiB gz',
      ratio: chat.gzipped / openai.gzipped,
      note: 'lower is better (ratio < 1: ours is smaller); printed, not a budget',
    },
  ];
}
