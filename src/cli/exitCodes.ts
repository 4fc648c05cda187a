/**
 * The exit codes of `ovms`, documented in its `--help` and the README. Scripts may rely on them.
 */
export const EXIT_CODES = /*#__PURE__*/ Object.freeze({
  /** Done. */
  ok: 0,
  /** Bad command line: unknown command or option, missing or malformed argument. */
  usage: 1,
  /** OVMS could not be reached: connection refused, unknown host, reset, timeout. */
  unreachable: 2,
  /** OVMS answered with an error: unknown model or version (404), bad request, server error, malformed answer. */
  server: 3,
  /** Bad input data: an unreadable or malformed input file, inputs that do not fit the model. */
  input: 4,
  /** A check failed: `health` found the server not live or not ready; `bench` could not get a stable measurement. */
  check: 5,
  /** An unexpected internal error (a bug: please report it). */
  internal: 70,
  /** Interrupted (Ctrl-C) before finishing. */
  interrupted: 130,
});

/** One of {@link EXIT_CODES}' values. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The exit codes as help text, one per line. */
export const EXIT_CODES_HELP = `Exit codes:
  0    done
  1    usage error (unknown command or option, bad argument)
  2    OVMS unreachable (connection refused, unknown host, timeout)
  3    OVMS answered with an error (unknown model or version, bad request, server error)
  4    bad input data (unreadable or malformed file, inputs that do not fit the model)
  5    check failed (health: not live or not ready; bench: a level never became stable)
  70   internal error (a bug)
  130  interrupted (Ctrl-C)`;
