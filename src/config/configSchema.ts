import * as v from 'valibot';
import { isHttpBaseUrl } from '../core/isHttpBaseUrl.js';

const PRECISIONS = ['FP32', 'FP16', 'BF16', 'FP64', 'INT8'] as const;

const VERSION_RULE = 'version must be "latest" or a non-negative integer (as a number or a string of digits)';

const isFunction = (x: unknown): x is (...args: never[]) => unknown => typeof x === 'function';

const positiveMs = (what: string) =>
  v.pipe(v.number(`${what} must be a number of milliseconds`), v.finite(`${what} must be finite`), v.minValue(1, `${what} must be a positive number of milliseconds`));

const nonNegativeInt = (what: string) =>
  v.pipe(v.number(`${what} must be a number`), v.integer(`${what} must be an integer`), v.minValue(0, `${what} must be >= 0`));

const nonNegativeMs = (what: string) =>
  v.pipe(v.number(`${what} must be a number of milliseconds`), v.finite(`${what} must be finite`), v.minValue(0, `${what} must be >= 0`));

/**
 * The shape `createConfig` accepts. Messages say what was expected, so an `InvalidInput` error
 * built from an issue can name the field and the rule.
 */
export const ClientConfigInputSchema = /*#__PURE__*/ v.strictObject(
  {
    baseUrl: v.optional(
      v.pipe(
        v.string('baseUrl must be a string'),
        v.check(isHttpBaseUrl, 'baseUrl must be an absolute http(s) URL without query, fragment or credentials, e.g. "http://localhost:8000"'),
      ),
    ),
    model: v.optional(v.pipe(v.string('model must be a string'), v.minLength(1, 'model must not be empty'))),
    version: v.optional(
      v.union(
        [
          v.pipe(v.string(), v.regex(/^(latest|\d+)$/, VERSION_RULE)),
          v.pipe(v.number(), v.integer(VERSION_RULE), v.minValue(0, VERSION_RULE)),
        ],
        VERSION_RULE,
      ),
    ),
    precision: v.optional(v.picklist(PRECISIONS, `precision must be one of ${PRECISIONS.join(', ')}`)),
    apiKey: v.optional(v.pipe(v.string('apiKey must be a string'), v.minLength(1, 'apiKey must not be empty'))),
    timeout: v.optional(positiveMs('timeout')),
    retry: v.optional(
      v.union(
        [
          v.literal(false),
          v.strictObject({
            maxRetries: v.optional(nonNegativeInt('retry.maxRetries')),
            baseDelayMs: v.optional(nonNegativeMs('retry.baseDelayMs')),
            maxDelayMs: v.optional(nonNegativeMs('retry.maxDelayMs')),
            maxRetryAfterMs: v.optional(nonNegativeMs('retry.maxRetryAfterMs')),
            jitter: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1, 'retry.jitter must be between 0 and 1'))),
          }),
        ],
        'retry must be false or an object with maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs, jitter',
      ),
    ),
    middleware: v.optional(v.array(v.custom(isFunction, 'middleware must be an array of functions (next) => handler'))),
    transport: v.optional(
      v.union([v.literal('ky'), v.literal('fetch'), v.custom(isFunction)], 'transport must be "ky", "fetch" or a function (request) => Promise<Response>'),
    ),
    fetch: v.optional(v.custom<typeof fetch>(isFunction, 'fetch must be a function')),
    logger: v.optional(
      v.object({
        debug: v.optional(v.custom(isFunction, 'logger.debug must be a function')),
        warn: v.optional(v.custom(isFunction, 'logger.warn must be a function')),
      }),
    ),
    validate: v.optional(v.boolean('validate must be a boolean')),
    binary: v.optional(v.picklist(['auto', 'always', 'never'], 'binary must be "auto", "always" or "never"')),
    headers: v.optional(v.record(v.string(), v.string('headers must map header names to string values'))),
    maxResponseBytes: v.optional(
      v.pipe(v.number(), v.integer('maxResponseBytes must be an integer'), v.minValue(1, 'maxResponseBytes must be a positive number of bytes')),
    ),
    openaiBasePath: v.optional(v.picklist(['/v3', '/v1'], 'openaiBasePath must be "/v3" or "/v1"')),
  },
  'is not a known option',
);
