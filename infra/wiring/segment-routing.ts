/**
 * Settings -> SegmentRouting args: what each Transit Gateway route table holds, besides the VPN
 * attachments' own association and propagations (the VPN component does those).
 *
 * `planSegmentation` derives it from settings alone (plain data, attachments named, not ids):
 *   segment table   associations: the segment's spokes
 *                   propagations: the spokes of every segment it may talk to (itself included)
 *                   blackholes:   every CIDR of an on-prem zone the segment may not reach (the VPN
 *                                 propagations bring all of on-prem; a static route beats a
 *                                 propagated one for the same prefix), and every spoke CIDR of a
 *                                 segment it may not talk to (so a default route toward on-prem or
 *                                 the central egress VPC cannot carry that traffic around)
 *                   default:      what the spokes' egress mode needs (vocabulary/egress.ts):
 *                                 to the central egress VPC, a static 0.0.0.0/0 to its attachment;
 *                                 toward on-prem, learned over BGP from every VPN connection (no
 *                                 static route, so ECMP spreads it), or, with static VPNs only, a
 *                                 static 0.0.0.0/0 to the connection chosen by `staticDefaultRoute`
 *                                 (the only static one, or the one flagged: the settings demand it)
 *   on-prem table   propagations: the spokes with at least one on-prem zone, and the spokes whose
 *                                 internet traffic leaves through on-prem, so the replies find
 *                                 them (what on-prem learns; the spoke's network ACL still refuses
 *                                 every zone it may not reach)
 *   egress table    (created by SegmentRouting) association: the egress VPC attachment;
 *                   propagations: the spokes whose internet traffic goes through the egress VPC,
 *                   so the replies find them
 *
 * `segmentRoutingArgs` turns one table's plan into the component's args once the attachments exist.
 */
import type * as pulumi from "@pulumi/pulumi";
import { cidrSlug } from "../lib/cidr";
import { unhandled } from "../lib/exhaustive";
import { segmentOnPremZones, segmentsMayTalk } from "../settings/intent";
import type { NetworkSettings, SpokeSettings } from "../settings/types";
import type { SegmentRoutingArgs } from "../components/segment-routing";
import { onPremTableKey } from "../vocabulary/hub";
import { egressModes } from "../vocabulary/egress";
import type { SegmentDefaultRoute, SpokeEgress } from "../vocabulary/egress";

/** An attachment by what owns it and its config name. */
export interface AttachmentRef {
  kind: "spoke" | "egress" | "vpn";
  name: string;
}

export interface PlannedRoute {
  /** Name fragment, unique within the table: `blackhole-10-110-0-0-16`, `default`. */
  name: string;
  destinationCidrBlock: string;
  /** `blackhole` drops the traffic; otherwise the attachment it goes to. */
  target: "blackhole" | AttachmentRef;
  /** Why the route exists, for the report. */
  reason: string;
}

export interface TablePlan {
  /** Segment name, `onprem`, or the central egress VPC's name. */
  key: string;
  kind: "segment" | "onprem" | "egress";
  associations: AttachmentRef[];
  propagations: AttachmentRef[];
  routes: PlannedRoute[];
  /** Set when the default route is learned over BGP rather than configured here. */
  learnedDefault?: string;
}

const spokeRef = (name: string): AttachmentRef => ({ kind: "spoke", name });

/** The segment table's default route, as its spokes' egress modes need it: a static route, one learned over BGP, or none. */
function segmentDefault(settings: NetworkSettings, segment: string, members: SpokeSettings[]): { route?: PlannedRoute; learned?: string } {
  // Each default route the members need, with the first mode that needs it.
  const needs = new Map<SegmentDefaultRoute, SpokeEgress>();
  for (const s of members) {
    const need = egressModes[s.egress].segmentDefaultRoute;
    if (need !== "none" && !needs.has(need)) needs.set(need, s.egress);
  }
  if (needs.size > 1) {
    const modes = [...needs.values()].map((m) => `"${m}"`).sort();
    throw new Error(`segment ${segment} mixes egress ${modes.join(" and ")}; its TGW route table has one default route`);
  }
  const [entry] = needs;
  if (!entry) return {};
  const [need, mode] = entry;
  switch (need) {
    case "none":
      return {};
    case "central-egress-vpc": {
      const egress = settings.centralEgress;
      if (!egress) throw new Error(`segment ${segment} uses egress "${mode}" without a centralEgress block`);
      return {
        route: {
          name: "default",
          destinationCidrBlock: "0.0.0.0/0",
          target: { kind: "egress", name: egress.name },
          reason: `egress "${mode}" through ${egress.name}`,
        },
      };
    }
    case "onprem": {
      const bgp = settings.vpnConnections.filter((c) => c.routing === "bgp");
      const chosen = settings.vpnConnections.find((c) => c.routing === "static" && c.staticDefaultRoute);
      if (bgp.length > 0 && settings.onPrem.advertisesDefaultRoute) {
        return { learned: `0.0.0.0/0 learned over BGP from ${bgp.map((c) => c.name).join(", ")} (ECMP)` };
      }
      if (chosen) {
        return {
          route: {
            name: "default",
            destinationCidrBlock: "0.0.0.0/0",
            target: { kind: "vpn", name: chosen.name },
            reason: `egress "${mode}" over the static VPN ${chosen.name}`,
          },
        };
      }
      throw new Error(`segment ${segment} uses egress "${mode}" but no VPN carries a default route`);
    }
    default:
      return unhandled(need, "segment default route");
  }
}

