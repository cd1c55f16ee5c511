import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
// A relative path: Vite bundles the config's relative imports, but loads packages with
// Node, which cannot import a workspace package's TypeScript.
import { reactRouterProductionAlias } from '../../packages/devstack/src/vite';
import { precompress } from '../../packages/devstack/src/vite-precompress';

// The API server (apps/server) on PORT (3000) answers /trpc, /socket.io and /media in
// development; in production it serves this build itself at /.
const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig(({ mode }) => ({
  plugins: [react(), precompress()],
  resolve: { alias: reactRouterProductionAlias(mode, import.meta.url) },
  server: {
    port: 5173,
    strictPort: true,
    // Objects, not the string shorthand: that rewrites Host to the API's, and the server
    // refuses a POST whose Origin (this dev server) is not the host it was sent to.
    proxy: {
      '/trpc': { target: api },
      '/media': { target: api },
      '/socket.io': { target: api, ws: true },
    },
  },
}));
