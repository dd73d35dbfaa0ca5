// Process entry: settings, database (built from data/ when needed), listen, graceful shutdown.
import { join } from 'node:path';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, projectRoot } from './config.js';
import { ensureDatabase } from './build/database.js';
import { DataError } from './build/problems.js';

async function main() {
  const config = loadConfig();
  const { built, version } = ensureDatabase({ dataDir: config.DATA_DIR, databasePath: config.DATABASE_PATH, migrationsDir: join(projectRoot, 'migrations') });
  const app = await buildApp({ databasePath: config.DATABASE_PATH, logger: { level: config.LOG_LEVEL }, settings: config });
  app.log.info({ databasePath: config.DATABASE_PATH, version, built }, built ? 'database built from data/' : 'database is current');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'closing: finishing requests in flight');
    const timer = setTimeout(() => {
      app.log.error('requests still in flight after 10 s: exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'close failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataError) {
    console.error(error.message);
    console.error('Nothing was changed: any existing database is left as it was.');
  } else console.error(error);
  process.exit(1);
});
