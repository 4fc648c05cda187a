/** The metric types of the Prometheus text format 0.0.4. */
export type PrometheusType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

/** One sample line: `name{labels} value [timestamp]`. */
export interface PrometheusSample {
  /** The sample's own name: for a histogram `x`, one of `x_bucket`, `x_sum`, `x_count`. */
  readonly name: string;
  /** Label values unescaped; a histogram bucket keeps its bound in `le` (`"+Inf"` for the last). */
  readonly labels: Readonly<Record<string, string>>;
  /** The value; `NaN`, `Infinity` and `-Infinity` are possible. */
  readonly value: number;
  /** Milliseconds since the epoch, when the line has one (OVMS never writes it). */
  readonly timestamp?: number;
}

/** A metric family: HELP and TYPE, and its samples in the order of the text. */
export interface PrometheusFamily {
  readonly name: string;
  readonly type: PrometheusType;
  /** The HELP text unescaped, when given. */
  readonly help?: string;
  readonly samples: readonly PrometheusSample[];
}
