/** One element range of one input, occluded as a whole: the unit an explanation attributes to. */
export interface Feature {
  /** Index of the input in the prepared inputs. */
  readonly input: number;
  /** First flat (row-major) element index of the group. */
  readonly start: number;
  /** One past the last element index. */
  readonly end: number;
  /** `name[i]` for a single element, `name[start:end]` (half-open) for a group. */
  readonly name: string;
}

/**
 * The model evaluations an attribution method needs, described lazily (the perturbed inputs are
 * built chunk by chunk, so a large input is never copied once per evaluation at the same time).
 */
export interface EvaluationPlan {
  /** Number of evaluations, the unperturbed input included. */
  readonly count: number;
  /** The features replaced by the baseline value in evaluation `e`; evaluation 0 is the unperturbed input. */
  occluded(e: number): ArrayLike<number>;
  /** Per-feature importance from the target scores of all `count` evaluations. */
  importance(scores: readonly number[]): number[];
  /** The evaluation with every feature at the baseline value, when the method has one. */
  readonly referenceIndex?: number;
}
