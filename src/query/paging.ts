// Paging links of a list (first, prev, next, last), in the envelope and in an RFC 8288 Link header.

/** The request's query string with `limit` and `offset` set, or both removed (`page` undefined); commas left readable. */
function withPage(path: string, rawQuery: string, page?: { limit: number; offset: number }): string {
  const params = new URLSearchParams(rawQuery);
  params.delete('offset');
  params.delete('limit');
  if (page) {
    params.append('limit', String(page.limit));
    params.append('offset', String(page.offset));
  }
  const query = params.toString().replaceAll('%2C', ',');
  return query ? `${path}?${query}` : path;
}

/**
 * The links of a page of `total` items. A whole result (a file format asked without `limit`) is its own first
 * and last page: its links carry no paging parameters, so that each answers the same whole result.
 */
export function pageLinks(url: string, page: { limit: number; offset: number; whole?: boolean }, total: number): Record<string, string> {
  const [path, rawQuery = ''] = url.split('?', 2) as [string, string?];
  if (page.whole) {
    const self = withPage(path, rawQuery);
    return { self, first: self, last: self };
  }
  const { limit, offset } = page;
  const last = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  return {
    self: withPage(path, rawQuery, { limit, offset }),
    first: withPage(path, rawQuery, { limit, offset: 0 }),
    ...(offset > 0 ? { prev: withPage(path, rawQuery, { limit, offset: Math.min(Math.max(offset - limit, 0), last) }) } : {}),
    ...(offset + limit < total ? { next: withPage(path, rawQuery, { limit, offset: offset + limit }) } : {}),
    last: withPage(path, rawQuery, { limit, offset: last }),
  };
}

/** RFC 8288 Link header value for the paging links (all but self). */
export function linkHeader(links: Record<string, string>): string {
  return Object.entries(links)
    .filter(([rel]) => rel !== 'self')
    .map(([rel, href]) => `<${href}>; rel="${rel}"`)
    .join(', ');
}
