/** The config API's two routes; they survived the removal of the TF-Serving API in 2026.3 (rest-api.md §0, §3). */
export const CONFIG_STATUS_PATH = '/v1/config';
/** `POST`, empty body (any body is ignored, rest-api.md §3). */
export const CONFIG_RELOAD_PATH = '/v1/config/reload';
