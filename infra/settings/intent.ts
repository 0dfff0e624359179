/**
 * Who may reach whom, derived from settings alone. The wiring (infra/wiring) builds the components'
 * routes from this; the analysis compares what the components registered against it.
 */
import type { NetworkSettings } from "./types";

/** On-prem zones a segment may reach: the union of its spokes' `onPremZones`. */
export function segmentOnPremZones(settings: NetworkSettings): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const segment of settings.segments) {
    const zones = new Set(settings.spokes.filter((s) => s.segment === segment.name).flatMap((s) => s.onPremZones));
    out[segment.name] = settings.onPrem.zones.map((z) => z.name).filter((z) => zones.has(z));
  }
  return out;
}

/** Segments whose spokes may talk: the same segment, or either one lists the other in `reachableSegments`. */
export function segmentsMayTalk(settings: Pick<NetworkSettings, "segments">, a: string, b: string): boolean {
  if (a === b) return true;
  const find = (n: string) => settings.segments.find((s) => s.name === n);
  return !!(find(a)?.reachableSegments.includes(b) || find(b)?.reachableSegments.includes(a));
}

/** Segments a segment's route table receives propagations from (itself and the ones it may talk to). */
export function reachableSegments(settings: NetworkSettings, segment: string): string[] {
  return settings.segments.map((s) => s.name).filter((other) => segmentsMayTalk(settings, segment, other));
}

/** CIDRs of the on-prem zones with these names. */
export function zoneCidrs(settings: NetworkSettings, zones: string[]): string[] {
  return settings.onPrem.zones.filter((z) => zones.includes(z.name)).flatMap((z) => z.cidrs);
}
