/**
 * Segmentation: what each Transit Gateway route table holds, besides the VPN attachments' own
 * association and propagations (the VPN component does those).
 *
 * `planSegmentation` derives it from settings alone (plain data, attachments named, not ids):
 *   segment table   associations: the segment's spokes
 *                   propagations: the spokes of every segment it may talk to (itself included)
 *                   blackholes:   every CIDR of an on-prem zone the segment may not reach (the VPN
 *                                 propagations bring all of on-prem; a static route beats a
 *                                 propagated one for the same prefix), and every spoke CIDR of a
 *                                 segment it may not talk to (so a default route toward on-prem or
 *                                 the central egress VPC cannot carry that traffic around)
 *                   default:      egress `central`: static 0.0.0.0/0 to the egress VPC attachment;
 *                                 egress `onprem`: learned over BGP from every VPN connection (no
 *                                 static route, so ECMP spreads it), or, with static VPNs only, a
 *                                 static 0.0.0.0/0 to the first static connection
 *   on-prem table   propagations: the spokes with at least one on-prem zone (what on-prem learns)
 *   egress table    (created here) association: the egress VPC attachment; propagations: the
 *                   spokes whose egress is `central`, so return traffic finds them
 *
 * `SegmentRouting` registers one table's share of that plan, in the network account.
 */
import * as pulumi from "@pulumi/pulumi";
import { Route } from "@pulumi/aws/ec2transitgateway/route";
import { RouteTable } from "@pulumi/aws/ec2transitgateway/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2transitgateway/routeTableAssociation";
import { RouteTablePropagation } from "@pulumi/aws/ec2transitgateway/routeTablePropagation";
import { segmentOnPremZones, segmentsMayTalk } from "../settings/intent";
import type { NetworkSettings } from "../settings/types";
import { onPremTableKey } from "./transit-gateway-hub";
import { cidrSlug } from "./spoke-vpc";
import { componentTypes } from "./tokens";

/** An attachment by what owns it and its config name. */
export interface AttachmentRef {
  kind: "spoke" | "egress" | "vpn";
  name: string;
}

