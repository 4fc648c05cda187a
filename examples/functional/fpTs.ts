// The same operations as fp-ts programs: ReaderTaskEither<ClientConfig, OvmsError, A>.
import { either as E } from 'fp-ts';
import { createConfig } from 'ipfs_accelerate_js/ovms';
import { getModelMetadataWithShapes, infer } from 'ipfs_accelerate_js/ovms/fp';
import { runIfMain } from '../runIfMain.js';

export async function main(baseUrl: string): Promise<void> {
  const config = createConfig({ baseUrl, model: 'dummy' });
  const ok = await infer({ inputs: { b: new Float32Array(10).fill(41) } })(config)();
  console.log('Right:', E.isRight(ok) ? `[${Array.from(ok.right.outputs[0]?.data as Float32Array).join(', ')}]` : ok.left.message);
  const missing = await getModelMetadataWithShapes({ model: 'no_such_model' })(config)();
  console.log('Left: ', E.isLeft(missing) ? `${missing.left.reason._tag} ${missing.left.status}` : 'unexpected success');
}

runIfMain(import.meta.url, main);
