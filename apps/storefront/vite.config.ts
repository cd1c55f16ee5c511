import { createRequire } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server (apps/server) on PORT (3000) answers /trpc, /socket.io and /media in
// development; in production it serves this build itself at /.
const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

/**
 * react-router 7 lists only its development build in package.json `exports` (with dev
 * warnings and checks), so a production build must point at `dist/production` itself.
 * https://github.com/remix-run/react-router/issues/12532
 */
function reactRouterProduction(): string {
  const development = createRequire(import.meta.url).resolve('react-router');
  return development.replace(/dist[/\\]development[/\\]index\.m?js$/, 'dist/production/index.mjs');
}

export default defineConfig(({ mode }) => ({
  plugins: [react()],
  resolve: {
    alias:
      mode === 'production'
        ? [{ find: /^react-router$/, replacement: reactRouterProduction() }]
        : [],
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/trpc': api,
      '/media': api,
      '/socket.io': { target: api, ws: true },
    },
  },
}));
