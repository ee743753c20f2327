import { isIP } from 'node:net';

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The client address as logs show it: an IPv4 address mapped into IPv6 (`::ffff:10.0.0.7`) as plain IPv4. */
export function clientAddress(ip: string | undefined | null): string {
  if (!ip) return 'unknown';
  const mapped = MAPPED_V4.exec(ip);
  return (mapped ? mapped[1] : ip).slice(0, 64);
}

/** Hextets of an IPv6 address, `::` expanded; an embedded IPv4 tail counts as two. */
function hextets(ip: string): string[] {
  const groups = (part: string) => (part ? part.split(':') : []).flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const [head, tail] = ip.split('::');
  if (tail === undefined) return groups(head);
  const h = groups(head);
  const t = groups(tail);
  return [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
}

/**
 * What a throttle limit counts by: an IPv4 address, or an IPv6 address's /64 (a subscriber is usually
 * given a whole /64, so counting single IPv6 addresses would give one attacker billions of fresh budgets).
 */
export function throttleKey(address: string): string {
  const bare = address.split('%')[0];
  if (isIP(bare) !== 6) return bare;
  return `${hextets(bare)
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
