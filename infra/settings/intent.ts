/**
 * Who may reach whom, derived from settings alone. The wiring (infra/wiring) builds the components'
 * routes from this; the analysis compares what the components registered against it.
 */
import { isIpv4Cidr, within } from "../lib/cidr";
import { unhandled } from "../lib/exhaustive";
import { egressModes } from "../vocabulary/egress";
import type { SpokeEgress } from "../vocabulary/egress";
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

/** What `spokeRefusedZones` reads: the stack config as parsed (for the rules) or as settings. */
export interface RefusalInput {
  onPrem: { zones: { name: string; cidrs: string[] }[] };
  hub: { spokeSummaryCidrs: string[] };
}

/** The zones a spoke's network ACL refuses inbound and outbound (the same zones both ways, each with its CIDRs). */
export interface SpokeRefusals {
  inbound: { name: string; cidrs: string[] }[];
  outbound: { name: string; cidrs: string[] }[];
}

/**
 * The on-prem zones a spoke's workload subnets refuse with a network ACL: every zone not in its
 * `onPremZones`, in both directions, wherever such a zone could otherwise reach the workloads or
 * be reached from them. NACLs are stateless, each direction its own rule list ("Control subnet
 * traffic with network access control lists").
 *
 * - Inbound: the on-prem TGW table serves every zone alike, so once a spoke propagates into it (it
 *   lists a zone) a forbidden zone's packets arrive; the TGW only drops the replies.
 * - Outbound: the segment's TGW table blackholes only the zones that no spoke of the segment may
 *   reach, so a zone a segment peer may reach is routed to on-prem for every spoke of the segment.
 *   A spoke whose workload routes send more than its own zones to the TGW (its egress mode's
 *   default route, vocabulary/egress.ts, or a spoke summary prefix overlapping a zone) would reach
 *   it: delivered one way, or both. A blackhole is also exact-prefix (a more specific on-prem
 *   announcement wins over it), while an ACL rule covers everything inside its CIDR.
 *
 * The same zones go both ways, so a spoke's limits rest on its own subnets whatever its segment
 * peers may reach: adding a peer never changes another spoke's ACL. A spoke that lists no zone and
 * sends nothing but its peers to the TGW (egress `nat`, no overlapping summary) needs no ACL.
 */
export function spokeRefusedZones(config: RefusalInput, spoke: { onPremZones: string[]; egress: SpokeEgress }): SpokeRefusals {
  const refused = config.onPrem.zones.filter((z) => !spoke.onPremZones.includes(z.name));
  const reachableFromOnPrem = spoke.onPremZones.length > 0;
  if (refused.length === 0 || !(reachableFromOnPrem || routesBeyondOwnZones(config, spoke.egress, refused))) {
    return { inbound: [], outbound: [] };
  }
  return { inbound: refused, outbound: refused };
}

/** Whether a spoke's workload route tables send any of these zones' addresses to the TGW. */
function routesBeyondOwnZones(config: RefusalInput, egress: SpokeEgress, zones: { cidrs: string[] }[]): boolean {
  const route = egressModes[egress].workloadDefaultRoute;
  switch (route) {
    case "transit-gateway":
      return true;
    case "nat-gateway": {
      const summaries = config.hub.spokeSummaryCidrs.filter(isIpv4Cidr);
      const cidrs = zones.flatMap((z) => z.cidrs).filter(isIpv4Cidr);
      return summaries.some((s) => cidrs.some((c) => within(c, s) || within(s, c)));
    }
    default:
      return unhandled(route, "workload default route");
  }
}
