/**
 * CentralEgressVpc: the internet exit of the spokes whose egress is `central`, in the network account.
 *
 * Per availability zone: a public subnet with a NAT gateway, and a dedicated /28 subnet for the TGW
 * attachment whose route table sends 0.0.0.0/0 to the NAT gateway of the same AZ. The attachment
 * uses appliance mode, so both directions of a flow stay in one AZ (one NAT gateway).
 * The public subnets send 0.0.0.0/0 to the internet gateway and every spoke and on-prem range back
 * to the TGW, so return traffic reaches the spokes and internal traffic is never NATed.
 *
 * The TGW side (the route table this attachment is associated with, the spokes' propagations into
 * it, the spokes' default routes toward it) is in segment-routing.ts. The args come from the stack
 * config through infra/wiring/central-egress-vpc.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { Route } from "@pulumi/aws/ec2/route";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import { VpcAttachment } from "@pulumi/aws/ec2transitgateway/vpcAttachment";
import type { SubnetPlan } from "../vocabulary/vpc";
import { createPublicEgress, createVpc } from "./vpc-parts";
import type { NamedCidr } from "./spoke-vpc";
import { componentTypes } from "./tokens";

/** Inputs of CentralEgressVpc. */
export interface CentralEgressVpcArgs {
  /** The egress VPC's IPv4 CIDR. */
  cidr: string;
  /** Subnet layout per availability zone; `publicCidr` and `transitCidr` are used. */
  subnets: SubnetPlan[];
  /** The Transit Gateway to attach to (same account). */
  transitGatewayId: pulumi.Input<string>;
  /** Ranges the public subnets send back to the TGW: every spoke and on-prem range. */
  returnRoutes: NamedCidr[];
  /** Protect the TGW attachment from deletion (production). */
  protectAttachment: boolean;
  /** Tags for every resource. */
  tags: Record<string, string>;
}

/**
 * Central internet egress VPC on the Transit Gateway: per availability zone a public subnet with a
 * NAT gateway and a /28 subnet for the TGW attachment (appliance mode, so a flow keeps to one AZ);
 * the public subnets route internal ranges back to the TGW, so they are never NATed. The TGW route
 * table side (association, the spokes' propagations and default routes) is SegmentRouting's.
 */
export class CentralEgressVpc extends pulumi.ComponentResource {
  /** The egress VPC id. */
  readonly vpcId: pulumi.Output<string>;
  /** The Transit Gateway VPC attachment id (appliance mode): the target of the spokes' default routes. */
  readonly attachmentId: pulumi.Output<string>;
  /** Availability zone -> public subnet id (the NAT gateway's subnet). */
  readonly publicSubnetIds: Record<string, pulumi.Output<string>>;
  /** Availability zone -> id of the /28 subnet holding the TGW attachment. */
  readonly transitSubnetIds: Record<string, pulumi.Output<string>>;
  /** Availability zone -> NAT gateway id (one per AZ). */
  readonly natGatewayIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: CentralEgressVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.centralEgress, name, {}, opts);
    const tags = (resourceName: string) => ({ ...args.tags, Name: resourceName });
    const child = { parent: this };

    const base = createVpc(this, name, args.cidr, tags);
    const vpc = base.vpc;
    this.vpcId = vpc.id;
    const transitSubnets = args.subnets.map((plan) => ({ plan, subnet: base.subnet("tgw", plan, plan.transitCidr) }));
    this.transitSubnetIds = Object.fromEntries(transitSubnets.map((t) => [t.plan.availabilityZone, t.subnet.id]));

    const attachment = new VpcAttachment(
      `${name}-tgw-attachment`,
      {
        transitGatewayId: args.transitGatewayId,
        vpcId: vpc.id,
        subnetIds: transitSubnets.map((t) => t.subnet.id),
        applianceModeSupport: "enable",
        dnsSupport: "enable",
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
        tags: tags(`${name}-tgw-attachment`),
      },
      { parent: this, protect: args.protectAttachment },
    );
    this.attachmentId = attachment.id;

    // Public subnets: out to the internet (a NAT gateway in every AZ), internal ranges back to the TGW.
    const azs = args.subnets.map((p) => p.availabilityZone);
    const egress = createPublicEgress(this, name, base, args.subnets, azs, tags);
    this.publicSubnetIds = egress.publicSubnetIds;
    this.natGatewayIds = egress.natGatewayIds;
    for (const r of args.returnRoutes) {
      new Route(
        `${name}-public-${r.name}`,
        { routeTableId: egress.publicTable.id, destinationCidrBlock: r.cidr, transitGatewayId: args.transitGatewayId },
        { parent: this, dependsOn: [attachment] },
      );
    }

    // TGW subnet of each AZ: everything arriving from the TGW goes to the NAT gateway of that AZ.
    for (const { plan, subnet } of transitSubnets) {
      const az = plan.availabilityZone;
      const tgwTable = new RouteTable(`${name}-tgw-${az}`, { vpcId: vpc.id, tags: tags(`${name}-tgw-${az}`) }, child);
      new RouteTableAssociation(`${name}-tgw-${az}`, { subnetId: subnet.id, routeTableId: tgwTable.id }, child);
      new Route(
        `${name}-tgw-${az}-default`,
        { routeTableId: tgwTable.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: egress.natGatewayIds[az] },
        child,
      );
    }

    this.registerOutputs({
      vpcId: this.vpcId,
      attachmentId: this.attachmentId,
      publicSubnetIds: this.publicSubnetIds,
      transitSubnetIds: this.transitSubnetIds,
      natGatewayIds: this.natGatewayIds,
    });
  }
}
