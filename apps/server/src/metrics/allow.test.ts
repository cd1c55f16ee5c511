import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { compileMetricsAllow } from './allow';

describe('METRICS_ALLOW', () => {
  it('is loopback by default, an empty value included', () => {
    expect(parseEnv({}).METRICS_ALLOW).toEqual(['loopback']);
    expect(parseEnv({ METRICS_ALLOW: '' }).METRICS_ALLOW).toEqual(['loopback']);
  });

  it('reads addresses, ranges and names, and allows exactly those', () => {
    const entries = parseEnv({ METRICS_ALLOW: '10.0.0.0/8, 192.168.1.5,loopback' }).METRICS_ALLOW;
    expect(entries).toEqual(['10.0.0.0/8', '192.168.1.5', 'loopback']);
    const allowed = compileMetricsAllow(entries);
    for (const address of ['10.4.5.6', '192.168.1.5', '127.0.0.1', '::1']) {
      expect(allowed(address), address).toBe(true);
    }
    for (const address of ['192.168.1.6', '203.0.113.9', '11.0.0.1']) {
      expect(allowed(address), address).toBe(false);
    }
  });

  it('names an entry it cannot read', () => {
    expect(() => parseEnv({ METRICS_ALLOW: '10.0.0.0/8, prometheus.internal' })).toThrow(
      /METRICS_ALLOW.*'prometheus\.internal' is not an address/s,
    );
  });
});
