// Is the server up, what is it, and what does a model take? Health, server and model metadata.
import { createConfig, getModelMetadataWithShapes, getModelReady, getServerLive, getServerMetadata, getServerReady } from 'ipfs_accelerate_js/ovms';
import { runIfMain } from '../runIfMain.js';

export async function main(baseUrl: string): Promise<void> {
  const config = createConfig({ baseUrl });
  const server = await getServerMetadata(config);
  console.log(`${server.name} ${server.version}: live=${await getServerLive(config)} ready=${await getServerReady(config)}`);

  const meta = await getModelMetadataWithShapes(config, { model: 'dummy' });
  console.log(`model ${meta.name} v${meta.versions.join(',')} on ${meta.platform}, ready=${await getModelReady(config, { model: 'dummy' })}`);
  for (const t of meta.inputs) console.log(`  input  ${t.name}: ${t.datatype} [${t.shape.join(', ')}]`);
  for (const t of meta.outputs) console.log(`  output ${t.name}: ${t.datatype} [${t.shape.join(', ')}]`);
}

runIfMain(import.meta.url, main);
