// The test run's view of the environment; the only place tests read process.env.
export function testServiceUrls() {
  return {
    databaseUrl: process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/stockpulse',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
