// Seed document, section "Chat Interface Support": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// Preamble (not in the seed): what the snippet uses but does not define.
import { OVMS } from 'ipfs_accelerate_js/api_backends';
// The chat snippet talks to a generative servable (the test server's LLM graph).
const ovms = new OVMS({}, { ovms_model: 'llama3' });

// --- seed snippet ---
// Using the chat interface (adapts to OVMS inference)
const messages = [
  { role: 'user', content: 'Hello world' }
];

// Chat completion (converts to inference)
const response = await ovms.chat(messages);
console.log('Response:', response.content);

// The content from the last user message is extracted and used as input
// for the OVMS model, and the result is returned as a chat response

// Streaming chat (simulates stream with single chunk)
for await (const chunk of ovms.streamChat(messages)) {
  console.log('Chunk:', chunk.content);
  if (chunk.done) break;
}

// Note: OVMS doesn't support true streaming, so this returns
// the entire response as a single chunk
// --- end of seed snippet ---

export {};
