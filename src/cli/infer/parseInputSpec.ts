/** An `--input` argument: a file, and the model input it is for when given as `name=path`. */
export interface InputSpec {
  readonly name?: string;
  readonly path: string;
}

/**
 * Splits `--input name=path` from `--input path`. The part before the first `=` is taken as a
 * name only when it holds no path separator, so `./a=b.npy` stays a path.
 *
 * @param arg - The option's value.
 * @returns The spec.
 */
export function parseInputSpec(arg: string): InputSpec {
  const eq = arg.indexOf('=');
  if (eq > 0) {
    const name = arg.slice(0, eq);
    if (!/[\\/]/.test(name)) return { name, path: arg.slice(eq + 1) };
  }
  return { path: arg };
}
