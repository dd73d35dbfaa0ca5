// Logging per request, at the cost of what it writes. One line per answered request, with its request id, method,
// URL, client address, status and time, written by the root logger with the id as a field: Fastify's own request
// logging writes two lines ("incoming request", then "request completed"). And each request's logger
// (`request.log`) is a child of the root created on its first line, not for every request: most requests write no
// other line, and a pino child serialises its bindings when it is created.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The label of the request id in log lines (Fastify's log controller is told the same, app.ts). */
export const requestIdLogLabel = 'requestId';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildLoggerOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
type LogMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** A request's logger: the pino child with the request's bindings, created when something is first logged through it. */
class RequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  get #logger(): FastifyBaseLogger {
    return (this.#child ??= this.#parent.child(this.#bindings, this.#options));
  }

  get level(): string {
    return this.#child?.level ?? this.#options.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#logger.level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#logger.child(bindings, options);
  }

  #write(method: LogMethod, args: unknown[]): void {
    const logger = this.#logger;
    Reflect.apply(logger[method], logger, args);
  }

  // Methods of the prototype, not fields: nothing is made per request but the object itself.
  fatal(...args: unknown[]): void {
    this.#write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#write('trace', args);
  }
  silent(...args: unknown[]): void {
    this.#write('silent', args);
  }
}

/** Fastify's `childLoggerFactory`: each request's logger, created lazily. */
export function requestLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new RequestLogger(logger, bindings, options);
}

async function accessLogPlugin(app: FastifyInstance) {
  // No hook at all when the level writes no access line (LOG_LEVEL warn and above, or no logger): a hook, even one
  // whose line pino drops, costs every request its call and the response listener that runs it.
  // (pino's `isLevelEnabled`; Fastify's logger without pino, `logger: false`, writes nothing.)
  if (!(app.log as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info')) return;
  app.addHook('onResponse', (request, reply, done) => {
    // `req` and `res` go through Fastify's serialisers: method, URL, host, remote address and port; status code.
    app.log.info({ [requestIdLogLabel]: request.id, req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
}

/** Registered with the log controller's `disableRequestLogging` and `requestLogger` as the child logger factory (app.ts). */
export default fp(accessLogPlugin, { name: 'access-log' });
