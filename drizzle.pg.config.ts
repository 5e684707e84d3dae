// drizzle-kit configuration for the PostgreSQL backend: `npm run db:generate:pg` turns src/store/pg/schema.ts
// into a new migration in migrations/pg/ (SQLite's stay in migrations/, see drizzle.config.ts).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/pg/schema.ts',
  out: './migrations/pg',
});
