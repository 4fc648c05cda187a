/**
 * Image classifiers: `resnet` (NHWC, dynamic batch and size, 10 classes) and `resnet50`
 * (1x3x224x224 NCHW, 1000 classes, for large-tensor benchmarks). Scores are a softmax over
 * logits that are fixed functions of simple image statistics, so results are deterministic.
 */
import type { ModelServableDefinition, ServerTensor } from './ServableDefinition.js';

const CIFAR_LABELS = 'airplane automobile bird cat deer dog frog horse ship truck';

// Softmax of `logits` written into `out` at `offset`, in float32.
function softmaxInto(logits: readonly number[], out: Float32Array, offset: number): void {
  const max = Math.max(...logits);
  let sum = 0;
  const e = logits.map((l) => {
    const v = Math.exp(l - max);
    sum += v;
    return v;
  });
  for (let k = 0; k < e.length; k += 1) out[offset + k] = (e[k] as number) / sum;
}

function only(inputs: ReadonlyMap<string, ServerTensor>, name: string): ServerTensor {
  const t = inputs.get(name);
  if (t === undefined) throw new Error(`missing input ${name}`);
  return t;
}

/**
 * `resnet`: input `image` FP32 [-1,-1,-1,3] (NHWC, any batch, any size), output `probabilities`
 * FP32 [N,10]: softmax of `4·Σc sin(1.3k + 0.7c + 0.5)·mean_c + cos(k)·std` per class k.
 */
export const resnetServable: ModelServableDefinition = {
  kind: 'model',
  id: 'resnet',
  summary:
    'input `image` FP32 [-1,-1,-1,3] (NHWC) → output `probabilities` FP32 [-1,10], softmax over 10 CIFAR-10 classes (labels in rt_info)',
  versions: [1],
  batched: true,
  inputs: () => [{ name: 'image', datatype: 'FP32', shape: [-1, -1, -1, 3] }],
  outputs: (_v, ins) => [{ name: 'probabilities', datatype: 'FP32', shape: [ins[0]?.shape[0] ?? -1, 10] }],
  rtInfo: { model_info: { labels: CIFAR_LABELS, model_type: 'classification' } },
  compute: (inputs) => {
    const t = only(inputs, 'image');
    const x = t.data as Float32Array;
    const n = t.shape[0] ?? 1;
    const c = t.shape[3] ?? 3;
    const per = n > 0 ? x.length / n : 0;
    const out = new Float32Array(n * 10);
    for (let b = 0; b < n; b += 1) {
      const means = [0, 0, 0];
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < per; i += 1) {
        const v = x[b * per + i] as number;
        means[i % c] = (means[i % c] ?? 0) + v;
        sum += v;
        sq += v * v;
      }
      const pixels = per / c || 1;
      const mean = sum / (per || 1);
      const std = Math.sqrt(Math.max(0, sq / (per || 1) - mean * mean));
      const logits: number[] = [];
      for (let k = 0; k < 10; k += 1) {
        let l = Math.cos(k) * std;
        for (let ch = 0; ch < 3; ch += 1) l += 4 * Math.sin(1.3 * k + 0.7 * ch + 0.5) * ((means[ch] ?? 0) / pixels);
        logits.push(l);
      }
      softmaxInto(logits, out, b * 10);
    }
    return [{ name: 'probabilities', datatype: 'FP32', shape: [n, 10], data: out }];
  },
};

/**
 * `resnet50`: input `data` FP32 [1,3,224,224] (NCHW), output `prob` FP32 [1,1000]: softmax of a
 * fixed linear map of 48 block means (4x4 blocks per channel).
 */
export const resnet50Servable: ModelServableDefinition = {
  kind: 'model',
  id: 'resnet50',
  summary: 'input `data` FP32 [1,3,224,224] (NCHW) → output `prob` FP32 [1,1000], softmax; for large-tensor benchmarks',
  versions: [1],
  batched: true,
  inputs: () => [{ name: 'data', datatype: 'FP32', shape: [1, 3, 224, 224] }],
  outputs: (_v, ins) => [{ name: 'prob', datatype: 'FP32', shape: [ins[0]?.shape[0] ?? 1, 1000] }],
  compute: (inputs) => {
    const t = only(inputs, 'data');
    const x = t.data as Float32Array;
    const [n = 1, c = 3, h = 1, w = 1] = t.shape;
    const out = new Float32Array(n * 1000);
    for (let b = 0; b < n; b += 1) {
      const feats = new Array<number>(c * 16).fill(0);
      const counts = new Array<number>(c * 16).fill(0);
      for (let ch = 0; ch < c; ch += 1) {
        for (let y = 0; y < h; y += 1) {
          const by = Math.min(3, Math.floor((y * 4) / h));
          const rowBase = ((b * c + ch) * h + y) * w;
          for (let xx = 0; xx < w; xx += 1) {
            const f = ch * 16 + by * 4 + Math.min(3, Math.floor((xx * 4) / w));
            feats[f] = (feats[f] ?? 0) + (x[rowBase + xx] as number);
            counts[f] = (counts[f] ?? 0) + 1;
          }
        }
      }
      for (let f = 0; f < feats.length; f += 1) feats[f] = (feats[f] ?? 0) / ((counts[f] ?? 0) || 1);
      const logits: number[] = [];
      for (let k = 0; k < 1000; k += 1) {
        let l = 0;
        for (let f = 0; f < feats.length; f += 1) l += Math.sin(0.37 * k + 1.91 * f) * (feats[f] ?? 0);
        logits.push(l);
      }
      softmaxInto(logits, out, b * 1000);
    }
    return [{ name: 'prob', datatype: 'FP32', shape: [n, 1000], data: out }];
  },
};
