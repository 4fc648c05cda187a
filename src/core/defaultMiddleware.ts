import type { ClientConfig } from '../config/ClientConfig.js';
import { withAuth } from '../middleware/withAuth.js';
import { withPrecision } from '../middleware/withPrecision.js';
import { withRequestId } from '../middleware/withRequestId.js';
import { withRetry } from '../middleware/withRetry.js';
import { withTimeout } from '../middleware/withTimeout.js';
import { withVersionRouting } from '../middleware/withVersionRouting.js';
import type { Middleware } from './types.js';

/**
 * The pipeline of a config, outermost first. The order is the documentation (house style
 * principle 3): request id → version routing → precision → your middleware → retry → auth →
 * timeout; the transport comes after. Auth and timeout sit inside retry so that each attempt is
 * signed and timed afresh.
 */
export function defaultMiddleware(config: ClientConfig): readonly Middleware[] {
  return [
    withRequestId(),
    withVersionRouting(config),
    withPrecision(config.precision),
    ...config.middleware,
    withRetry({ logger: config.logger }),
    withAuth(config.apiKey, config.baseUrl),
    withTimeout(),
  ];
}
