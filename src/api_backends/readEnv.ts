/**
 * Reads an environment variable where there is one (Node, Deno's `process` shim, bundlers that
 * define `process.env`), and returns undefined in a browser, where touching a bare `process` would
 * throw a ReferenceError.
 */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return value === undefined || value === '' ? undefined : value;
}
