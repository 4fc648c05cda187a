/** Which REST APIs a server offers, as `detectServerApi` infers them from its version. */
export interface ServerApi {
  /** The version string of `GET /v2`, e.g. `2026.2.1` or `2022.2.c290da85`. */
  readonly version: string;
  /** KServe v2 (`/v2/...`): every server that answers `GET /v2` has it. */
  readonly kserve: true;
  /** The TensorFlow-Serving API (`/v1/models/...`): OVMS < 2026.3 (rest-api.md §0, §2). */
  readonly tfs: boolean;
  /** The OpenAI API under `/v1/...` (alias of `/v3/...`): OVMS >= 2026.3 (rest-api.md §0, §5). */
  readonly openaiV1: boolean;
}
