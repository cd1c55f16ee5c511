import { describe, expect, it } from 'vitest';
import { isLocalUrl, localUrl, portOf, redactUrl, serverUrlOf } from './urls';

describe('service URLs', () => {
  it('tell this machine from others', () => {
    expect(isLocalUrl('mysql://root@127.0.0.1:3306/stockpulse')).toBe(true);
    expect(isLocalUrl('mysql://root@LOCALHOST/stockpulse')).toBe(true);
    expect(isLocalUrl('redis://[::1]:6379')).toBe(true);
    expect(isLocalUrl('mysql://root@db.internal:3306/stockpulse')).toBe(false);
    expect(isLocalUrl('redis://10.0.0.7:6379')).toBe(false);
  });

  it('fall back to the default port of the scheme', () => {
    expect(portOf('mysql://root@127.0.0.1/stockpulse')).toBe(3306);
    expect(portOf('redis://127.0.0.1')).toBe(6379);
    expect(portOf('rediss://cache.example')).toBe(6380);
    expect(portOf('redis://127.0.0.1:7001')).toBe(7001);
  });

  it('drop the database to reach the server', () => {
    expect(serverUrlOf('mysql://app:s3cret@127.0.0.1:3307/stockpulse?ssl=false')).toBe(
      'mysql://app:s3cret@127.0.0.1:3307/?ssl=false',
    );
  });

  it('point a URL at a private server, keeping the database but not the credentials', () => {
    expect(localUrl('mysql://app:s3cret@localhost:3306/stockpulse', 41234, 'root')).toBe(
      'mysql://root@127.0.0.1:41234/stockpulse',
    );
    expect(localUrl('redis://:pw@localhost:6379/2', 41235)).toBe('redis://127.0.0.1:41235/2');
    expect(localUrl('redis://localhost:6379', 41235)).toBe('redis://127.0.0.1:41235');
  });

  it('hide passwords in logs', () => {
    expect(redactUrl('mysql://app:s3cret@db:3306/stockpulse')).toBe(
      'mysql://app:***@db:3306/stockpulse',
    );
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
