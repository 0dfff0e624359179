/**
 * SegmentRouting: one Transit Gateway route table's share of the segmentation, in the network
 * account: its associations, its propagations and its static routes (blackholes, default routes),
 * besides the VPN attachments' own association and propagations (the VPN component does those).
 * It fills one of the hub's tables (a segment's, `onprem`) or creates the central egress VPC's.
 *
 * What each table holds is decided from the stack config by infra/wiring/segment-routing.ts
 * (`planSegmentation`); this component only registers it.
 */
import * as pulumi from "@pulumi/pulumi";
import { Route } from "@pulumi/aws/ec2transitgateway/route";
import { RouteTable } from "@pulumi/aws/ec2transitgateway/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2transitgateway/routeTableAssociation";
import { RouteTablePropagation } from "@pulumi/aws/ec2transitgateway/routeTablePropagation";
import { componentTypes } from "./tokens";

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
