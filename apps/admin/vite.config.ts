import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
// A relative path: Vite bundles the config's relative imports, but loads packages with
// Node, which cannot import a workspace package's TypeScript.
import { reactRouterProductionAlias } from '../../packages/devstack/src/vite';
import { precompress } from '../../packages/devstack/src/vite-precompress';

// The API server (apps/server) on PORT (3000) answers /trpc, /socket.io and /media in
// development; in production it serves this build itself at /admin/.
const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig(({ mode }) => ({
  base: '/admin/',
  plugins: [react(), precompress()],
  resolve: { alias: reactRouterProductionAlias(mode, import.meta.url) },
  build: {
    rollupOptions: {
      // @stockpulse/shared is plain constants and functions, but its zod schemas are
      // top-level calls the bundler must otherwise keep: its modules this console does
      // not use (the order and account schemas) are dropped whole, and zod with them.
      treeshake: { moduleSideEffects: (id) => !id.includes('/packages/shared/') },
    },
  },
  server: {
    port: 5174,
    strictPort: true,
    // Objects, not the string shorthand: that rewrites Host to the API's, and the server
    // refuses a POST whose Origin (this dev server) is not the host it was sent to.
    proxy: {
      '/trpc': { target: api },
      '/media': { target: api },
      // Photo uploads (multipart, not tRPC); the console's own pages are not under it.
      '^/admin/products/\\d+/images$': { target: api },
      '/socket.io': { target: api, ws: true },
    },
  },
}));
