import ipaddr from 'ipaddr.js';

/**
 * Whom a guess is charged to (share-code misses, sign-in attempts). IPv4 addresses count one by
 * one. An IPv6 client usually owns a whole /64 and can pick a fresh address per request, so it is
 * charged for its /64. IPv4-mapped IPv6 (`::ffff:1.2.3.4`, from a dual-stack socket) counts as
 * the IPv4 address; anything that is not an address keeps its own key.
 */
export function clientKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return `other:${ip}`;
  const addr = ipaddr.process(ip);
  if (addr.kind() === 'ipv4') return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}
