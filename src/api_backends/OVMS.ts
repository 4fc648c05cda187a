import type { ClientConfig } from '../config/ClientConfig.js';
import { createConfig } from '../config/createConfig.js';
import { withConfig } from '../config/withConfig.js';
import type { ConfigStore } from '../configStore/ConfigStore.js';
import type { CallOptions, Precision } from '../core/types.js';
import { invalidInput, OvmsError } from '../errors/OvmsError.js';
import { batchInfer } from '../ops/batchInfer.js';
import { chatCompletion } from '../ops/chatCompletion.js';
import { completion } from '../ops/completion.js';
import { detectServerApi } from '../ops/detectServerApi.js';
import { explainPrediction } from '../ops/explainPrediction.js';
import { getConfigStatus } from '../ops/getConfigStatus.js';
import { getModelMetadataWithShapes } from '../ops/getModelMetadataWithShapes.js';
import { getModelReady } from '../ops/getModelReady.js';
import { getModelStatus, type ModelStatus } from '../ops/getModelStatus.js';
import { getServerStatistics } from '../ops/getServerStatistics.js';
import { infer } from '../ops/infer.js';
import { reloadConfig } from '../ops/reloadConfig.js';
import { streamChatCompletion } from '../ops/streamChatCompletion.js';
import { streamCompletion } from '../ops/streamCompletion.js';
import { tfsPredict } from '../ops/tfsPredict.js';
import { updateModelConfig, type UpdateModelConfigResult } from '../ops/updateModelConfig.js';
import { waitForModelAvailable } from '../ops/waitForModelAvailable.js';
import { executionModePatch } from '../protocols/config/executionModePatch.js';
import type { ModelConfigChange } from '../protocols/config/ModelConfigChange.js';
import { modelConfigPatch, type IgnoredSetting } from '../protocols/config/modelConfigPatch.js';
import { quantizationPatch } from '../protocols/config/quantizationPatch.js';
import type { InferResult } from '../protocols/kserve/InferResult.js';
import type { ModelMetadata } from '../protocols/kserve/kserveSchemas.js';
import { loadMetadata } from '../protocols/kserve/loadMetadata.js';
import { seedInputs } from '../protocols/kserve/seedInputs.js';
import { seedPredictions } from '../protocols/kserve/seedPredictions.js';
import type { StatisticsSnapshot } from '../protocols/metrics/ServerStatistics.js';
import type { ChatMessage } from '../protocols/openai/ChatCompletionRequest.js';
import { BaseApiBackend } from './BaseApiBackend.js';
import { facadeConfigInput } from './facadeConfigInput.js';
import { isOvmsCompatibleModel } from './isOvmsCompatibleModel.js';
import { parseEndpointUrl, type EndpointTarget } from './parseEndpointUrl.js';
import type {
  ApiMetadata,
  ApiRequestOptions,
  ApiResources,
  ChatCompletionResponse,
  Message,
  OVMSModelConfig,
  OVMSModelMetadata,
  OVMSModelStatistics,
  OVMSQuantizationConfig,
  OVMSRequestData,
  OVMSRequestOptions,
  OVMSResponse,
  OVMSServerStatistics,
  StreamChunk,
} from './types.js';

const PRECISIONS: readonly string[] = ['FP32', 'FP16', 'BF16', 'FP64', 'INT8'];

/**
 * The seed document's OpenVINO Model Server backend, as a thin adapter over the functional API
 * (`ipfs_accelerate_js/ovms`): each method resolves the seed's arguments, delegates to the free
 * functions, and shapes the legacy result. Every method uses endpoints OVMS really has: KServe v2
 * for inference and metadata, `/v1/config` and `/v1/config/reload` for status and management,
 * `/metrics` for statistics, `/v3` for chat; the TensorFlow-Serving API only for a `:predict` URL on
 * a server that still has it (OVMS <= 2026.2).
 *
 * `config` is the frozen client config behind the instance, so a call site can move to the free
 * functions one call at a time: `infer(ovms.config, { … })`.
 *
 * @example
 * ```ts
 * const ovms = new OVMS({}, { ovms_api_url: 'http://localhost:8000', ovms_model: 'bert' });
 * const predictions = await ovms.infer(undefined, [0, 1, 2, 3, 4]);
 * ```
 */
export class OVMS extends BaseApiBackend {
  readonly #configStore: ConfigStore | undefined;
  #lastStatistics: StatisticsSnapshot | undefined;

