// drizzle-kit configuration: `npm run db:generate` turns src/store/schema.ts into a new migration.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/store/schema.ts',
  out: './migrations',
});
