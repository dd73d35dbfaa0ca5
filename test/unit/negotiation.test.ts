// Unit tests of content negotiation's remembered answers: asked again, in any order, past the bound of remembered
// values, a header gets the answer it got the first time, and the answers the HTTP tests expect.
import t from 'tap';
import { chooseEncoding, chooseMediaType, type MediaOffer } from '../../src/formats/negotiation.js';

const offer: MediaOffer = { types: ['application/json', 'text/csv'], fallbacks: ['application/problem+json'] };
const other: MediaOffer = { types: ['text/html'], fallbacks: [] };

t.test('Accept-Encoding: the same answer, first asked or remembered, beyond the bound', async (t) => {
  const known: [string | undefined, string][] = [
    [undefined, 'identity'],
    ['gzip', 'gzip'],
    ['gzip, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['identity;q=0, gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    [`gzip;q=0.1, ${'x'.repeat(300)}`, 'gzip'],
  ];
  // 200 other values in between: the remembered ones are forgotten and asked again.
  const noise = Array.from({ length: 200 }, (_, i) => `x-${i}, gzip;q=0.${(i % 9) + 1}`);
  for (let round = 0; round < 3; round++) {
    for (const [header, expected] of known) t.equal(chooseEncoding(header), expected, `${header} (round ${round})`);
    for (const header of noise) chooseEncoding(header);
  }
  t.equal(chooseEncoding(noise[7]), 'gzip');
});

t.test("Accept: each offer's own answer for one header", async (t) => {
  for (let round = 0; round < 3; round++) {
    t.equal(chooseMediaType('text/csv', offer), 'text/csv');
    t.equal(chooseMediaType('text/csv', other), undefined, 'the same header, another offer: none acceptable');
    t.equal(chooseMediaType('text/html', other), 'text/html');
    t.equal(chooseMediaType('application/problem+json', offer), 'application/json', 'a fallback gets the default');
    t.equal(chooseMediaType('image/png', offer), undefined);
    t.equal(chooseMediaType(undefined, offer), 'application/json');
    for (let i = 0; i < 100; i++) chooseMediaType(`application/x-${i}, text/csv;q=0.5`, offer);
  }
  t.equal(chooseMediaType('application/x-3, text/csv;q=0.5', offer), 'text/csv');
});