export interface PlannedRoute {
  /** Name fragment: `blackhole-prod-services-10-110-0-0-16`, `default-to-egress`. */
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

/** The TGW-side routing of every table, from settings. Throws on a segment mixing `onprem` and `central` egress. */
export function planSegmentation(settings: NetworkSettings): TablePlan[] {
  const allowedZones = segmentOnPremZones(settings);
  const egress = settings.centralEgress;
  const plans: TablePlan[] = settings.segments.map((segment) => {
    const members = settings.spokes.filter((s) => s.segment === segment.name);
    const routes: PlannedRoute[] = [];
    for (const zone of settings.onPrem.zones.filter((z) => !allowedZones[segment.name].includes(z.name))) {
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
    const modes = new Set(members.map((s) => s.egress));
    if (modes.has("central") && modes.has("onprem")) {
      throw new Error(`segment ${segment.name} mixes egress "central" and "onprem"; its TGW route table has one default route`);
    }
    let learnedDefault: string | undefined;
    if (modes.has("central")) {
      if (!egress) throw new Error(`segment ${segment.name} uses egress "central" without a centralEgress block`);
      routes.push({
        name: "default",
        destinationCidrBlock: "0.0.0.0/0",
        target: { kind: "egress", name: egress.name },
        reason: `egress "central" through ${egress.name}`,
      });
    } else if (modes.has("onprem")) {
      const bgp = settings.vpnConnections.filter((c) => c.routing === "bgp");
      const firstStatic = settings.vpnConnections.find((c) => c.routing === "static");
      if (bgp.length > 0 && settings.onPrem.advertisesDefaultRoute) {
        learnedDefault = `0.0.0.0/0 learned over BGP from ${bgp.map((c) => c.name).join(", ")} (ECMP)`;
      } else if (firstStatic) {
        routes.push({
          name: "default",
          destinationCidrBlock: "0.0.0.0/0",
          target: { kind: "vpn", name: firstStatic.name },
          reason: `egress "onprem" over the static VPN ${firstStatic.name}`,
        });
      } else {
        throw new Error(`segment ${segment.name} uses egress "onprem" but no VPN carries a default route`);
      }
    }
    return {
      key: segment.name,
      kind: "segment" as const,
      associations: members.map((s) => spokeRef(s.name)),
      propagations: settings.spokes.filter((s) => segmentsMayTalk(settings, segment.name, s.segment)).map((s) => spokeRef(s.name)),
      routes,
      ...(learnedDefault !== undefined ? { learnedDefault } : {}),
    };
  });
  plans.push({
    key: onPremTableKey,
    kind: "onprem",
    associations: [],
    propagations: settings.spokes.filter((s) => s.onPremZones.length > 0).map((s) => spokeRef(s.name)),
    routes: [],
  });
  if (egress) {
    plans.push({
      key: egress.name,
      kind: "egress",
      associations: [{ kind: "egress", name: egress.name }],
      propagations: settings.spokes.filter((s) => s.egress === "central").map((s) => spokeRef(s.name)),
      routes: [],
    });
  }
  return plans;
}

/** A Transit Gateway attachment as SegmentRouting takes it. */
export interface RoutingAttachment {
  /** Config name of the attachment's owner (spoke, egress VPC, VPN connection); names the resources. */
  name: string;
  /** The Transit Gateway attachment id (a spoke's, the egress VPC's or a VPN connection's). */
  attachmentId: pulumi.Input<string>;
}

/** A static route of the table. */
export interface RoutingRoute {
  /** Name fragment, unique within the table. */
  name: string;
  /** The destination IPv4 CIDR (`0.0.0.0/0` for a default route). */
  destinationCidrBlock: string;
  /** True: drop the traffic. */
  blackhole: boolean;
  /** Target attachment when not a blackhole. */
  attachmentId?: pulumi.Input<string>;
}

/** Inputs of SegmentRouting: one TGW route table's share of the segmentation plan. */
export interface SegmentRoutingArgs {
  /** Table key (segment name, `onprem`, egress VPC name); prefixes route and propagation names. */
  table: string;
  /** The TGW route table to fill. When absent, one is created on `transitGatewayId`. */
  routeTableId?: pulumi.Input<string>;
  /** The TGW on which to create the route table when `routeTableId` is absent. */
  transitGatewayId?: pulumi.Input<string>;
  /** Attachments associated with the table (each attachment has exactly one association). */
  associations: RoutingAttachment[];
  /** Attachments whose routes propagate into the table. */
  propagations: RoutingAttachment[];
  /** Static routes: blackholes and default routes. */
  routes: RoutingRoute[];
  /** Tags for a created route table. */
  tags: Record<string, string>;
}

/**
 * One Transit Gateway route table's routing: its associations, its propagations and its static
 * routes (blackholes, default routes). Fills an existing table (the hub's segment and on-prem
 * tables) or creates one on the Transit Gateway (the central egress VPC's table).
 */
export class SegmentRouting extends pulumi.ComponentResource {
  /** The route table id: `routeTableId` when given, otherwise the created table's. */
  readonly routeTableId: pulumi.Output<string>;

  constructor(name: string, args: SegmentRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.segmentRouting, name, {}, opts);
    const child = { parent: this };
    let tableId: pulumi.Input<string>;
    if (args.routeTableId !== undefined) tableId = args.routeTableId;
    else {
      if (args.transitGatewayId === undefined) throw new Error(`${name}: needs routeTableId or transitGatewayId`);
      tableId = new RouteTable(
        name,
        { transitGatewayId: args.transitGatewayId, tags: { ...args.tags, Name: name, segment: args.table } },
        child,
      ).id;
    }
    this.routeTableId = pulumi.output(tableId);

    for (const a of args.associations) {
      new RouteTableAssociation(
        `${a.name}-association`,
        { transitGatewayAttachmentId: a.attachmentId, transitGatewayRouteTableId: tableId },
        child,
      );
    }
    for (const p of args.propagations) {
      new RouteTablePropagation(
        `${p.name}-to-${args.table}`,
        { transitGatewayAttachmentId: p.attachmentId, transitGatewayRouteTableId: tableId },
        child,
      );
    }
    for (const r of args.routes) {
      new Route(
        `${args.table}-${r.name}`,
        {
          transitGatewayRouteTableId: tableId,
          destinationCidrBlock: r.destinationCidrBlock,
          ...(r.blackhole ? { blackhole: true } : { transitGatewayAttachmentId: r.attachmentId }),
        },
        // A table holds one route per prefix: a changed target is replaced by deleting first.
        { parent: this, deleteBeforeReplace: true },
      );
    }
    this.registerOutputs({ routeTableId: this.routeTableId });
  }
}
