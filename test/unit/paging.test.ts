// Paging links: first, prev, next, last for every position of a page, the query kept, and the Link header.
import t from 'tap';
import { linkHeader, pageLinks } from '../../src/query/paging.js';

const page = (total: number, limit: number, offset: number, url = '/v1/x') => pageLinks(url, { limit, offset }, total);
const at = (limit: number, offset: number) => `/v1/x?limit=${limit}&offset=${offset}`;

t.test('positions of a page among 14 items by 5', async (t) => {
  t.strictSame(page(14, 5, 0), { self: at(5, 0), first: at(5, 0), next: at(5, 5), last: at(5, 10) });
  t.strictSame(page(14, 5, 5), { self: at(5, 5), first: at(5, 0), prev: at(5, 0), next: at(5, 10), last: at(5, 10) });
  t.strictSame(page(14, 5, 10), { self: at(5, 10), first: at(5, 0), prev: at(5, 5), last: at(5, 10) });
  t.strictSame(page(14, 5, 9), { self: at(5, 9), first: at(5, 0), prev: at(5, 4), last: at(5, 10) }, 'an offset between pages: items 9 to 13 are the end');
  t.strictSame(page(14, 5, 8), { self: at(5, 8), first: at(5, 0), prev: at(5, 3), next: at(5, 13), last: at(5, 10) }, 'one item left after this page');
  t.strictSame(page(14, 5, 3), { self: at(5, 3), first: at(5, 0), prev: at(5, 0), next: at(5, 8), last: at(5, 10) }, 'prev never below 0');
  t.strictSame(page(14, 5, 100), { self: at(5, 100), first: at(5, 0), prev: at(5, 10), last: at(5, 10) }, 'past the end: prev is the last page');
  t.strictSame(page(14, 5, 14), { self: at(5, 14), first: at(5, 0), prev: at(5, 9), last: at(5, 10) }, 'just past the end: the 5 items before');
});

t.test('a total that is a multiple of the limit', async (t) => {
  t.strictSame(page(10, 5, 0), { self: at(5, 0), first: at(5, 0), next: at(5, 5), last: at(5, 5) });
  t.strictSame(page(10, 5, 5), { self: at(5, 5), first: at(5, 0), prev: at(5, 0), last: at(5, 5) }, 'the last page is full and has no next');
  t.strictSame(page(5, 5, 0), { self: at(5, 0), first: at(5, 0), last: at(5, 0) }, 'one full page');
  t.strictSame(page(11, 5, 5), { self: at(5, 5), first: at(5, 0), prev: at(5, 0), next: at(5, 10), last: at(5, 10) }, 'one more item: one more page');
  t.strictSame(page(1, 1, 0), { self: at(1, 0), first: at(1, 0), last: at(1, 0) });
  t.strictSame(page(2, 1, 1), { self: at(1, 1), first: at(1, 0), prev: at(1, 0), last: at(1, 1) });
});

t.test('no items', async (t) => {
  t.strictSame(page(0, 5, 0), { self: at(5, 0), first: at(5, 0), last: at(5, 0) });
  t.strictSame(page(0, 5, 10), { self: at(5, 10), first: at(5, 0), prev: at(5, 0), last: at(5, 0) });
});

t.test('the query is kept, paging parameters replaced at the end, commas readable', async (t) => {
  t.strictSame(page(14, 5, 0, '/v1/x?offset=3&fields=a,b&limit=9&q=st%20lary&sort=-name'), {
    self: '/v1/x?fields=a,b&q=st+lary&sort=-name&limit=5&offset=0',
    first: '/v1/x?fields=a,b&q=st+lary&sort=-name&limit=5&offset=0',
    next: '/v1/x?fields=a,b&q=st+lary&sort=-name&limit=5&offset=5',
    last: '/v1/x?fields=a,b&q=st+lary&sort=-name&limit=5&offset=10',
  });
  t.equal(page(1, 5, 0, '/v1/x?').self, at(5, 0), 'an empty query');
  t.equal(page(1, 5, 0, '/v1/x?limit=1&limit=2').self, at(5, 0), 'every limit removed');
  t.equal(page(1, 5, 0, '/v1/x?a=1?b').self, '/v1/x?a=1&limit=5&offset=0', 'what follows a second ? is not the query');
});

t.test('Link header: every link but self, in order, as RFC 8288', async (t) => {
  t.equal(linkHeader(page(14, 5, 5)), `<${at(5, 0)}>; rel="first", <${at(5, 0)}>; rel="prev", <${at(5, 10)}>; rel="next", <${at(5, 10)}>; rel="last"`);
  t.equal(linkHeader({ self: '/a' }), '');
  t.equal(linkHeader({ self: '/a', first: '/b' }), '</b>; rel="first"');
});
