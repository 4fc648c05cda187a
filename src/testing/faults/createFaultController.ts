/**
 * The fault state of one server: defaults, a queue of "fail the next N requests", and the merge
 * with a request's own fault header.
 */
import type { FaultSpec } from './FaultSpec.js';

/** The programmatic fault handle exposed as `server.faults`. */
export interface FaultController {
  /** Fail the next `count` requests (optionally only paths containing `match`) with `status` and `Retry-After`. */
  failNext(count: number, status?: number, retryAfter?: number | string, options?: { readonly message?: string; readonly match?: string }): void;
  /** Replace the server-wide default fault (undefined clears it). */
  set(spec: FaultSpec | undefined): void;
  /** Make a servable report not-ready for `ms` (its versions answer 404 "not loaded yet"). */
  notReady(model: string, ms: number): void;
  /** Drop every fault (defaults and pending failures). */
  clear(): void;
}

/** Internal side of the controller used by the server. */
export interface FaultState extends FaultController {
  /** The fault for one request: defaults, then one pending failure (consumed), then the header's fields. */
  take(path: string, header: FaultSpec | undefined): FaultSpec;
}

interface Pending {
  remaining: number;
  readonly spec: FaultSpec;
}

/**
 * Creates the fault state.
 *
 * @param initial - server-wide defaults (`startTestServer({ faults })`)
 * @param onNotReady - applies a not-ready period to the registry
 */
export function createFaultController(initial: FaultSpec | undefined, onNotReady: (model: string, ms: number) => void): FaultState {
  let defaults = initial;
  const pending: Pending[] = [];
  return {
    failNext(count, status = 503, retryAfter, options) {
      const spec: FaultSpec = {
        status,
        ...(retryAfter === undefined ? {} : { retryAfter }),
        ...(options?.message === undefined ? {} : { message: options.message }),
        ...(options?.match === undefined ? {} : { match: options.match }),
      };
      pending.push({ remaining: count, spec });
    },
    set(spec) {
      defaults = spec;
    },
    notReady(model, ms) {
      onNotReady(model, ms);
    },
    clear() {
      defaults = undefined;
      pending.length = 0;
    },
    take(path, header) {
      let spec: FaultSpec = {};
      if (defaults !== undefined && (defaults.match === undefined || path.includes(defaults.match))) spec = { ...defaults };
      const p = pending.find((x) => x.remaining > 0 && (x.spec.match === undefined || path.includes(x.spec.match)));
      if (p !== undefined) {
        p.remaining -= 1;
        spec = { ...spec, ...p.spec };
        if (p.remaining <= 0) pending.splice(pending.indexOf(p), 1);
      }
      return header === undefined ? spec : { ...spec, ...header };
    },
  };
}
