// drizzle-kit settings: `npm run db:generate` writes SQL migrations from src/db/tables.ts into migrations/.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/tables.ts',
  out: './migrations',
});