  /**
   * @param resources - `fetch` (a custom one, e.g. bound to an undici Agent) and `configStore`
   *   (where the management methods edit OVMS's `config.json`; in Node, `ovms_config_path` makes one).
   * @param metadata - The seed's keys, each falling back to its environment variable and default:
   *   `ovms_api_url`/`OVMS_API_URL` (`http://localhost:9000`), `ovms_model`/`OVMS_MODEL` (`model`),
   *   `ovms_version`/`OVMS_VERSION` (`latest`), `ovms_precision`/`OVMS_PRECISION` (`FP32`),
   *   `ovms_api_key`/`OVMS_API_KEY`, `timeout` in MILLISECONDS / `OVMS_TIMEOUT` in SECONDS (30 s).
   * @throws {OvmsError} `InvalidInput` for a value that cannot be used (e.g. a timeout that is not a positive number).
   */
  constructor(resources: ApiResources = {}, metadata: ApiMetadata = {}) {
    super(resources, metadata, createConfig(facadeConfigInput(resources, metadata)));
    this.#configStore = resources.configStore ?? defaultConfigStore(metadata);
  }

  /** The model a call addresses: the one it names, else the backend's. */
  #model(model: string | undefined): string {
    return model ?? this.getDefaultModel();
  }

  /** Per-call options of the seed (`version`, `precision`, `timeout`, `signal`) as functional options. */
  #callOptions(options: OVMSRequestOptions = {}): CallOptions & { precision?: Precision } {
    const precision = options.precision === undefined ? undefined : String(options.precision).toUpperCase();
    if (precision !== undefined && !PRECISIONS.includes(precision)) {
      throw invalidInput('precision', `expected one of ${PRECISIONS.join(', ')}, got ${JSON.stringify(options.precision)}`);
    }
    return {
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(precision === undefined ? {} : { precision: precision as Precision }),
    };
  }

  async #metadata(config: ClientConfig, model: string, version: string | undefined, options: CallOptions): Promise<ModelMetadata> {
    return loadMetadata(config, model, version === undefined || version === 'latest' ? undefined : version, options);
  }

  /** One inference in the seed's formats, answered as an `OVMSResponse` (predictions per batch row). */
  async #inferSeed(config: ClientConfig, target: EndpointTarget, data: unknown, options: OVMSRequestOptions = {}): Promise<OVMSResponse> {
    const call = { ...this.#callOptions(options), ...(target.baseUrl === undefined ? {} : { baseUrl: target.baseUrl }) };
    const version = options.version ?? target.version;
    const metadata = await this.#metadata(config, target.model, version, call);
    const inputs = seedInputs(metadata, data);
    const withShape = Array.isArray(options.shape) && !Array.isArray(inputs) ? shapeFirstInput(metadata, inputs as Readonly<Record<string, unknown>>, options.shape) : inputs;
    const result = await infer(config, { model: target.model, ...(version === undefined ? {} : { version }), inputs: withShape }, call);
    return toResponse(result);
  }

  /**
   * Runs inference and returns the predictions, one entry per batch row (see `seedPredictions`).
   * Calls `POST /v2/models/{m}[/versions/{v}]/infer`; the data may be an array, an object by input
   * name, a nested array, or pre-formatted `instances`/`inputs` (see `seedInputs`).
   *
   * @param model - Model name; default: the backend's.
   * @param data - The input data.
   * @param options - `version`, `precision`, `timeout` (ms), `shape` (of the first input), `signal`.
   * @throws {OvmsError} any reason of `infer`.
   */
  async infer(model: string | undefined, data: any, options: OVMSRequestOptions = {}): Promise<any> {
    return (await this.#inferSeed(this.config, { model: this.#model(model) }, data, options)).predictions;
  }

  /**
   * Runs inference with a specific version: the version goes into the URL (`/versions/{v}`).
   *
   * @throws {OvmsError} `InvalidInput` for a version that is not a positive integer or `latest`; any reason of `infer`.
   */
  async inferWithVersion(model: string | undefined, version: string, data: any, options: OVMSRequestOptions = {}): Promise<any> {
    return this.infer(model, data, { ...options, version });
  }

  /**
   * Runs one inference per item, in one request along the batch dimension when the model allows it
   * (see `batchInfer`); returns each item's predictions, in order. Rejects with the first error.
   */
  async batchInfer(model: string | undefined, dataBatch: any[], options: OVMSRequestOptions = {}): Promise<any[]> {
    if (!Array.isArray(dataBatch)) throw invalidInput('dataBatch', 'expected an array with one input per item');
    const name = this.#model(model);
    const call = this.#callOptions(options);
    const metadata = await this.#metadata(this.config, name, options.version, call);
    const items = dataBatch.map((item) => seedInputs(metadata, item));
    const results = await batchInfer(this.config, { model: name, ...(options.version === undefined ? {} : { version: options.version }), items }, call);
    return results.map((r) => seedPredictions(r));
  }

  /**
   * A handler for one endpoint. `endpointUrl` may be a KServe URL (`…/v2/models/{m}[/versions/{v}]/infer`),
   * a TensorFlow-Serving URL (`…/v1/models/{m}[/versions/{v}]:predict`) or a base URL; default:
   * the backend's URL and model. A `:predict` URL uses the TF-Serving API when the server still has
   * it (OVMS <= 2026.2) and KServe otherwise, since OVMS 2026.3 removed it; either way the answer is
   * an `OVMSResponse`.
   */
  createEndpointHandler(endpointUrl?: string, model?: string): (data: OVMSRequestData) => Promise<OVMSResponse> {
    const target = parseEndpointUrl(endpointUrl, this.#model(model));
    return (data) => this.#send(this.config, target, data, {});
  }

  async #send(config: ClientConfig, target: EndpointTarget, data: unknown, options: OVMSRequestOptions): Promise<OVMSResponse> {
    if (target.api === 'tfs' && isTfsBody(data)) {
      const call = { ...this.#callOptions(options), ...(target.baseUrl === undefined ? {} : { baseUrl: target.baseUrl }) };
      const api = await detectServerApi(config, call);
      // TF-Serving takes the data as it is only when it names its inputs or the model has one input;
      // otherwise KServe (which every OVMS has) gets it, mapped by the seed's rules (mask filled).
      if (api.tfs && (isNamedTfsBody(data) || (await this.#metadata(config, target.model, options.version ?? target.version, call)).inputs.length === 1)) {
        const version = options.version ?? target.version;
        const body = 'instances' in data ? { instances: data.instances } : { inputs: data.inputs };
        const answer = await tfsPredict(config, { model: target.model, ...(version === undefined ? {} : { version }), ...body } as never, call);
        return { ...(answer as OVMSResponse), model_name: target.model };
      }
    }
    return this.#inferSeed(config, target, data, options);
  }

  /**
   * Sends `input` through `handler`, formatted as OVMS request data: an array or object becomes one
   * row of `instances`; pre-formatted data (`instances` or `inputs`) is sent as it is.
   */
  async formatRequest(handler: (data: OVMSRequestData) => Promise<OVMSResponse>, input: any): Promise<OVMSResponse> {
    return handler(formatRequestData(input));
  }

  /**
   * Whether an endpoint can serve: `GET /v2/models/{m}[/versions/{v}]/ready` on its server. Any
   * failure (unreachable, unknown model, not ready) is `false`.
   */
  async testEndpoint(endpointUrl?: string, model?: string): Promise<boolean> {
    try {
      const target = parseEndpointUrl(endpointUrl, this.#model(model));
      return await getModelReady(
        this.config,
        { model: target.model, ...(target.version === undefined ? {} : { version: target.version }) },
        target.baseUrl === undefined ? {} : { baseUrl: target.baseUrl },
      );
    } catch {
      return false;
    }
  }

  /**
   * A POST of OVMS request data to an endpoint URL (see `createEndpointHandler` for the URL forms),
   * with per-call `version`, `timeout` and `apiKey`.
   */
  async makePostRequestOVMS(endpointUrl: string, data: OVMSRequestData, options: OVMSRequestOptions = {}): Promise<OVMSResponse> {
    const config = typeof options['apiKey'] === 'string' ? withConfig(this.config, { apiKey: options['apiKey'] }) : this.config;
    return this.#send(config, parseEndpointUrl(endpointUrl, this.getDefaultModel()), data, options);
  }

  /** Sends `data` with an endpoint's config: chat for `messages`, completion for `prompt`, else inference. */
  protected async requestWithConfig(config: ClientConfig, endpointUrl: string | undefined, data: unknown, options: ApiRequestOptions): Promise<unknown> {
    if (isObject(data) && Array.isArray(data['messages'])) {
      return chatCompletion(config, { ...generation(options), ...data, model: modelOf(data, options, config) } as never, this.#callOptions(options));
    }
    if (isObject(data) && typeof data['prompt'] === 'string') {
      return completion(config, { ...generation(options), ...data, model: modelOf(data, options, config) } as never, this.#callOptions(options));
    }
    const target = parseEndpointUrl(endpointUrl, modelOf(data, options, config));
    return this.#send(config, target, isObject(data) && 'model' in data ? withoutKey(data, 'model') : data, options);
  }

  /**
   * The backend interface's POST: `{ messages }` → `POST /v3/chat/completions`, `{ prompt }` →
   * `POST /v3/completions`, anything else → inference (an `OVMSResponse`). `apiKey` overrides the
   * backend's key for this call.
   */
  async makePostRequest(data: any, apiKey?: string, options: ApiRequestOptions = {}): Promise<any> {
    const config = apiKey === undefined ? this.config : withConfig(this.config, { apiKey });
    return this.requestWithConfig(config, undefined, data, options);
  }

  /**
   * The backend interface's streaming request: `{ messages }` or `{ prompt }` stream from `/v3` with
   * server-sent events, one chunk per token and a final `done` chunk; anything else is an inference,
   * answered as one `done` chunk.
   */
  async *makeStreamRequest(data: any, options: ApiRequestOptions = {}): AsyncGenerator<StreamChunk> {
    if (isObject(data) && (Array.isArray(data['messages']) || typeof data['prompt'] === 'string')) {
      yield* this.#stream(data, options);
      return;
    }
    const response = await this.requestWithConfig(this.config, undefined, data, options);
    yield { content: JSON.stringify(response, bigintAsString), done: true };
  }

  async *#stream(data: Record<string, unknown>, options: ApiRequestOptions): AsyncGenerator<StreamChunk> {
    const model = modelOf(data, options, this.config);
    const call = this.#callOptions(options);
    let finish: string | null | undefined;
    let usage: StreamChunk['usage'];
    if (Array.isArray(data['messages'])) {
      const request = { ...generation(options), ...data, model, stream_options: { include_usage: true } };
      for await (const chunk of streamChatCompletion(this.config, request as never, call)) {
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        if (choice?.finish_reason) finish = choice.finish_reason;
        const content = choice?.delta.content;
        if (typeof content === 'string' && content !== '') yield { content, role: 'assistant', done: false };
      }
    } else {
      const request = { ...generation(options), ...data, model, stream_options: { include_usage: true } };
      for await (const chunk of streamCompletion(this.config, request as never, call)) {
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (typeof choice?.text === 'string' && choice.text !== '') yield { content: choice.text, done: false };
      }
    }
    yield { content: '', done: true, finish_reason: finish ?? null, ...(usage ? { usage } : {}) };
  }

  /**
   * A chat completion. For a generative servable (an LLM graph), `POST /v3/chat/completions`. For
   * any other model, the seed's fallback: the last user message goes to `infer`, and the content is
   * its predictions as JSON (or the text itself when the model answers one string).
   *
   * @throws {OvmsError} `InvalidInput` `No user message found` when there is no user message.
   */
  async chat(messages: Message[], options: ApiRequestOptions = {}): Promise<ChatCompletionResponse> {
    const last = lastUserMessage(messages);
    const model = options.model ?? this.getDefaultModel();
    if (await this.#isGenerative(model, options)) {
      const answer = await chatCompletion(this.config, { ...generation(options), model, messages: messages as ChatMessage[] }, this.#callOptions(options));
      const choice = answer.choices[0];
      return {
        content: choice?.message.content ?? '',
        role: choice?.message.role ?? 'assistant',
        model: answer.model,
        finish_reason: choice?.finish_reason ?? null,
        ...(answer.usage ? { usage: answer.usage } : {}),
        ...(choice?.message.tool_calls && choice.message.tool_calls.length > 0 ? { tool_calls: choice.message.tool_calls } : {}),
      };
    }
    const predictions = await this.infer(model, [last], options);
    return { content: asText(predictions), role: 'assistant', model, finish_reason: 'stop' };
  }

  /**
   * A streamed chat completion: real server-sent events from `/v3/chat/completions` for a generative
   * servable (one chunk per token, then `{ done: true }`); for other models the seed's fallback,
   * the whole answer as one `done` chunk.
   */
  async *streamChat(messages: Message[], options: ApiRequestOptions = {}): AsyncGenerator<StreamChunk> {
    lastUserMessage(messages);
    const model = options.model ?? this.getDefaultModel();
    if (await this.#isGenerative(model, options)) {
      yield* this.#stream({ messages, model }, options);
      return;
    }
    const answer = await this.chat(messages, options);
    yield { content: answer.content, role: 'assistant', done: true, finish_reason: 'stop' };
  }

  /** A MediaPipe graph (an LLM, embeddings or rerank servable) reports its tensors as `INVALID` (rest-api.md §4.2). */
  async #isGenerative(model: string, options: ApiRequestOptions): Promise<boolean> {
    const metadata = await this.#metadata(this.config, model, undefined, this.#callOptions(options));
    return [...metadata.inputs, ...metadata.outputs].some((t) => t.datatype === 'INVALID');
  }

  /** Model metadata (`GET /v2/models/{m}`), with `version` set to the version that answered. */
  async getModelInfo(model?: string): Promise<OVMSModelMetadata> {
    return toSeedMetadata(await getModelMetadataWithShapes(this.config, { model: this.#model(model) }));
  }

  /** Model metadata with input and output shapes (`-1` = dynamic), from `GET /v2/models/{m}`. */
  async getModelMetadataWithShapes(model?: string): Promise<OVMSModelMetadata> {
    return this.getModelInfo(model);
  }

  /**
   * The model's available versions, from `GET /v1/config` (every version in state `AVAILABLE`,
   * ascending). KServe metadata lists only the version that answers, so it is used only when the
   * config endpoint cannot tell (a gateway that does not expose it).
   */
  async getModelVersions(model?: string): Promise<string[]> {
    const name = this.#model(model);
    try {
      const entry = (await getConfigStatus(this.config))[name];
      if (entry !== undefined) {
        return entry.model_version_status
          .filter((v) => v.state === 'AVAILABLE')
          .map((v) => v.version)
          .sort((a, b) => Number(a) - Number(b));
      }
    } catch (error) {
      if (!(error instanceof OvmsError) || error.reason._tag !== 'Status') throw error;
    }
    return [...(await getModelMetadataWithShapes(this.config, { model: name })).versions];
  }

  /**
   * The model's `state` and `health`, from the ready endpoint and the per-version
   * `model_version_status` of `GET /v1/config` (see `getModelStatus`).
   */
  async getModelStatus(model?: string): Promise<ModelStatus> {
    return getModelStatus(this.config, { model: this.#model(model) });
  }

  /**
   * Server statistics from `/metrics`, `/v2` and `/v1/config`: only real figures. Requests per
   * second need two scrapes, so they appear from the second call on (this instance keeps the
   * previous scrape). OVMS reports no uptime, CPU or memory: those stay undefined.
   */
  async getServerStatistics(): Promise<OVMSServerStatistics> {
    const stats = await getServerStatistics(this.config, this.#lastStatistics === undefined ? {} : { previous: this.#lastStatistics });
    this.#lastStatistics = stats.snapshot;
    const models: OVMSModelStatistics[] = Object.entries(stats.models).map(([name, m]) => ({
      model: name,
      statistics: definedOnly({
        requests_processed: m.requests,
        avg_inference_time: m.avgInferenceTimeMs,
        throughput: m.requestsPerSecond,
        errors: m.failures,
        avg_request_time: m.avgRequestTimeMs,
        current_requests: m.currentRequests,
        streams: m.streams,
      }),
    }));
    // Figures OVMS does not report (uptime, CPU, memory) are left out, so they read as undefined.
    return definedOnly({
      server_version: stats.serverVersion,
      active_models: stats.activeModels,
      total_requests: stats.totalRequests,
      requests_per_second: stats.requestsPerSecond,
      avg_inference_time: stats.avgInferenceTimeMs,
      failed_requests: stats.failedRequests,
      avg_request_time: stats.avgRequestTimeMs,
      server_name: stats.serverName,
      models,
    });
  }

  /**
   * Reloads: `POST /v1/config/reload` (OVMS re-reads its config.json and model folders), then waits
   * (bounded) until the model has an `AVAILABLE` version again.
   *
   * @returns `{ model, status }` with the model's available version status.
   */
  async reloadModel(model?: string): Promise<any> {
    const name = this.#model(model);
    const reloaded = await reloadConfig(this.config);
    // The reload may have changed the model's inputs (shape, batch): forget the cached metadata.
    const status = await waitForModelAvailable(this.config, { model: name });
    return { model: name, reloaded: reloaded[name], status };
  }

  /**
   * Changes a model's configuration the way OVMS allows: edit `config.json` through the config store,
   * `POST /v1/config/reload`, wait until the model is available (see `modelConfigPatch` for the
   * mapping: `batch_size` → a batch range `1:N`, `instance_count` → `NUM_STREAMS`,
   * `execution_mode` → `PERFORMANCE_HINT`; `preferred_batch` has no OVMS equivalent and is reported
   * in `ignored`).
   *
   * @throws {OvmsError} `Unsupported` without a config store; `InvalidInput` for a setting OVMS does not have.
   */
  async setModelConfig(model: string | undefined, config: OVMSModelConfig): Promise<any> {
    const name = this.#model(model);
    const metadata = await getModelMetadataWithShapes(this.config, { model: name });
    const { patch, ignored } = modelConfigPatch(config, metadata);
    return this.#update(name, patch, ignored);
  }

  /** `latency` or `throughput`: `plugin_config.PERFORMANCE_HINT` in config.json, then reload (see `setModelConfig`). */
  async setExecutionMode(model: string | undefined, mode: 'latency' | 'throughput'): Promise<any> {
    return this.#update(this.#model(model), executionModePatch(mode), []);
  }

  /**
   * Quantization the way OVMS allows (see `quantizationPatch`): runtime precision hints (`fp16`,
   * `bf16`), dynamic quantization (`dynamic`), or switching to a pre-quantized model. For `int8`/`int4`
   * the quantized model's path comes from `config.base_path`, or from the backend's
   * `ovms_quantized_models: { [model]: { int8: path, int4: path, base_path: unquantized path } }`.
   *
   * @throws {OvmsError} `Unsupported` for INT8/INT4 without a pre-quantized model (that needs NNCF offline), or without a config store.
   */
  async setQuantization(model: string | undefined, config: OVMSQuantizationConfig): Promise<any> {
    const name = this.#model(model);
    const known = quantizedModels(this.metadata)[name];
    const method = String(config.method ?? (config.bits === 4 ? 'int4' : config.bits === 8 ? 'int8' : '')).toLowerCase();
    const basePath = config['base_path'] ?? (config.enabled ? known?.[method] : known?.['base_path']);
    return this.#update(name, quantizationPatch({ ...config, ...(typeof basePath === 'string' ? { base_path: basePath } : {}) }), []);
  }

  async #update(model: string, patch: ModelConfigChange, ignored: readonly IgnoredSetting[]): Promise<UpdateModelConfigResult & { model: string; ignored: readonly IgnoredSetting[] }> {
    if (this.#configStore === undefined) {
      throw new OvmsError(
        { _tag: 'Unsupported' },
        'OVMS has no runtime API for model settings (rest-api.md §7.2); its mechanism is editing config.json and reloading. ' +
          'Give the backend the server\'s config.json: new OVMS({ configStore }, …) or, in Node, ovms_config_path / OVMS_CONFIG_PATH.',
      );
    }
    const result = await updateModelConfig(this.config, this.#configStore, model, patch);
    // The new config.json may change the model's inputs (a batch range, base_path): forget the cached metadata.
    return { model, ...result, ignored };
  }

  /**
   * Explains a prediction on the client (OVMS has no explanation endpoint): occlusion by default, or
   * a sampled Shapley estimate (`options.method: 'shapley'`), computed from real batched inferences.
   *
   * @returns `{ method, feature_importance, factors, … }` (see `explainPrediction`).
   */
  async explainPrediction(model: string | undefined, data: any, options: OVMSRequestOptions = {}): Promise<any> {
    const name = this.#model(model);
    const call = this.#callOptions(options);
    const metadata = await this.#metadata(this.config, name, options.version, call);
    const { version, precision: _p, timeout: _t, signal: _s, shape: _shape, config: _c, ...explainOptions } = options;
    return explainPrediction(this.config, { model: name, ...(version === undefined ? {} : { version }), inputs: seedInputs(metadata, data) }, { ...explainOptions, ...call });
  }

  /**
   * Whether OVMS is a sensible backend for a model name (pure: no network): OpenVINO IR and
   * OVMS-served families (see `isOvmsCompatibleModel`).
   */
  isCompatibleModel(model: string): boolean {
    return isOvmsCompatibleModel(model);
  }
}

/**
 * In Node, `ovms_config_path` (or `OVMS_CONFIG_PATH`) gives a file store; elsewhere there is none.
 * The file store is imported lazily, so browser bundles of this module carry no `node:fs`.
 */
function defaultConfigStore(metadata: ApiMetadata): ConfigStore | undefined {
  const path = metadata.ovms_config_path ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['OVMS_CONFIG_PATH'];
  if (path === undefined || path === '') return undefined;
  return lazyFileStore(path);
}

function lazyFileStore(path: string): ConfigStore {
  let store: Promise<ConfigStore> | undefined;
  const load = (): Promise<ConfigStore> => {
    store ??= import('./nodeFileConfigStore.js').then((m) => m.fileConfigStore(path));
    return store;
  };
  return {
    read: async () => (await load()).read(),
    write: async (text, expectedVersion) => (await load()).write(text, expectedVersion),
  };
}

function quantizedModels(metadata: ApiMetadata): Record<string, Record<string, string> | undefined> {
  const value = metadata['ovms_quantized_models'];
  return typeof value === 'object' && value !== null ? (value as Record<string, Record<string, string>>) : {};
}

/** The object without its undefined properties (the seed's optional fields are absent, not `undefined`). */
function definedOnly<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function toResponse(result: InferResult): OVMSResponse {
  return definedOnly({ predictions: seedPredictions(result), model_name: result.modelName, model_version: result.modelVersion, outputs: result.outputs });
}

function toSeedMetadata(m: ModelMetadata): OVMSModelMetadata {
  return {
    name: m.name,
    versions: [...m.versions],
    version: m.versions[0],
    platform: m.platform,
    inputs: m.inputs.map((t) => ({ name: t.name, datatype: t.datatype, shape: [...t.shape] })),
    outputs: m.outputs.map((t) => ({ name: t.name, datatype: t.datatype, shape: [...t.shape] })),
    ...(m.rt_info === undefined ? {} : { rt_info: m.rt_info }),
  };
}

function shapeFirstInput(metadata: ModelMetadata, inputs: Readonly<Record<string, unknown>>, shape: readonly number[]) {
  const first = metadata.inputs[0]?.name;
  return Object.entries(inputs).map(([name, data]) => ({ name, data: data as never, ...(name === first ? { shape } : {}) }));
}

function formatRequestData(input: unknown): OVMSRequestData {
  if (isObject(input) && ('instances' in input || 'inputs' in input)) return input as OVMSRequestData;
  return { instances: [input] };
}

function isTfsBody(data: unknown): data is { instances: unknown[] } | { inputs: unknown } {
  return isObject(data) && (Array.isArray(data['instances']) || ('inputs' in data && !Array.isArray(data['inputs'])));
}

function isNamedTfsBody(data: { instances: unknown[] } | { inputs: unknown }): boolean {
  return 'instances' in data ? data.instances.every((row) => isObject(row)) : isObject(data.inputs);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

function withoutKey(data: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = data;
  return rest;
}

function modelOf(data: unknown, options: ApiRequestOptions, config: ClientConfig): string {
  const fromData = isObject(data) && typeof data['model'] === 'string' ? data['model'] : undefined;
  return fromData ?? options.model ?? config.model ?? '';
}

/** The sampling options of the backend interface, as the OpenAI-style request fields. */
function generation(options: ApiRequestOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['max_tokens', 'temperature', 'top_p', 'stop'] as const) if (options[key] !== undefined) out[key] = options[key];
  return out;
}

function lastUserMessage(messages: readonly Message[]): string {
  if (!Array.isArray(messages)) throw invalidInput('messages', 'expected an array of { role, content }');
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role === 'user') return typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
  }
  throw invalidInput('messages', 'No user message found');
}

function asText(predictions: unknown): string {
  if (Array.isArray(predictions) && predictions.length === 1) {
    const only = predictions[0];
    if (typeof only === 'string') return only;
    if (Array.isArray(only) && only.length === 1 && typeof only[0] === 'string') return only[0];
  }
  return JSON.stringify(predictions, bigintAsString);
}

function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export default OVMS;
