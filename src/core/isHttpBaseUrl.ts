/**
 * Whether `value` can serve as a base URL: absolute http(s), no query, fragment or credentials
 * (credentials in a URL would end up in logs and error summaries).
 */
export function isHttpBaseUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.search === '' && u.hash === '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
