import { OvmsError } from './OvmsError.js';

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Request headers whose values are credentials. */
const SENSITIVE_HEADERS: ReadonlySet<string> = /*#__PURE__*/ new Set(['authorization', 'proxy-authorization', 'api-key', 'x-api-key']);

/** Shorter values are not searched for: redacting every `k` of a message would destroy it, not protect a key. */
const MIN_SECRET_LENGTH = 4;

/**
 * The credentials a request carries, to be kept out of what the server sends back: a server (or a
 * gateway) may echo the `Authorization` header in its error text, and that text becomes
 * `error.message`, `error.serverMessage` and log lines. For `Bearer x` (or `Basic`, `Token`) the
 * credential `x` is the secret, so a message still says which scheme was used.
 *
 * @param headers - The wire request's headers.
 * @returns The secrets, longest first; empty when the request carries none.
 */
export function secretsOf(headers: Readonly<Record<string, string>>): readonly string[] {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!SENSITIVE_HEADERS.has(name.toLowerCase())) continue;
    const v = value.trim();
    const credential = /^(?:bearer|basic|token)\s+(\S.*)$/i.exec(v)?.[1]?.trim() ?? v;
    if (credential.length >= MIN_SECRET_LENGTH) found.add(credential);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of each secret replaced by {@link REDACTED}. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/**
 * The error with the secrets removed from its message and server message; the same object when
 * neither holds one.
 */
export function redactError(error: OvmsError, secrets: readonly string[]): OvmsError {
  if (secrets.length === 0) return error;
  const message = redactText(error.message, secrets);
  const reason = error.reason;
  const serverMessage = 'serverMessage' in reason && typeof reason.serverMessage === 'string' ? redactText(reason.serverMessage, secrets) : undefined;
  if (message === error.message && (serverMessage === undefined || serverMessage === error.serverMessage)) return error;
  return new OvmsError(serverMessage === undefined ? reason : ({ ...reason, serverMessage } as typeof reason), message, {
    ...(error.request === undefined ? {} : { request: error.request }),
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
}

/**
 * A copy of a response body stream with the secrets replaced, also when one is split across chunks.
 * Only a chunk's tail that could be the start of a secret is held back until the next chunk, so an
 * event stream, whose chunks end with a blank line, is passed on without delay. Cancelling the copy
 * cancels the source (the connection closes).
 *
 * @param stream - The response body.
 * @param secrets - From {@link secretsOf}; non-empty.
 * @returns The redacting stream.
 */
export function redactStream(stream: ReadableStream<Uint8Array>, secrets: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const needles = secrets.map((s) => encoder.encode(s));
  const replacement = encoder.encode(REDACTED);
  let carry = new Uint8Array(0);
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        let bytes = carry.byteLength === 0 ? chunk : concat([carry, chunk]);
        for (const needle of needles) bytes = replaceAll(bytes, needle, replacement);
        const keep = partialSuffix(bytes, needles);
        carry = bytes.slice(bytes.byteLength - keep);
        if (bytes.byteLength > keep) controller.enqueue(keep === 0 ? bytes : bytes.subarray(0, bytes.byteLength - keep));
      },
      flush(controller) {
        if (carry.byteLength > 0) controller.enqueue(carry);
      },
    }),
  );
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function matchesAt(bytes: Uint8Array, at: number, needle: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; i += 1) if (bytes[at + i] !== needle[i]) return false;
  return true;
}

function replaceAll(bytes: Uint8Array, needle: Uint8Array, replacement: Uint8Array): Uint8Array {
  const first = needle[0] as number;
  const parts: Uint8Array[] = [];
  let from = 0;
  for (let at = bytes.indexOf(first); at !== -1 && at + needle.byteLength <= bytes.byteLength; at = bytes.indexOf(first, at + 1)) {
    if (at < from || !matchesAt(bytes, at, needle, needle.byteLength)) continue;
    parts.push(bytes.subarray(from, at), replacement);
    from = at + needle.byteLength;
  }
  if (parts.length === 0) return bytes;
  parts.push(bytes.subarray(from));
  return concat(parts);
}

/** The length of the longest tail of `bytes` that is a proper prefix of a needle (0 when none). */
function partialSuffix(bytes: Uint8Array, needles: readonly Uint8Array[]): number {
  let best = 0;
  for (const needle of needles) {
    for (let k = Math.min(needle.byteLength - 1, bytes.byteLength); k > best; k -= 1) {
      if (matchesAt(bytes, bytes.byteLength - k, needle, k)) {
        best = k;
        break;
      }
    }
  }
  return best;
}