/**
 * The table that must learn the spoke so the replies to its internet traffic find it: the central
 * egress VPC's (the traffic leaves through that VPC), on-prem's (it leaves through on-prem), or none
 * (its own NAT gateways).
 */
function internetReplyTable(spoke: SpokeSettings): "egress" | "onprem" | undefined {
  const need = egressModes[spoke.egress].segmentDefaultRoute;
  switch (need) {
    case "none":
      return undefined;
    case "onprem":
      return "onprem";
    case "central-egress-vpc":
      return "egress";
    default:
      return unhandled(need, "segment default route");
  }
}

/** The TGW-side routing of every table, from settings. Throws on a segment whose spokes need two different default routes. */
export function planSegmentation(settings: NetworkSettings): TablePlan[] {
  const allowedZones = segmentOnPremZones(settings);
  const egress = settings.centralEgress;
  const plans: TablePlan[] = settings.segments.map((segment) => {
    const members = settings.spokes.filter((s) => s.segment === segment.name);
    const allowed = allowedZones[segment.name] ?? [];
    const routes: PlannedRoute[] = [];
    for (const zone of settings.onPrem.zones.filter((z) => !allowed.includes(z.name))) {
      for (const cidr of zone.cidrs) {
        routes.push({
          name: `blackhole-${cidrSlug(cidr)}`,
          destinationCidrBlock: cidr,
          target: "blackhole",
          reason: `on-prem zone ${zone.name} is not in any ${segment.name} spoke's onPremZones`,
        });
      }
    }
    for (const other of settings.spokes.filter((s) => !segmentsMayTalk(settings, segment.name, s.segment))) {
      routes.push({
        name: `blackhole-${cidrSlug(other.cidr)}`,
        destinationCidrBlock: other.cidr,
        target: "blackhole",
        reason: `segment ${other.segment} (spoke ${other.name}) may not talk to ${segment.name}`,
      });
    }
    const defaultRoute = segmentDefault(settings, segment.name, members);
    if (defaultRoute.route) routes.push(defaultRoute.route);
    return {
      key: segment.name,
      kind: "segment" as const,
      associations: members.map((s) => spokeRef(s.name)),
      propagations: settings.spokes.filter((s) => segmentsMayTalk(settings, segment.name, s.segment)).map((s) => spokeRef(s.name)),
      routes,
      ...(defaultRoute.learned !== undefined ? { learnedDefault: defaultRoute.learned } : {}),
    };
  });
  plans.push({
    key: onPremTableKey,
    kind: "onprem",
    associations: [],
    propagations: settings.spokes
      .filter((s) => s.onPremZones.length > 0 || internetReplyTable(s) === "onprem")
      .map((s) => spokeRef(s.name)),
    routes: [],
  });
  if (egress) {
    plans.push({
      key: egress.name,
      kind: "egress",
      associations: [{ kind: "egress", name: egress.name }],
      propagations: settings.spokes.filter((s) => internetReplyTable(s) === "egress").map((s) => spokeRef(s.name)),
      routes: [],
    });
  }
  return plans;
}

/** The SegmentRouting component's name: `<hub>-<segment>`, `<hub>-onprem`, and `<hub>-<egress>-vpc` for the egress VPC's table. */
export function segmentRoutingName(settings: NetworkSettings, table: TablePlan): string {
  return table.kind === "egress" ? `${settings.hub.name}-${table.key}-vpc` : `${settings.hub.name}-${table.key}`;
}

/** What SegmentRouting needs besides the plan: the hub's ids and the attachments' ids. */
export interface SegmentRoutingInputs {
  transitGatewayId: pulumi.Input<string>;
  /** The hub's route tables by key: one per segment and `onprem`. */
  routeTableIds: Record<string, pulumi.Input<string>>;
  /** The TGW attachment id of a spoke, the egress VPC or a VPN connection. */
  attachmentId(ref: AttachmentRef): pulumi.Input<string>;
}

/** One table's plan as SegmentRouting args: the hub's table to fill, or the TGW to create the egress VPC's table on. */
export function segmentRoutingArgs(settings: NetworkSettings, table: TablePlan, inputs: SegmentRoutingInputs): SegmentRoutingArgs {
  const routeTable = (): Pick<SegmentRoutingArgs, "routeTableId" | "transitGatewayId"> => {
    if (table.kind === "egress") return { transitGatewayId: inputs.transitGatewayId };
    const routeTableId = inputs.routeTableIds[table.key];
    if (routeTableId === undefined) throw new Error(`the hub has no ${table.key} route table`);
    return { routeTableId };
  };
  return {
    table: table.key,
    ...routeTable(),
    associations: table.associations.map((a) => ({ name: a.name, attachmentId: inputs.attachmentId(a) })),
    propagations: table.propagations.map((a) => ({ name: a.name, attachmentId: inputs.attachmentId(a) })),
    routes: table.routes.map((r) => ({
      name: r.name,
      destinationCidrBlock: r.destinationCidrBlock,
      blackhole: r.target === "blackhole",
      ...(r.target === "blackhole" ? {} : { attachmentId: inputs.attachmentId(r.target) }),
    })),
    tags: settings.tags,
  };
}
