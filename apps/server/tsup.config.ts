import { defineConfig } from 'tsup';

// One ESM file for `node dist/main.js`: the workspace packages (consumed as TypeScript
// source) are bundled in; everything from node_modules stays an import.
export default defineConfig({
  entry: ['src/main.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  skipNodeModulesBundle: true,
  noExternal: [/^@stockpulse\//],
});
