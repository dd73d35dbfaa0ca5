// The response cache's policy, apart from the plugin so that it can be tested (and mutation-tested) alone:
// which entry a request maps to, and how many bytes an entry holds.
//
// An entry is keyed by the representation the server chose (normalised path and query, the media type negotiated
// against the route's offer, the content coding), never by the text of the client's headers: requests that differ
// only in meaningless header variations share one entry, and a key is at most a URL long (the URL is bounded).
import type { Encoding } from '../../formats/negotiation.js';

/** A finished response: its bytes (compressed when asked) and the headers that belong to it. */
export interface Representation {
  body: Buffer;
  headers: Record<string, string>;
}

/** The path and query, with the query's parameters sorted: their order does not change an answer. */
export function normalisedTarget(url: string): string {
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const parameters = url
    .slice(mark + 1)
    .split('&')
    .sort();
  return `${url.slice(0, mark)}?${parameters.join('&')}`;
}

/** The media type part of a key for a route that ignores Accept. */
export const anyMediaType = '*';

/** The key of a representation: negotiated media type, content coding, normalised target. */
export function cacheKey(target: string, mediaType: string, encoding: Encoding): string {
  return `${mediaType} ${encoding} ${target}`;
}

/**
 * Bytes an entry costs besides its strings and body: the entry object, its headers object, the Buffer object and
 * the LRU's slots for it (measured: about 0.3 KB an entry beside its strings; counted as 1 KB, so that the bound
 * holds with the allocator's slack too).
 */
export const entryOverhead = 1024;

/** Bytes a string may take in memory: V8 stores one or two bytes a character; count two. */
export function stringBytes(text: string): number {
  return 2 * text.length;
}

/** Every byte an entry holds: key, header names and values, body, and the fixed overhead. */
export function entrySize(key: string, entry: Representation): number {
  let size = entryOverhead + stringBytes(key) + entry.body.byteLength;
  for (const [name, value] of Object.entries(entry.headers)) size += stringBytes(name) + stringBytes(value);
  return size;
}

/**
 * `body` in memory of its own size: zlib's output and short strings' bytes are views of larger blocks (16 KB for a
 * few compressed bytes), which a cached view would keep alive unaccounted.
 */
export function ownedBuffer(body: Buffer): Buffer {
  // A view that starts past the start of its block is shorter than the block: one test covers both.
  if (body.buffer.byteLength === body.byteLength) return body;
  const copy = Buffer.allocUnsafeSlow(body.byteLength);
  body.copy(copy);
  return copy;
}
