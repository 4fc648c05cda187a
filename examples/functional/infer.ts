// Inference: a typed array (binary tensors on the wire), a nested array (JSON), an image, strings.
import { createConfig, infer, toNested } from 'ipfs_accelerate_js/ovms';
import { runIfMain } from '../runIfMain.js';

export async function main(baseUrl: string): Promise<void> {
  const config = createConfig({ baseUrl, model: 'dummy' });

  // The `dummy` model adds 1 to each of its 10 inputs. The shape [1, 10] comes from the model's metadata.
  const binary = await infer(config, { inputs: { b: new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) } });
  const [a] = binary.outputs;
  console.log(`dummy (binary): ${a?.name} ${a?.datatype} [${a?.shape.join(', ')}] = [${Array.from(a?.data as Float32Array).join(', ')}]`);

  // A small nested array travels as JSON; the answer is the same.
  const json = await infer(config, { inputs: { b: [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100]] } }, { binary: 'never' });
  console.log(`dummy (JSON):   ${JSON.stringify(toNested(json.outputs[0]!))}`);

  // An image classifier: one 2x2 RGB image (NHWC); the batch dimension is added from the metadata.
  const image = [
    [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],
    [[0.7, 0.8, 0.9], [1.0, 1.1, 1.2]],
  ];
  const scores = (await infer(config, { model: 'resnet', inputs: { image } })).outputs[0]!.data as Float32Array;
  const best = scores.indexOf(Math.max(...scores));
  console.log(`resnet: class ${best} with p=${scores[best]?.toFixed(3)} (probabilities sum to ${scores.reduce((s, p) => s + p, 0).toFixed(3)})`);

  // BYTES: version 2 of the `string` model upper-cases each element.
  const text = await infer(config, { model: 'string', version: 2, inputs: { my_name: ['hello', 'ovms'] } });
  console.log('string v2:', text.outputs[0]?.data, `(answered by version ${text.modelVersion})`);
}

runIfMain(import.meta.url, main);
