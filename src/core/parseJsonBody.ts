import * as v from 'valibot';
import { decodeError, type RequestSummary } from '../errors/OvmsError.js';

/**
 * Parses a JSON body and checks it against a schema. Any failure becomes `OvmsError` `Decode`
 * naming where the answer went wrong; valibot's issues never cross the public boundary.
 */
export function parseJsonBody<S extends v.GenericSchema>(bytes: Uint8Array | string, schema: S, what: string, request?: RequestSummary): v.InferOutput<S> {
  let parsed: unknown;
  const text = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw decodeError(`${what}: the server's answer is not valid JSON (${(error as Error).message})`, error, request);
  }
  const result = v.safeParse(schema, parsed);
  if (!result.success) {
    const issue = result.issues[0];
    const path = v.getDotPath(issue) ?? '(root)';
    throw decodeError(`${what}: unexpected answer at ${path}: ${issue.message}`, undefined, request);
  }
  return result.output;
}
