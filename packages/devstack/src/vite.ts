import { createRequire } from 'node:module';

/**
 * For the fronts' Vite configs. react-router 7 lists only its development build in its
 * package.json `exports` (with dev warnings and checks), so a production build must be
 * pointed at `dist/production` by an alias.
 * https://github.com/remix-run/react-router/issues/12532
 */
export function reactRouterProductionAlias(mode: string, fromConfig: string) {
  if (mode !== 'production') return [];
  const development = createRequire(fromConfig).resolve('react-router');
  const production = development.replace(
    /dist[/\\]development[/\\]index\.m?js$/,
    'dist/production/index.mjs',
  );
  return [{ find: /^react-router$/, replacement: production }];
}
