// Paging links of a list (first, prev, next, last), in the envelope and in an RFC 8288 Link header.
import type { ListQuery } from './parameters.js';

/** The request's query string with `offset` and `limit` set; commas left readable. */
function withPage(path: string, rawQuery: string, limit: number, offset: number): string {
  const params = new URLSearchParams(rawQuery);
  params.delete('offset');
  params.delete('limit');
  params.append('limit', String(limit));
  params.append('offset', String(offset));
  return `${path}?${params.toString().replaceAll('%2C', ',')}`;
}

export function pageLinks(url: string, query: Pick<ListQuery, 'limit' | 'offset'>, total: number): Record<string, string> {
  const [path = '', rawQuery = ''] = url.split('?', 2);
  const { limit, offset } = query;
  const last = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  return {
    self: withPage(path, rawQuery, limit, offset),
    first: withPage(path, rawQuery, limit, 0),
    ...(offset > 0 ? { prev: withPage(path, rawQuery, limit, Math.min(Math.max(offset - limit, 0), last)) } : {}),
    ...(offset + limit < total ? { next: withPage(path, rawQuery, limit, offset + limit) } : {}),
    last: withPage(path, rawQuery, limit, last),
  };
}

/** RFC 8288 Link header value for the paging links (all but self). */
export function linkHeader(links: Record<string, string>): string {
  return Object.entries(links)
    .filter(([rel]) => rel !== 'self')
    .map(([rel, href]) => `<${href}>; rel="${rel}"`)
    .join(', ');
}
