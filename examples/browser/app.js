// The browser example: lists the server's models, runs `infer` with a Float32Array (sent and
// answered as binary tensors) and streams a chat into the page token by token. Plain ES module,
// no build step: index.html's import map resolves `ipfs_accelerate_js/ovms` and its dependencies.
import { createConfig, infer, isOvmsError, listModels, streamChatCompletion } from 'ipfs_accelerate_js/ovms';

const params = new URLSearchParams(location.search);
/** Servables the page uses; override with ?inferModel= and ?chatModel= for another server. */
const INFER_MODEL = params.get('inferModel') ?? 'dummy';
const CHAT_MODEL = params.get('chatModel') ?? 'llama3';

const $ = (selector) => document.querySelector(selector);
const sectionError = (section) => $(`#${section}-section .error`);

/** One line for an error: the library's reason tag and message, or whatever else was thrown. */
function describeError(error) {
  if (isOvmsError(error)) return `${error.reason._tag}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function showModels(config) {
  const list = await listModels(config);
  $('#models').replaceChildren(
    ...list.data.map((m) => Object.assign(document.createElement('li'), { textContent: m.id })),
  );
  return list.data.length;
}

async function showInference(config) {
  const b = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  $('#infer-input').textContent = `Float32Array [${b.join(', ')}]`;
  // A typed array goes as a binary tensor (Inference-Header-Content-Length + raw bytes), and the
  // output comes back binary too. OVMS sends no Access-Control-Expose-Headers, so this page cannot
  // read the answer's Inference-Header-Content-Length: the decoder finds the JSON header's end itself.
  const result = await infer(config, { model: INFER_MODEL, inputs: { b } });
  const out = result.outputs[0];
  $('#infer-output').textContent =
    `${out.name} ${out.datatype} [${out.shape.join(', ')}]: ${out.data.constructor.name} [${Array.from(out.data).join(', ')}]`;
}

async function streamChat(config) {
  const output = $('#chat-output');
  output.replaceChildren();
  output.removeAttribute('data-done');
  const messages = [{ role: 'user', content: $('#prompt').value }];
  for await (const chunk of streamChatCompletion(config, { model: CHAT_MODEL, messages })) {
    const token = chunk.choices[0]?.delta.content;
    if (token) output.append(Object.assign(document.createElement('span'), { className: 'token', textContent: token }));
  }
  output.dataset.done = 'true';
}

async function run(serverUrl) {
  const status = $('#status');
  status.dataset.state = 'running';
  status.textContent = `Calling ${serverUrl} …`;
  for (const el of document.querySelectorAll('.error')) el.textContent = '';
  for (const el of ['#models', '#infer-output', '#chat-output']) $(el).replaceChildren();

  let config;
  try {
    config = createConfig({ baseUrl: serverUrl, timeout: 10_000 });
  } catch (error) {
    $('#error').textContent = describeError(error);
    status.dataset.state = 'done';
    status.textContent = 'Failed.';
    return;
  }

  // Independent steps: one failing (say, no LLM on this server) does not hide the others.
  const steps = [
    ['models', showModels],
    ['infer', showInference],
    ['chat', streamChat],
  ];
  const failures = [];
  for (const [section, step] of steps) {
    try {
      await step(config);
    } catch (error) {
      sectionError(section).textContent = describeError(error);
      failures.push(section);
    }
  }
  if (failures.length === steps.length) {
    $('#error').textContent = `Could not use the server at ${serverUrl}: is it running, and does it allow this page's origin (--allowed_origins)?`;
  } else if (failures.length > 0) {
    $('#error').textContent = `Failed: ${failures.join(', ')} (see below).`;
  }
  status.dataset.state = 'done';
  status.textContent = failures.length === 0 ? `Done: ${serverUrl}` : `Done with errors: ${serverUrl}`;
}

$('#infer-model').textContent = INFER_MODEL;
$('#chat-model').textContent = CHAT_MODEL;
$('#server').value = params.get('server') ?? 'http://localhost:8000';
$('#connect').addEventListener('submit', (event) => {
  event.preventDefault();
  void run($('#server').value.trim());
});
if (params.has('server')) void run($('#server').value.trim());
