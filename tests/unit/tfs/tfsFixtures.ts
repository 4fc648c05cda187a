/** The TFS fixtures of rest-api.md §10, copied into the repository (never read from outside it at test time). */
import { readFileSync } from 'node:fs';

/** One fixture: a request/response case from OVMS's tests, docs or code. */
export interface Fixture {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly request_body?: string | null;
  readonly status: number;
  readonly response_body: string | null;
}

const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/tfs-client-fixtures.json', import.meta.url), 'utf8')) as Fixture[];

/** The fixture with this id (throws if absent, so a renamed fixture fails loudly). */
export function fixture(id: string): Fixture {
  const f = fixtures.find((x) => x.id === id);
  if (f === undefined) throw new Error(`no fixture ${id}`);
  return f;
}

/** The response body of a fixture, which must have one. */
export function bodyOf(id: string): string {
  const body = fixture(id).response_body;
  if (body === null) throw new Error(`fixture ${id} has no response body`);
  return body;
}
