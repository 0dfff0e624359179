/**
 * Thin, typed helpers over ip-num for the CIDR questions the settings, the wiring and the components
 * ask, and the one way a CIDR becomes part of a resource name. All arithmetic is done by ip-num;
 * this module only names the operations. Containment reads `within(inner, outer)`.
 */
import { IPv4, IPv4CidrRange, IPv6CidrRange, Validator } from "ip-num";

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

function v4(cidr: string): IPv4CidrRange {
  return IPv4CidrRange.fromCidr(cidr);
}

/**
 * A CIDR as a resource name fragment: every `.`, `:` and `/` becomes `-`, so 10.100.0.0/16 ->
 * 10-100-0-0-16 and fd00::/8 -> fd00---8. One character for one character: runs are not collapsed,
 * or two different IPv6 prefixes would share a name (fd00::1/128 and fd00:1::/128). Resource names
 * derive from it, so changing it renames (replaces) resources.
 */
export function cidrSlug(cidr: string): string {
  return cidr.replace(/[./:]/g, "-");
}

/** RFC 1918 private blocks and the RFC 6598 shared address space (what a private IP VPN's gateway may use). */
export const privateIpv4Blocks: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

/** True when `inner` lies entirely inside `outer`. */
export function within(inner: string, outer: string): boolean {
  if (inner.includes(":") !== outer.includes(":")) return false;
  if (inner.includes(":")) return IPv6CidrRange.fromCidr(inner).inside(IPv6CidrRange.fromCidr(outer));
  return v4(inner).inside(v4(outer));
}

/** True when the IPv4 address lies inside the CIDR (the containment order of `within`: inner first). */
export function addressWithin(address: string, cidr: string): boolean {
  return v4(cidr).contains(new IPv4(address));
}

/** True when two IPv4 CIDRs share an address. */
export function overlaps(a: string, b: string): boolean {
  return v4(a).isOverlapping(v4(b));
}

/** The n-th host address of an IPv4 CIDR (1 = first host after the network address). */
export function hostAddress(cidr: string, n: number): string {
  const range = v4(cidr);
  return new IPv4(range.getFirst().getValue() + BigInt(n)).toString();
}

/** The block of length `prefix` at position `index` inside `cidr` (0-based), without listing the others. */
export function nthBlock(cidr: string, prefix: number, index: number): string {
  const base = v4(cidr).getFirst().getValue();
  const size = 2n ** BigInt(32 - prefix);
  return `${new IPv4(base + size * BigInt(index)).toString()}/${prefix}`;
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
  const pairs: [(typeof blocks)[number], (typeof blocks)[number]][] = [];
  for (const b of blocks) {
    for (let top = open.at(-1); top && top.last < b.first; top = open.at(-1)) open.pop();
    for (const a of open) pairs.push(a.index < b.index ? [a, b] : [b, a]);
    open.push(b);
  }
  pairs.sort(([p1, p2], [q1, q2]) => p1.index - q1.index || p2.index - q2.index);
  return pairs.map(([a, b]) => [a.item, b.item]);
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
