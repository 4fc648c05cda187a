import { pathToFileURL } from 'node:url';

/**
 * Runs an example's `main` when its file is executed directly (`npx tsx examples/functional/infer.ts
 * http://localhost:8000`), with the server URL from the command line, `OVMS_API_URL`, or the OVMS
 * docs' default REST port. The demo imports the same `main` and passes its test server's URL.
 */
export function runIfMain(moduleUrl: string, main: (baseUrl: string) => Promise<void>): void {
  if (process.argv[1] === undefined || pathToFileURL(process.argv[1]).href !== moduleUrl) return;
  const baseUrl = process.argv[2] ?? process.env['OVMS_API_URL'] ?? 'http://localhost:8000';
  main(baseUrl).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
