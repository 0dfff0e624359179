/**
 * Building blocks that SpokeVpc and CentralEgressVpc share: the VPC with its subnet naming, and the
 * public side of NAT egress (internet gateway, public subnets and their route table, NAT gateways).
 * Functions, not components: the resources belong to the calling component (`owner`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { Eip } from "@pulumi/aws/ec2/eip";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { NatGateway } from "@pulumi/aws/ec2/natGateway";
import { Route } from "@pulumi/aws/ec2/route";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import type { SubnetPlan } from "../vocabulary/vpc";

export type NameTags = (resourceName: string) => Record<string, string>;

export interface VpcBase {
  vpc: Vpc;
  /** Creates the `<name>-<role>-<az>` subnet of one AZ. */
  subnet(role: string, plan: SubnetPlan, cidr: string): Subnet;
}

/** The `<name>-vpc` VPC (DNS support and hostnames on) and a subnet factory for it. */
export function createVpc(owner: pulumi.Resource, name: string, cidr: string, tags: NameTags): VpcBase {
  const child = { parent: owner };
  const vpc = new Vpc(
    `${name}-vpc`,
    { cidrBlock: cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tags(`${name}-vpc`) },
    child,
  );
  const subnet = (role: string, plan: SubnetPlan, subnetCidr: string) =>
    new Subnet(
      `${name}-${role}-${plan.availabilityZone}`,
      {
        vpcId: vpc.id,
        cidrBlock: subnetCidr,
        availabilityZone: plan.availabilityZone,
        tags: { ...tags(`${name}-${role}-${plan.availabilityZone}`), role },
      },
      child,
    );
  return { vpc, subnet };
}

export interface PublicEgress {
  /** The `<name>-public` route table: 0.0.0.0/0 to the internet gateway. */
  publicTable: RouteTable;
  /** By availability zone. */
  publicSubnetIds: Record<string, pulumi.Output<string>>;
  /** By availability zone, for the zones that have one. */
  natGatewayIds: Record<string, pulumi.Output<string>>;
}

/**
 * Internet gateway, one public subnet per AZ on a shared public route table, and a NAT gateway
 * (with its Elastic IP) in the public subnet of each AZ listed in `natAzs`.
 */
export function createPublicEgress(
  owner: pulumi.Resource,
  name: string,
  base: VpcBase,
  subnets: SubnetPlan[],
  natAzs: string[],
  tags: NameTags,
): PublicEgress {
  const child = { parent: owner };
  const igw = new InternetGateway(`${name}-igw`, { vpcId: base.vpc.id, tags: tags(`${name}-igw`) }, child);
  const publicTable = new RouteTable(`${name}-public`, { vpcId: base.vpc.id, tags: tags(`${name}-public`) }, child);
  new Route(`${name}-public-default`, { routeTableId: publicTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, child);
  const publicSubnetIds: Record<string, pulumi.Output<string>> = {};
  const natGatewayIds: Record<string, pulumi.Output<string>> = {};
  for (const p of subnets) {
    const az = p.availabilityZone;
    if (p.publicCidr === undefined) throw new Error(`${name}: NAT egress needs a public subnet in ${az}`);
    const publicSubnet = base.subnet("public", p, p.publicCidr);
    publicSubnetIds[az] = publicSubnet.id;
    new RouteTableAssociation(`${name}-public-${az}`, { subnetId: publicSubnet.id, routeTableId: publicTable.id }, child);
    if (!natAzs.includes(az)) continue;
    const eip = new Eip(`${name}-nat-eip-${az}`, { domain: "vpc", tags: tags(`${name}-nat-eip-${az}`) }, child);
    const nat = new NatGateway(
      `${name}-nat-${az}`,
      { subnetId: publicSubnet.id, allocationId: eip.id, connectivityType: "public", tags: tags(`${name}-nat-${az}`) },
      { parent: owner, dependsOn: [igw] },
    );
    natGatewayIds[az] = nat.id;
  }
  return { publicTable, publicSubnetIds, natGatewayIds };
}
