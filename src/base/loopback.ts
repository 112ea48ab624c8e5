import { BlockList, isIP } from 'node:net';

/**
 * Where a host is, as seen from a sender in the cloud: this machine (`loopback`), a network only its members reach
 * (`private`), or, for anything else, the internet. Decided from the URL's text alone: an IP literal by its range, a
 * name by its reserved suffix. Any other name (`shop.example`, `staging.internal.example.com`) is treated as public:
 * no DNS lookup is made, so a public-looking name that resolves to a private address is not caught here (the ping
 * through the referral platform, and the deliveries themselves, catch that).
 */
export interface NonPublicHost {
  kind: 'loopback' | 'private';
  /** Why, for the middle of a sentence: "it is this machine's loopback address". */
  why: string;
}

const LOOPBACK_WHY = "it is this machine's loopback address";

interface Range {
  network: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
  kind: NonPublicHost['kind'];
  why: string;
}

/** The IP ranges no sender on the internet reaches (RFC 1918, 3927, 6598, 4193, 4291; 0.0.0.0/8 is "this host"). */
const RANGES: readonly Range[] = [
  { network: '127.0.0.0', prefix: 8, family: 'ipv4', kind: 'loopback', why: LOOPBACK_WHY },
  { network: '::1', prefix: 128, family: 'ipv6', kind: 'loopback', why: LOOPBACK_WHY },
  {
    network: '0.0.0.0',
    prefix: 8,
    family: 'ipv4',
    kind: 'loopback',
    why: 'it is the unspecified address (0.0.0.0/8), which means this machine',
  },
  { network: '10.0.0.0', prefix: 8, family: 'ipv4', kind: 'private', why: 'it is a private network address (10.0.0.0/8)' },
  { network: '172.16.0.0', prefix: 12, family: 'ipv4', kind: 'private', why: 'it is a private network address (172.16.0.0/12)' },
  { network: '192.168.0.0', prefix: 16, family: 'ipv4', kind: 'private', why: 'it is a private network address (192.168.0.0/16)' },
  {
    network: '169.254.0.0',
    prefix: 16,
    family: 'ipv4',
    kind: 'private',
    why: 'it is a link-local address (169.254.0.0/16), reachable only on the same network segment',
  },
  {
    network: '100.64.0.0',
    prefix: 10,
    family: 'ipv4',
    kind: 'private',
    why: 'it is a shared address (100.64.0.0/10, carrier-grade NAT and some VPNs), not reachable from the internet',
  },
  {
    network: 'fc00::',
    prefix: 7,
    family: 'ipv6',
    kind: 'private',
    why: 'it is a unique local IPv6 address (fc00::/7), a private network address',
  },
  {
    network: 'fe80::',
    prefix: 10,
    family: 'ipv6',
    kind: 'private',
    why: 'it is a link-local IPv6 address (fe80::/10), reachable only on the same network segment',
  },
];

/** One BlockList per range, so a match says which range (BlockList also matches IPv4-mapped IPv6, ::ffff:10.0.0.1). */
const RANGE_LISTS = RANGES.map((range) => {
  const list = new BlockList();
  list.addSubnet(range.network, range.prefix, range.family);
  return { range, list };
});

/** True for `localhost`, `*.localhost`, `::1` (bracketed or not), any 127.x.x.x address and 0.0.0.0. */
export function isLoopbackHost(host: string): boolean {
  return nonPublicHost(host)?.kind === 'loopback';
}

/** True for a URL whose host is a loopback address (false for anything that is not a URL). */
export function isLoopbackUrl(raw: string): boolean {
  const host = hostOf(raw);
  return host !== undefined && isLoopbackHost(host);
}

/**
 * Why a sender on the internet cannot reach `host`, or undefined when it is treated as public: loopback (127/8,
 * ::1, `localhost`, `*.localhost`), private (10/8, 172.16/12, 192.168/16, 169.254/16, 100.64/10, fc00::/7, fe80::/10,
 * `*.local`, `*.internal`). Names are judged by suffix only (see NonPublicHost).
 */
export function nonPublicHost(host: string): NonPublicHost | undefined {
  const bare = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const family = isIP(bare);
  if (family !== 0) {
    const found = RANGE_LISTS.find(({ list }) => list.check(bare, family === 6 ? 'ipv6' : 'ipv4'));
    return found ? { kind: found.range.kind, why: found.range.why } : undefined;
  }
  // RFC 6761: localhost and every name under it are this machine.
  if (bare === 'localhost' || bare.endsWith('.localhost')) return { kind: 'loopback', why: LOOPBACK_WHY };
  // RFC 6762: .local names are resolved by multicast DNS, on the local network only.
  if (bare.endsWith('.local')) return { kind: 'private', why: 'it is a .local name, resolved only on the local network (multicast DNS)' };
  // .internal is reserved for private networks (ICANN, 2024): never resolvable on the internet.
  if (bare.endsWith('.internal')) return { kind: 'private', why: 'it is an .internal name, reserved for private networks' };
  return undefined;
}

/** nonPublicHost of a URL's host; undefined for a public host or anything that is not a URL. */
export function nonPublicUrl(raw: string): NonPublicHost | undefined {
  const host = hostOf(raw);
  return host === undefined ? undefined : nonPublicHost(host);
}

function hostOf(raw: string): string | undefined {
  try {
    return new URL(raw).hostname;
  } catch {
    return undefined;
  }
}
