// Settings from the environment, validated once at start with errors that name the variable.
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** The nearest folder at or above `dir` that holds a package.json. */
function packageRoot(dir: string): string {
  if (existsSync(join(dir, 'package.json'))) return dir;
  const parent = dirname(dir);
  if (parent === dir) throw new Error('no package.json above this module: the project root cannot be found');
  return packageRoot(parent);
}

/**
 * The project's root, with a trailing slash: the folder of package.json above this module, wherever the module is
 * (src/config.ts, or inlined in a bundle at dist/server.js or dist/cli/build-database.js).
 */
export const projectRoot = join(packageRoot(dirname(fileURLToPath(import.meta.url))), '/');

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
      'Whether to take the client address from X-Forwarded-For: false, the number of proxies in front of the server, or the comma-separated addresses/CIDRs of those proxies.',
  }),
  RESPONSE_CACHE_BYTES: Type.Integer({ minimum: 0, default: 64 * 1024 * 1024, description: 'Memory bound of the response cache, in bytes; 0 disables it.' }),
  REQUEST_TIMEOUT: Type.Integer({ minimum: 1000, default: 10000, description: 'Milliseconds a client has to send a whole request, headers included.' }),
  KEEP_ALIVE_TIMEOUT: Type.Integer({
    minimum: 1000,
    default: 72000,
    description: 'Milliseconds an idle keep-alive connection stays open; above the idle timeout of a proxy in front (60 s for most).',
  }),
  MAX_CONNECTIONS: Type.Integer({
    minimum: 1,
    default: 1024,
    description: 'Open connections the server accepts at once; beyond, new ones are closed at once.',
  }),
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
  const raw: Record<string, string> = {};
  const given: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(Settings.properties)) {
    const value = env[name];
    if (!value) continue;
    raw[name] = value;
    // Integers from their decimal digits only ("1.5" or "1e3" are not silently truncated or expanded): otherwise
    // the text stays text, and the check below says an integer was expected.
    given[name] = schema[Kind] === 'Integer' && /^-?[0-9]+$/.test(value) ? Number(value) : value;
  }
  const settings = Value.Default(Settings, given) as Record<string, unknown>;
  const problems = [...Value.Errors(Settings, settings)].map((error) => {
    const name = error.path.slice(1) as keyof Config;
    return `${name}=${JSON.stringify(raw[name])}: ${error.message} (${describe(name)})`;
  });
  const proxyProblem = trustProxyProblem(String(settings.TRUST_PROXY));
  if (proxyProblem) problems.push(`TRUST_PROXY=${JSON.stringify(raw.TRUST_PROXY)}: ${proxyProblem}`);
  if (problems.length > 0) throw new ConfigError(`Invalid settings:\n  ${[...new Set(problems)].join('\n  ')}`);
  return settings as Config;
}

/** proxy-addr's names for reserved ranges, accepted in a TRUST_PROXY list. */
const namedRanges = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (namedRanges.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/') as [string, string?, ...string[]];
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Why a TRUST_PROXY value is refused, or undefined when it is good. `true` is refused: it takes the client address
 * from the left-most X-Forwarded-For entry, which the client itself writes, so anyone could choose the address the
 * rate limit counts and the logs show.
 */
export function trustProxyProblem(value: string): string | undefined {
  if (value === 'true') {
    return (
      'true would trust every X-Forwarded-For entry, including the left-most one, which any client can write (rate limit bypassed, ' +
      'addresses in logs spoofed). Give the number of proxies in front of the server (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.1,172.16.0.0/12).'
    );
  }
  if (value === 'false' || /^[0-9]{1,2}$/.test(value)) return undefined;
  const bad = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => !isAddressOrRange(entry));
  if (bad.length === 0) return undefined;
  return `${bad.map((entry) => JSON.stringify(entry)).join(', ')}: each entry must be an IP address, a CIDR range (10.0.0.0/8) or loopback, linklocal, uniquelocal; or give false, or the number of proxies`;
}

/**
 * TRUST_PROXY as Fastify's `trustProxy` option: false; a hop count (the client address is
 * the entry that many proxies from the server: the right-most ones are the proxies' own); or the proxies' addresses.
 */
export function trustProxy(value: string): false | string[] | ((address: string, hop: number) => boolean) {
  const problem = trustProxyProblem(value);
  if (problem) throw new ConfigError(`TRUST_PROXY=${JSON.stringify(value)}: ${problem}`);
  if (value === 'false' || value === '0') return false;
  if (/^[0-9]+$/.test(value)) return (_address, hop) => hop < Number(value);
  return value.split(',').map((part) => part.trim());
}
