// `npm run openapi`: writes openapi.yaml from the app's routes and schemas.
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { openapiPath, openapiYaml } from '../openapi.js';

const config = loadConfig();
writeFileSync(openapiPath, await openapiYaml({ dataDir: config.DATA_DIR, databasePath: config.DATABASE_PATH }));
console.log(`Wrote ${openapiPath}`);
