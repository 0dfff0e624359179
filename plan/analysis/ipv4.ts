/**
 * IPv4 prefix arithmetic for route lookups: a CIDR as a numeric range. Small and allocation-free,
 * because the analysis performs many lookups per report. IPv6 prefixes are not modelled.
 */

export interface Prefix {
  cidr: string;
  length: number;
  first: number;
  last: number;
}

export function parsePrefix(cidr: string): Prefix | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const [a, b, c, d] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as const;
  const length = Number(m[5]);
  if (a > 255 || b > 255 || c > 255 || d > 255 || length > 32) return undefined;
  const address = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  const size = 2 ** (32 - length);
  const first = Math.floor(address / size) * size;
  return { cidr, length, first, last: first + size - 1 };
}

/** True when the whole of `inner` lies inside `outer` (the project's order, as `within` in infra/lib/cidr.ts). */
export function within(inner: string, outer: string): boolean {
  const i = parsePrefix(inner);
  const o = parsePrefix(outer);
  return !!i && !!o && prefixWithin(i, o);
}

/** `within` for parsed prefixes. */
export function prefixWithin(inner: Prefix, outer: Prefix): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

/** True when two prefixes share an address. */
export function prefixesOverlap(a: string, b: string): boolean {
  const x = parsePrefix(a);
  const y = parsePrefix(b);
  return !!x && !!y && x.first <= y.last && y.first <= x.last;
}

/** A public address no internal route covers: stands for "the internet" in lookups. */
export const internetProbe = "8.8.8.8/32";
