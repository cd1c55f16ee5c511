import { describe, expect, it } from 'vitest';
import { staleTestDatabases, testDatabaseCreatedAt, testDatabaseName } from './test-database';

describe('test database names', () => {
  it('carry the UTC minute they were created', () => {
    const name = testDatabaseName(new Date('2026-03-04T05:06:59Z'));
    expect(name).toMatch(/^sp_test_202603040506_[0-9a-f]{8}$/);
    expect(testDatabaseCreatedAt(name)).toEqual(new Date('2026-03-04T05:06:00Z'));
    expect(testDatabaseCreatedAt('stockpulse')).toBeUndefined();
  });

  it('are stale after 24 hours; other databases never are', () => {
    const now = new Date('2026-03-05T12:00:00Z');
    const names = [
      testDatabaseName(new Date('2026-03-04T11:59:00Z')),
      testDatabaseName(new Date('2026-03-04T12:01:00Z')),
      'stockpulse',
      'sp_test_notastamp_abcd',
    ];
    expect(staleTestDatabases(names, now)).toEqual([names[0]]);
  });
});
