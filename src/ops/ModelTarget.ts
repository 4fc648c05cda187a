/** Which model (and version) an operation addresses; both default from the config. */
export interface ModelTarget {
  /** Model name; default: the config's model. */
  readonly model?: string;
  /** A positive integer or `latest`; default: the config's version for its model, else the server's default. */
  readonly version?: string | number;
}
