// Chat with an LLM servable over /v3, streamed token by token; then embeddings and rerank.
import { chatCompletion, collectText, createConfig, createEmbeddings, rerank, streamChatCompletion } from 'ipfs_accelerate_js/ovms';
import { runIfMain } from '../runIfMain.js';

export async function main(baseUrl: string): Promise<void> {
  const config = createConfig({ baseUrl, model: 'llama3' });
  const messages = [{ role: 'user' as const, content: 'What is OpenVINO Model Server?' }];

  // Tokens arrive as server-sent events; break out of the loop (or abort a signal) to stop the request.
  let tokens = 0;
  process.stdout.write('stream: ');
  for await (const chunk of streamChatCompletion(config, { messages, stream_options: { include_usage: true } })) {
    const text = chunk.choices[0]?.delta.content;
    if (text) {
      tokens++;
      process.stdout.write(`${text}|`);
    }
    if (chunk.usage) process.stdout.write(`\nusage: ${JSON.stringify(chunk.usage)}`);
  }
  console.log(`\n(${tokens} content chunks)`);

  // collectText joins a stream; the unary call gives the same text in one answer.
  const streamed = await collectText(streamChatCompletion(config, { messages }));
  const unary = await chatCompletion(config, { messages });
  console.log(`collected === unary: ${streamed === unary.choices[0]?.message.content}`);

  const embeddings = await createEmbeddings(config, { model: 'bge-large-en-v1.5', input: ['OpenVINO', 'model server'] });
  console.log(`embeddings: ${embeddings.data.length} × Float32Array(${embeddings.data[0]?.embedding.length}) (sent as base64)`);

  const ranked = await rerank(config, {
    model: 'BAAI/bge-reranker-large',
    query: 'serve models with OpenVINO',
    documents: ['a recipe for bread', 'OpenVINO Model Server serves models', 'models of trains'],
    top_n: 2,
  });
  console.log('rerank:', ranked.results.map((r) => `#${r.index} ${r.relevance_score.toFixed(3)}`).join(', '));
}

runIfMain(import.meta.url, main);
