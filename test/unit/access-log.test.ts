// Unit tests of a request's logger: the pino child with the request id, created by its first line only.
import t from 'tap';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { requestLogger } from '../../src/plugins/app/access-log.js';

function root(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  let children = 0;
  // The root as the parent, its `child` counted (its children are the root's own, with pino's `child`).
  const parent = Object.create(logger, {
    child: { value: (...args: Parameters<typeof logger.child>) => (children++, logger.child(...args)) },
  }) as typeof logger;
  return { logger: parent as unknown as FastifyBaseLogger, lines, children: () => children };
}

t.test('no child until a line is written; then one, with the bindings, for every line', async (t) => {
  const { logger, lines, children } = root();
  const log = requestLogger(logger, { requestId: 'r-1' }, {});
  t.equal(log.level, 'info', 'the level is read without a child');
  t.equal(children(), 0);
  log.debug('below the level');
  log.info({ status: 200 }, 'first');
  log.warn('second');
  t.equal(children(), 1, 'one child, created once');
  t.strictSame(
    lines.map(({ requestId, msg, status, level }) => ({ requestId, msg, status, level })),
    [
      { requestId: 'r-1', msg: 'first', status: 200, level: 30 },
      { requestId: 'r-1', msg: 'second', status: undefined, level: 40 },
    ],
  );
  log.child({ part: 'x' }).error('third');
  t.match(lines[2], { requestId: 'r-1', part: 'x', msg: 'third', level: 50 }, 'its children keep its bindings');
});

t.test("a route's own level: read before any line, and followed", async (t) => {
  const { logger, lines } = root('info');
  const log = requestLogger(logger, { requestId: 'r-2' }, { level: 'error' });
  t.equal(log.level, 'error');
  log.warn('not written');
  log.error('written');
  t.strictSame(
    lines.map((line) => line.msg),
    ['written'],
  );
  log.level = 'warn';
  log.warn('now written');
  t.equal(log.level, 'warn');
  t.equal(lines.at(-1)?.msg, 'now written');
  for (const method of ['fatal', 'trace', 'silent'] as const) log[method]('m');
  t.strictSame(
    lines.map((line) => line.msg),
    ['written', 'now written', 'm'],
    'fatal written, trace and silent not',
  );
});
