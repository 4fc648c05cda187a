/**
 * The seed's snippets name servers as its readers would deploy them: `http://localhost:9000` (the
 * default) and `http://custom-ovms-server.com:9000`. To run them unchanged against the local test
 * server, the demo routes those hosts to it, like an /etc/hosts entry: a `fetch` wrapper that
 * rewrites the origin of requests to those hosts and passes every other request through as it is.
 * This is demo plumbing, not library code; against a real OVMS nothing of it is needed.
 */
export function routeSeedHostsTo(serverUrl: string, hosts: readonly string[] = ['localhost:9000', 'custom-ovms-server.com:9000']): () => void {
  const original = globalThis.fetch;
  const target = new URL(serverUrl);
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!hosts.includes(url.host)) return original(request);
    url.protocol = target.protocol;
    url.host = target.host;
    return original(new Request(url, request));
  };
  return () => {
    globalThis.fetch = original;
  };
}
