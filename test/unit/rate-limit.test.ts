// Unit tests of the rate limit's counting: the key a client is counted under, and its window (no server: the plugin on
// a bare Fastify instance, counted through `countRequest`).
import t from 'tap';
import Fastify from 'fastify';
import rateLimit, { clientKey } from '../../src/plugins/external/rate-limit.js';

t.test('the key: an IPv4 address as it is, an IPv6 address by its /64, an IPv4-mapped one as the IPv4 address', async (t) => {
  t.equal(clientKey('192.0.2.7'), '192.0.2.7');
  t.equal(clientKey('2001:db8:1:2::1'), clientKey('2001:db8:1:2:ffff:ffff:ffff:fffe'), 'one /64, one key');
  t.not(clientKey('2001:db8:1:2::1'), clientKey('2001:db8:1:3::1'), 'another /64, another key');
  t.equal(clientKey('2001:DB8:1:2::1'), clientKey('2001:db8:1:2::1'), 'case does not matter');
  t.equal(clientKey('::ffff:192.0.2.7'), '192.0.2.7', 'the IPv4 client of a dual-stack socket is counted once');
});

t.test('a window: max requests allowed, the next ones exceeded, each address counted apart', async (t) => {
  const app = Fastify();
  await app.register(rateLimit, { max: 3, windowMs: 60_000 });
  await app.ready();
  const counts = [1, 2, 3, 4, 5].map(() => app.countRequest('192.0.2.1'));
  t.strictSame(
    counts.map((limit) => [limit?.remaining, limit?.exceeded]),
    [
      [2, false],
      [1, false],
      [0, false],
      [0, true],
      [0, true],
    ],
  );
  t.ok(
    counts.every((limit) => limit?.max === 3 && limit.reset > 0 && limit.reset <= 60),
    'reset: seconds left in the window',
  );
  t.equal(app.countRequest('192.0.2.2')?.remaining, 2, 'another address has its own window');
  t.equal(app.countRequest('2001:db8:1:2::5')?.remaining, 2);
  t.equal(app.countRequest('2001:db8:1:2::6')?.remaining, 1, 'an address of the same /64 shares its window');
});

t.test('max 0: nothing counted', async (t) => {
  const app = Fastify();
  await app.register(rateLimit, { max: 0, windowMs: 60_000 });
  await app.ready();
  t.equal(app.countRequest('192.0.2.1'), undefined);
});
