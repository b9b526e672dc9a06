import ipaddr from 'ipaddr.js';

/**
 * Which peers may tell the server a client's address (X-Forwarded-For, -Proto, -Host), in the
 * forms Fastify's `trustProxy` takes: `false` (none: the socket's peer is the client), a hop
 * count (the last N proxies in front of the server), or the proxies' addresses and CIDR ranges.
 */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges, which Fastify accepts in the list as well. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  if (!entry.includes('/')) return ipaddr.isValid(entry);
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads HEARTH_TRUST_PROXY: `false` (or empty), a hop count, or a comma-separated list of
 * addresses and CIDRs (`127.0.0.1,10.0.0.0/8`). Returns an error message for anything else.
 *
 * `true` is refused rather than mapped to a hop count: it trusts the X-Forwarded-For of every
 * client, so anyone could pick the address their rate limits and the share access log see,
 * and a server started with it must not quietly run with a weaker setting than it was told.
 */
export function parseTrustProxy(raw: string): TrustProxy | { error: string } {
  const value = raw.trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') {
    return {
      error:
        'true would trust any client to choose its own address (X-Forwarded-For); give the ' +
        'number of proxies in front of the server (e.g. 1) or their addresses ' +
        '(e.g. 127.0.0.1,10.0.0.0/8)',
    };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10
      ? hops
      : { error: `${value} proxy hops is not a plausible setup (at most 10)` };
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (bad.length > 0) {
    return { error: `not an IP address or CIDR range: ${bad.map((b) => `"${b}"`).join(', ')}` };
  }
  return entries;
}

/**
 * The setting as Fastify's types take it. Fastify trusts "the nth hop" for a number at run time,
 * but its types have no number: a hop count becomes the function Fastify builds from one (the
 * addresses X-Forwarded-For lists are tried from the nearest, hop 0, outwards).
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}
