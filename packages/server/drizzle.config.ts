import { defineConfig } from 'drizzle-kit';

// One schema file per module; see docs/server-modules.md for the migration rule.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/modules/*/schema.ts',
  out: './drizzle',
});
