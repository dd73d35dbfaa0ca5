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
