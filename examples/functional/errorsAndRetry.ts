// What failures look like: checked before sending, reported by the server, and retried.
import { createConfig, infer, isOvmsError } from 'ipfs_accelerate_js/ovms';
import { runIfMain } from '../runIfMain.js';

export async function main(baseUrl: string): Promise<void> {
  const retries: string[] = [];
  const config = createConfig({
    baseUrl,
    model: 'dummy',
    retry: { baseDelayMs: 50 },
    logger: { debug: (message, data) => retries.push(`${message} attempt=${String(data?.['attempt'])} wait=${String(data?.['delayMs'])}ms`) },
  });

  // A wrong shape never leaves the client: the model's metadata says [1, 10].
  try {
    await infer(config, { inputs: { b: [1, 2, 3] } });
  } catch (error) {
    if (isOvmsError(error)) console.log(`${error.reason._tag}: ${error.message}`);
  }

  // An unknown model: OVMS answers 404, and the error says what was asked.
  try {
    await infer(config, { model: 'no_such_model', inputs: { b: new Float32Array(10) } });
  } catch (error) {
    if (isOvmsError(error)) console.log(`${error.reason._tag} ${error.status}: ${error.serverMessage}`);
  }

  // Retried: network errors, timeouts, 408/429/5xx (not OVMS's permanent 500s), with backoff and
  // Retry-After. The demo makes its test server answer the next two requests with 503 first.
  const result = await infer(config, { inputs: { b: new Float32Array(10) } });
  console.log(retries.length === 0 ? 'no retry was needed' : retries.join('\n'));
  console.log(`then: ${result.outputs[0]?.name} = [${Array.from(result.outputs[0]?.data as Float32Array).join(', ')}]`);
}

runIfMain(import.meta.url, main);
