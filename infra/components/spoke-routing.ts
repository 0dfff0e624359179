/**
 * What every spoke VPC gets, whether the program builds it (spoke-vpc.ts) or adopts it
 * (vpc-adoption.ts): the Transit Gateway attachment on its /28 subnets, and in each workload route
 * table the routes to the TGW and the default route its egress mode asks for (vocabulary/egress.ts).
 * Functions, not components: the resources belong to the calling SpokeVpc (`owner`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { Route } from "@pulumi/aws/ec2/route";
import { VpcAttachment } from "@pulumi/aws/ec2transitgateway/vpcAttachment";
import { unhandled } from "../lib/exhaustive";
import { egressModes } from "../vocabulary/egress";
import type { SpokeVpcArgs } from "./spoke-vpc";
import type { NameTags } from "./vpc-parts";

/** The ids a spoke's VPC side hands to the SpokeVpc component's outputs and its network ACL. */
export interface SpokeVpcSide {
  vpcId: pulumi.Output<string>;
  attachmentId: pulumi.Output<string>;
  /** The subnets that hold workloads (the network ACL's subnets). */
  workloadSubnetIds: pulumi.Output<string>[];
  privateSubnetIds: Record<string, pulumi.Output<string>>;
  transitSubnetIds: Record<string, pulumi.Output<string>>;
  publicSubnetIds: Record<string, pulumi.Output<string>>;
  natGatewayIds: Record<string, pulumi.Output<string>>;
}

/** How a spoke reaches the TGW: the SpokeVpc args that decide its attachment and workload routes. */
export type SpokeRouting = Pick<SpokeVpcArgs, "egress" | "transitGatewayId" | "transitRoutes" | "crossAccount" | "protectAttachment">;

/** The `<name>-tgw-attachment` on the /28 subnets. */
export function attachSpoke(
  owner: pulumi.Resource,
  name: string,
  routing: SpokeRouting,
  vpcId: pulumi.Input<string>,
  subnetIds: pulumi.Input<string>[],
  tags: NameTags,
): VpcAttachment {
  return new VpcAttachment(
    `${name}-tgw-attachment`,
    {
      transitGatewayId: routing.transitGatewayId,
      vpcId,
      subnetIds,
      dnsSupport: "enable",
      ...(routing.crossAccount
        ? {}
        : { transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false }),
      tags: tags(`${name}-tgw-attachment`),
    },
    { parent: owner, protect: routing.protectAttachment },
  );
}

/** The NAT gateway a workload table's 0.0.0.0/0 goes to, and the route's import id when the route exists already. */
export interface DefaultRouteNat {
  id: pulumi.Input<string>;
  /** `<rtb-id>_0.0.0.0/0`: the route is adopted (Pulumi import) instead of created. */
  importId?: string;
}

/**
 * The routes of one workload route table (`tableName`): each destination of `transitRoutes` to the
 * TGW, and 0.0.0.0/0 where the egress mode sends it. The default route keeps its name whatever the
 * mode, so switching egress updates its target in place (ReplaceRoute) instead of creating a second
 * route for the same prefix.
 */
export function routeWorkloadTable(
  owner: pulumi.Resource,
  tableName: string,
  tableId: pulumi.Input<string>,
  routing: SpokeRouting,
  attachment: VpcAttachment,
  nat: DefaultRouteNat | undefined,
): void {
  // A route to the TGW needs the attachment to exist in the VPC.
  const toTgw = { parent: owner, dependsOn: [attachment] };
  for (const r of routing.transitRoutes) {
    new Route(
      `${tableName}-${r.name}`,
      { routeTableId: tableId, destinationCidrBlock: r.cidr, transitGatewayId: routing.transitGatewayId },
      toTgw,
    );
  }
  const target = egressModes[routing.egress].workloadDefaultRoute;
  switch (target) {
    case "nat-gateway":
      if (nat === undefined) throw new Error(`${tableName}: egress "${routing.egress}" routes to a NAT gateway, but there is none`);
      new Route(
        `${tableName}-default`,
        { routeTableId: tableId, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
        { parent: owner, ...(nat.importId !== undefined ? { import: nat.importId } : {}) },
      );
      break;
    case "transit-gateway":
      new Route(
        `${tableName}-default`,
        { routeTableId: tableId, destinationCidrBlock: "0.0.0.0/0", transitGatewayId: routing.transitGatewayId },
        toTgw,
      );
      break;
    default:
      unhandled(target, "workload default route");
  }
}
