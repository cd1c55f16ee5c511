import { isIPv6 } from 'node:net';

/**
 * The part of a client address a per-address limit counts: an IPv4 address whole, an
 * IPv6 address by its /64 network. One IPv6 subscriber (a home, a phone, a cloud VM) is
 * handed a /64 and can pick any of its 2^64 addresses, so keyed whole, a limit per address
 * is no limit. An IPv4-mapped IPv6 address (`::ffff:203.0.113.7`) is its IPv4 address.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
