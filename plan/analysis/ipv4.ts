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
  const octets = m.slice(1, 5).map(Number);
  const length = Number(m[5]);
  if (octets.some((o) => o > 255) || length > 32) return undefined;
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - length);
  const first = Math.floor(address / size) * size;
  return { cidr, length, first, last: first + size - 1 };
}

/** True when the whole of `inner` lies inside `outer`. */
export function covers(outer: string, inner: string): boolean {
  const o = parsePrefix(outer);
  const i = parsePrefix(inner);
  return !!o && !!i && o.first <= i.first && i.last <= o.last;
}

export function prefixLen(cidr: string): number {
  return parsePrefix(cidr)?.length ?? -1;
}

/** A public address no internal route covers: stands for "the internet" in lookups. */
export const internetProbe = "8.8.8.8/32";
