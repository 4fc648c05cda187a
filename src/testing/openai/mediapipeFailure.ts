import type { OpenAiFailure } from './openAiFailure.js';

/** The calculator node names of the graphs OVMS generates (`ovms --task`, export_model.py), rest-api.md §5.5. */
export type GraphNode = 'LLMExecutor' | 'EmbeddingsExecutor' | 'RerankExecutor';

/**
 * The failure OVMS answers when a calculator of a MediaPipe graph returns an error status.
 *
 * MEDIAPIPE_EXECUTION_ERROR maps to 400 (rest-api.md §1.3) whatever the absl code, and the text is
 * the absl status printed after `MP status - ` (rest-api.md §5.5, fixtures F79/F80). Request
 * validation uses `INVALID_ARGUMENT`; runtime errors thrown inside the calculator (e.g. the rerank
 * document limit) use `INTERNAL`.
 *
 * @param node the calculator node that failed
 * @param reason the calculator's message
 * @param code the absl status code name
 * @returns status 400 and the full OVMS message
 */
// @__NO_SIDE_EFFECTS__
export function mediapipeFailure(
  node: GraphNode,
  reason: string,
  code: 'INVALID_ARGUMENT' | 'INTERNAL' = 'INVALID_ARGUMENT',
): OpenAiFailure {
  return {
    status: 400,
    message: `Mediapipe execution failed. MP status - ${code}: CalculatorGraph::Run() failed: \nCalculator::Process() for node "${node}" failed: ${reason}`,
  };
}
