/**
 * Shared helpers of the KServe nock tests (tests/integration/kserve-*.nock.test.ts): the OVMS
 * reference fixtures of tests/fixtures/kserve-client-fixtures.json, the nock lifecycle, and what
 * nock saw the client send.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** One recorded OVMS exchange of kserve-client-fixtures.json. */
export interface Fixture {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly request_body?: string | null;
  readonly request_headers?: Readonly<Record<string, string>>;
  readonly response_body: string | null;
  readonly response_headers?: Readonly<Record<string, string>>;
  readonly request_binary_tail_hex?: string;
  readonly response_binary_tail_hex?: string;
}

/** Every fixture of kserve-client-fixtures.json, in file order. */
export const FIXTURES = JSON.parse(readFileSync(new URL('../fixtures/kserve-client-fixtures.json', import.meta.url), 'utf8')) as readonly Fixture[];

/** The fixture with this id (a missing one fails the test). */
export function fx(id: string): Fixture {
  const f = FIXTURES.find((x) => x.id === id);
  if (f === undefined) throw new Error(`fixture ${id} is missing from kserve-client-fixtures.json`);
  return f;
}

/** The response body of a fixture, which must have one. */
export function body(f: Fixture): string {
  if (f.response_body === null) throw new Error(`fixture ${f.id} has no response body`);
  return f.response_body;
}

/** The `error` text of an OVMS error body. */
export function errorText(f: Fixture): string {
  return (JSON.parse(body(f)) as { error: string }).error;
}

/** JSON header + binary tail, exactly as OVMS puts them on the wire. */
export function binaryWire(f: Fixture): Buffer {
  if (f.response_binary_tail_hex === undefined) throw new Error(`fixture ${f.id} has no binary tail`);
  return Buffer.concat([Buffer.from(body(f), 'utf8'), Buffer.from(f.response_binary_tail_hex, 'hex')]);
}

/** One request a nock scope answered, with its body as the exact bytes sent. */
export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly bytes: Buffer;
}

/**
 * Records every request a scope answers. nock 14 hands the body over as a string: UTF-8 when the
 * bytes survive a UTF-8 round trip, else lowercase hex; this undoes that.
 */
export function record(scope: nock.Scope): Seen[] {
  const seen: Seen[] = [];
  scope.on('request', (req: { method: string; path: string; headers: Record<string, string> }, _i: unknown, raw: string) => {
    seen.push({ method: req.method, path: req.path, headers: { ...req.headers }, bytes: rawBytes(raw) });
  });
  return seen;
}

/** The bytes behind the body string nock hands over (see `record`). */
export function rawBytes(raw: string): Buffer {
  if (raw.length > 0 && raw.length % 2 === 0 && /^[0-9a-f]+$/.test(raw)) {
    const b = Buffer.from(raw, 'hex');
    if (!Buffer.from(b.toString('utf8'), 'utf8').equals(b)) return b;
  }
  return Buffer.from(raw, 'utf8');
}

/** The integers `from` (included) to `to` (excluded). */
export const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** The base URL nock intercepts. */
export const BASE = 'http://ovms.test';

/** OVMS's JSON content type (rest-api.md §1.2); binary outputs are labelled with it too. */
export const OVMS_JSON = { 'content-type': 'application/json; charset=utf-8' } as const;

/** Forbids real connections for the file and removes every interceptor after each test; call it at the top level. */
export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
}
