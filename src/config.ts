// Settings from the environment, validated once at start with errors that name the variable.
import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** The project's root: one level above src/ (sources) or dist/ (build output). */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

const Settings = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on (0: any free port).' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Address to listen on; 0.0.0.0 in a container.' }),
  DATA_DIR: Type.String({ minLength: 1, default: `${projectRoot}data`, description: 'Folder of the curated JSON files.' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: `${projectRoot}var/pvd65.sqlite`, description: 'SQLite file built from DATA_DIR.' }),
  CACHE_MAX_AGE: Type.Integer({ minimum: 0, default: 3600, description: 'Seconds shared caches and browsers may reuse a response (Cache-Control max-age).' }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 0, default: 600, description: 'Requests a client address may make per window; 0 disables the limit.' }),
  RATE_LIMIT_WINDOW: Type.Integer({ minimum: 1, default: 60000, description: 'Length of the rate-limit window, in milliseconds.' }),
  TRUST_PROXY: Type.String({
    minLength: 1,
    default: 'false',
    description:
      'Whether to take the client address from X-Forwarded-For: false, true, a number of proxy hops, or comma-separated addresses/CIDRs of trusted proxies.',
  }),
  RESPONSE_CACHE_BYTES: Type.Integer({ minimum: 0, default: 64 * 1024 * 1024, description: 'Memory bound of the response cache, in bytes; 0 disables it.' }),
  REQUEST_TIMEOUT: Type.Integer({ minimum: 1000, default: 10000, description: 'Milliseconds a client has to send a whole request.' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info', description: 'pino log level.' },
  ),
});

export type Config = Static<typeof Settings>;

export class ConfigError extends Error {}

const describe = (name: keyof Config) => Settings.properties[name].description as string;

/** Reads the settings from `env`; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const name of Object.keys(Settings.properties)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const settings = Value.Default(Settings, Value.Convert(Settings, raw)) as Record<string, unknown>;
  const problems = [...Value.Errors(Settings, settings)].map((error) => {
    const name = error.path.slice(1) as keyof Config;
    return `${name}=${JSON.stringify(raw[name])}: ${error.message} (${describe(name)})`;
  });
  if (problems.length > 0) throw new ConfigError(`Invalid settings:\n  ${[...new Set(problems)].join('\n  ')}`);
  return settings as Config;
}

/** TRUST_PROXY as Fastify's `trustProxy` option. */
export function trustProxy(value: string): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^[0-9]+$/.test(value)) return (_address, hop) => hop < Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
