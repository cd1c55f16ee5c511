import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: `push` and `pull` are broken on MariaDB. Migrations are
// applied by src/migrate.ts with drizzle-orm's migrator.
export default defineConfig({
  dialect: 'mysql',
  schema: './src/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
