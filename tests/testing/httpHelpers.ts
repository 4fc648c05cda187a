/**
 * Raw HTTP helpers for the test-server tests (node:http, so status, headers and bytes are seen
 * exactly as sent).
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** An answer as received. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
}

/** Sends one request with `agent: false` (no pooled socket survives the test). */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  options: { readonly headers?: Record<string, string>; readonly body?: string | Uint8Array } = {},
): Promise<RawAnswer> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { method, hostname: url.hostname, port: url.port, path: path, headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('aborted')));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** One case of `tests/fixtures/ovms-fixtures.json` (copied from the OVMS research fixtures). */
export interface Fixture {
  readonly id: string;
  readonly api: string;
  readonly method: string;
  readonly path: string;
  readonly request_headers?: Record<string, string>;
  readonly request_body?: string | null;
  readonly request_binary_tail_hex?: string;
  readonly status: number;
  readonly response_headers?: Record<string, string>;
  readonly response_body: string | null;
  readonly response_binary_tail_hex?: string;
  readonly verbatim: boolean;
}

/** Loads the fixtures copied into tests/fixtures. */
export function loadFixtures(): ReadonlyMap<string, Fixture> {
  const file = fileURLToPath(new URL('../fixtures/ovms-fixtures.json', import.meta.url));
  const list = JSON.parse(readFileSync(file, 'utf8')) as Fixture[];
  return new Map(list.map((f) => [f.id, f]));
}

/** The request body of a fixture: its JSON text plus its binary tail. */
export function fixtureBody(f: Fixture): Buffer | undefined {
  if (f.request_body === undefined || f.request_body === null) return undefined;
  const json = Buffer.from(f.request_body, 'utf8');
  return f.request_binary_tail_hex === undefined ? json : Buffer.concat([json, Buffer.from(f.request_binary_tail_hex, 'hex')]);
}

/** Sends the fixture's request (optionally with another path) and returns the answer. */
export function sendFixture(baseUrl: string, f: Fixture, path: string = f.path): Promise<RawAnswer> {
  const body = fixtureBody(f);
  return send(baseUrl, f.method, path, { ...(f.request_headers === undefined ? {} : { headers: f.request_headers }), ...(body === undefined ? {} : { body }) });
}

/** Writes a config.json with the given model entries (and optional extra top-level keys). */
export function configJson(models: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ model_config_list: models.map((config) => ({ config })), ...extra }, null, 2)}\n`;
}
