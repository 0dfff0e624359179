/**
 * Thin, typed helpers over ip-num for the CIDR questions the settings and components ask.
 * All arithmetic is done by ip-num; this module only names the operations.
 */
import { IPv4, IPv4CidrRange, IPv4Prefix, IPv6CidrRange, Validator } from "ip-num";

/** True when `value` is an IPv4 CIDR whose address is the network address (10.0.0.0/16, not 10.0.0.1/16). */
export function isIpv4Cidr(value: string): boolean {
  return Validator.isValidIPv4CidrRange(value)[0];
}

/** True when `value` is an IPv6 CIDR whose address is the network address. */
export function isIpv6Cidr(value: string): boolean {
  return Validator.isValidIPv6CidrRange(value)[0];
}

/** True when `value` is a dotted-quad IPv4 address. */
export function isIpv4Address(value: string): boolean {
  return Validator.isValidIPv4String(value)[0];
}

export function prefixLength(cidr: string): number {
  return Number(cidr.split("/")[1]);
}

export function v4(cidr: string): IPv4CidrRange {
  return IPv4CidrRange.fromCidr(cidr);
}

export function overlaps(a: string, b: string): boolean {
  if (a.includes(":") !== b.includes(":")) return false;
  if (a.includes(":")) return IPv6CidrRange.fromCidr(a).isOverlapping(IPv6CidrRange.fromCidr(b));
  return v4(a).isOverlapping(v4(b));
}

/** True when `inner` lies entirely inside `outer`. */
export function within(inner: string, outer: string): boolean {
  if (inner.includes(":") !== outer.includes(":")) return false;
  if (inner.includes(":")) return IPv6CidrRange.fromCidr(inner).inside(IPv6CidrRange.fromCidr(outer));
  return v4(inner).inside(v4(outer));
}

/** True when the IPv4 address lies inside the CIDR. */
export function containsAddress(cidr: string, address: string): boolean {
  return v4(cidr).contains(new IPv4(address));
}

/** The n-th host address of an IPv4 CIDR (1 = first host after the network address). */
export function hostAddress(cidr: string, n: number): string {
  const range = v4(cidr);
  return new IPv4(range.getFirst().getValue() + BigInt(n)).toString();
}

/** Every block of length `prefix` inside `cidr`, in address order. */
export function splitInto(cidr: string, prefix: number): string[] {
  if (prefix === prefixLength(cidr)) return [cidr];
  return v4(cidr)
    .splitInto(IPv4Prefix.fromNumber(BigInt(prefix)))
    .map((r) => r.toCidrString());
}

/** The block of length `prefix` at position `index` inside `cidr` (0-based), without listing the others. */
export function nthBlock(cidr: string, prefix: number, index: number): string {
  const base = v4(cidr).getFirst().getValue();
  const size = 2n ** BigInt(32 - prefix);
  return `${new IPv4(base + size * BigInt(index)).toString()}/${prefix}`;
}

/** Number of addresses in an IPv4 CIDR. */
export function size(cidr: string): bigint {
  return v4(cidr).getSize();
}

/**
 * Every overlapping pair among IPv4 CIDRs, as [earlier, later] by list position, in O(n log n + pairs).
 * Two CIDR blocks are nested or disjoint, so after sorting by first address (larger first) the blocks
 * that overlap one are exactly those still open on a stack of enclosing blocks.
 */
export function overlappingPairs<T extends { cidr: string }>(items: T[]): [T, T][] {
  const blocks = items.map((item, index) => {
    const range = v4(item.cidr);
    return { item, index, first: range.getFirst().getValue(), last: range.getLast().getValue() };
  });
  blocks.sort((a, b) => (a.first === b.first ? (a.last > b.last ? -1 : a.last < b.last ? 1 : 0) : a.first < b.first ? -1 : 1));
  const open: typeof blocks = [];
  const pairs: [number, number][] = [];
  for (const b of blocks) {
    while (open.length > 0 && open[open.length - 1].last < b.first) open.pop();
    for (const a of open) pairs.push(a.index < b.index ? [a.index, b.index] : [b.index, a.index]);
    open.push(b);
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return pairs.map(([i, j]) => [items[i], items[j]]);
}

/**
 * The smallest list of IPv4 CIDRs covering exactly the same addresses: blocks inside another are
 * dropped, sibling halves merge into their parent. Sorted by address.
 */
export function aggregate(cidrs: string[]): string[] {
  const sorted = [...new Set(cidrs)]
    .map((c) => v4(c))
    .sort((a, b) => {
      const fa = a.getFirst().getValue();
      const fb = b.getFirst().getValue();
      return fa === fb ? Number(a.getPrefix().getValue() - b.getPrefix().getValue()) : fa < fb ? -1 : 1;
    });
  const stack: IPv4CidrRange[] = [];
  for (const range of sorted) {
    const top = stack[stack.length - 1];
    if (top && range.inside(top)) continue;
    stack.push(range);
    for (;;) {
      const [a, b] = stack.slice(-2);
      if (!a || !b || !a.isCidrMergeable(b)) break;
      stack.splice(-2, 2, a.merge(b) as IPv4CidrRange);
    }
  }
  return stack.map((r) => r.toCidrString());
}
