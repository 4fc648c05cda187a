import type { ServerResponse } from 'node:http';
import { sendError } from './sendError.js';
import { sendJson } from './sendJson.js';

/**
 * `GET …/models` and `GET …/models/{id}` (rest-api.md §5.1, §5.3; fixtures F67, F68, F94). Every
 * servable — models, DAGs and graphs — is listed as `{"id","object":"model","created","owned_by":"OVMS"}`
 * with `created` = the request time. The id is everything after `models/` (it may contain `/`, so
 * `models/resnet/metadata` asks for a model named `resnet/metadata`); an unknown id is 500
 * `Model not found`. Never behind the API key (§1.4).
 *
 * @param subpath `models` or `models/<id>`
 * @param names every servable name
 * @param res the response
 */
export function handleModelsRequest(subpath: string, names: readonly string[], res: ServerResponse): void {
  const created = Math.floor(Date.now() / 1000);
  const entry = (id: string): Record<string, unknown> => ({ id, object: 'model', created, owned_by: 'OVMS' });
  if (subpath === 'models') {
    sendJson(res, 200, JSON.stringify({ data: names.map(entry), object: 'list' }));
    return;
  }
  const raw = subpath.slice('models/'.length);
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    // A malformed escape is just part of an unknown name.
  }
  if (!names.includes(id)) {
    sendError(res, { status: 500, message: 'Model not found' });
    return;
  }
  sendJson(res, 200, JSON.stringify(entry(id)));
}
