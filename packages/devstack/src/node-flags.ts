/**
 * Node flags of the built server process, wherever it runs (`npm start`, `npm run bench`).
 *
 * `--max-semi-space-size=32`: V8's young generation gets 32 MiB semi-spaces instead of 16.
 * A checkout allocates a lot of short-lived objects (tRPC's fetch Request and Response,
 * superjson, mysql2 rows); with the default, scavenges took 11 % of the server's CPU under
 * checkout load, and the larger nursery takes ~5 % off the server's CPU per order
 * (docs/architecture.md, "Performance"). It costs at most 32 MiB more memory.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
