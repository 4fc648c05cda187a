// Many items in one request along the batch dimension, and model versions.
import { batchInfer, createConfig, infer } from 'ipfs_accelerate_js/ovms';
import { runIfMain } from '../runIfMain.js';

export async function main(baseUrl: string): Promise<void> {
  const config = createConfig({ baseUrl });

  // `bert` has a dynamic batch dimension, so three items travel as one request of shape [3, 4].
  const items = [
    { data: [101, 2023, 2003, 102], mask: [1, 1, 1, 1] },
    { data: [101, 7592, 2088, 102], mask: [1, 1, 1, 1] },
    { data: [101, 2054, 2003, 102], mask: [1, 1, 1, 0] },
  ];
  const results = await batchInfer(config, { model: 'bert', items });
  for (const [i, r] of results.entries()) {
    const e = r.outputs[0]!.data as Float32Array;
    console.log(`bert item ${i}: embedding [${r.outputs[0]!.shape.join(', ')}] starts ${Array.from(e.slice(0, 3), (x) => x.toFixed(4)).join(', ')} …`);
  }

  // `versioned` serves versions 1, 2 and 3, each adding its own version number.
  for (const version of [1, 2, 3, 'latest'] as const) {
    const r = await infer(config, { model: 'versioned', version, inputs: { x: [[1, 1]] } });
    console.log(`versioned ${String(version).padEnd(6)} → answered by v${r.modelVersion}: [${Array.from(r.outputs[0]!.data as Float32Array).join(', ')}]`);
  }
}

runIfMain(import.meta.url, main);
