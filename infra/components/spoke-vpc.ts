/**
 * SpokeVpc: one workload VPC attached to the Transit Gateway.
 *
 * Per availability zone: a private (workload) subnet with its own route table, and a dedicated /28
 * subnet for the TGW attachment. The workload route tables send the on-prem zones (and the spokes)
 * this VPC may reach to the TGW. Internet egress follows the mode's facts (vocabulary/egress.ts):
 *   nat     public subnets, an internet gateway and NAT gateways (per AZ or a single one);
 *           0.0.0.0/0 from the workload subnets to the NAT gateway
 *   onprem  0.0.0.0/0 to the TGW; the segment's TGW route table sends it to on-prem
 *   central 0.0.0.0/0 to the TGW; the segment's TGW route table sends it to the central egress VPC
 * Switching from `nat` to another mode removes the NAT gateways, their addresses, the public
 * subnets and the internet gateway; every other resource keeps its name and create-time inputs
 * (the default route of each workload route table changes its target in place).
 *
 * With `existing`, the spoke adopts a VPC that exists instead (vpc-adoption.ts): its VPC, subnets,
 * route tables, internet gateway and NAT gateways are imported as they are, and the program adds the
 * attachment /28s, the attachment, the routes to the TGW, the network ACL and the security group.
 * The attachment and the workload routes are the same code for both (spoke-routing.ts).
 *
 * Associations, propagations and TGW routes are not here: they belong to the TGW owner's account
 * (see segment-routing.ts). This component lives in the spoke's own account (its provider). Its
 * args come from the stack config through infra/wiring/spoke-vpc.ts; the component itself knows
 * nothing of the settings.
 */
import * as pulumi from "@pulumi/pulumi";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { NetworkAcl } from "@pulumi/aws/ec2/networkAcl";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import type { VpcAttachment } from "@pulumi/aws/ec2transitgateway/vpcAttachment";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { denyRuleNumbers } from "../lib/acl-rule-numbers";
import { egressModes, SpokeEgress } from "../vocabulary/egress";
import { IngressProtocol, NatGatewayPlacement } from "../vocabulary/vpc";
import type { AttachmentSubnet, ExistingNatGateway, ExistingRouteTable, ExistingSubnet, ExistingVpc, SubnetPlan } from "../vocabulary/vpc";
import { attachSpoke, routeWorkloadTable } from "./spoke-routing";
import type { SpokeVpcSide } from "./spoke-routing";
import { adoptExistingVpc } from "./vpc-adoption";
import { createPublicEgress, createVpc } from "./vpc-parts";
import type { NameTags } from "./vpc-parts";
import { componentTypes } from "./tokens";

// The args' choices are `as const` objects (the package schema's enums), defined once in
// infra/vocabulary with the values the stack config accepts.
export { IngressProtocol, NatGatewayPlacement, SpokeEgress };
export type { AttachmentSubnet, ExistingNatGateway, ExistingRouteTable, ExistingSubnet, ExistingVpc, SubnetPlan };

/** A destination with a stable name for the resources that route it. */
export interface NamedCidr {
  /** Name fragment derived from the CIDR: `onprem-10-100-0-0-16`. */
  name: string;
  /** The destination IPv4 CIDR. */
  cidr: string;
}

/** One security group ingress rule: one source CIDR, one protocol and port range. */
export interface SpokeIngressRule {
  /** Name fragment, unique within the spoke: `<cidr>-<protocol>-<ports>`. */
  name: string;
  /** Source IPv4 CIDR. */
  cidr: string;
  /** IP protocol; `all` admits every protocol and port. */
  protocol: IngressProtocol;
  /** First port of the range, 0-65535 (ICMP: the type, -1 for any). Ignored for `all`. */
  fromPort: number;
  /** Last port of the range, 0-65535 (ICMP: the code, -1 for any). Ignored for `all`. */
  toPort: number;
  /** The rule's description in the security group. */
  description?: string;
}

/** Inputs of SpokeVpc. */
export interface SpokeVpcArgs {
  /** The VPC's IPv4 CIDR. */
  cidr: string;
  /**
   * Subnet layout per availability zone; `publicCidr` is needed where the egress mode runs its own NAT
   * gateways (`nat`). Ignored with `existing` (the adopted VPC's subnets are its own).
   */
  subnets: SubnetPlan[];
  /** Where internet egress leaves: local NAT gateways, on-prem over the VPN, or the central egress VPC. */
  egress: SpokeEgress;
  /** With egress `nat`: a NAT gateway per AZ, or a single one in the first AZ. Ignored otherwise, and with `existing`. */
  natGateways: NatGatewayPlacement;
  /** The Transit Gateway to attach to (shared through RAM when the VPC is in another account). */
  transitGatewayId: pulumi.Input<string>;
  /** Destinations the workload subnets send to the TGW besides the default route (on-prem zones, spokes). */
  transitRoutes: NamedCidr[];
  /**
   * On-prem ranges the workload subnets refuse inbound (a network ACL): the zones this spoke may not
   * reach. The on-prem TGW route table serves every zone alike, so the TGW alone cannot stop a
   * forbidden zone's packets from arriving; it only drops the replies.
   */
  denyInboundFrom: NamedCidr[];
  /**
   * On-prem ranges the workload subnets refuse outbound (the same network ACL): the zones this spoke
   * may not reach. The segment's TGW route table routes every zone a spoke of the segment may
   * reach, so a default route to the TGW would reach a segment peer's zones. With both lists empty
   * the subnets keep the VPC's default ACL.
   */
  denyOutboundTo: NamedCidr[];
  /** Security group rules admitting on-prem zones; no security group when empty. */
  ingress: SpokeIngressRule[];
  /**
   * True when the VPC is in another account than the TGW. The attachment's default route table
   * flags cannot be set on a RAM-shared TGW, so they are left out; otherwise they are set to false
   * (the hub disables default association and propagation anyway).
   */
  crossAccount: boolean;
  /** Protect the TGW attachment from deletion (production). */
  protectAttachment: boolean;
  /** Tags for every resource the component creates (an adopted resource keeps its own tags). */
  tags: Record<string, string>;
  /**
   * An existing VPC to adopt (Pulumi import) instead of building one from `subnets`: its VPC, subnets,
   * route tables, internet gateway and NAT gateways are taken under management as they are.
   */
  existing?: ExistingVpc;
}

/**
 * Workload VPC attached to the Transit Gateway: per availability zone a workload subnet with its own
 * route table and a /28 subnet for the TGW attachment; routes to the TGW for on-prem zones and other
 * spokes; internet egress through local NAT gateways, on-prem or the central egress VPC; and an
 * optional security group admitting on-prem zones. The TGW route table side is SegmentRouting's.
 */
export class SpokeVpc extends pulumi.ComponentResource {
  /** The VPC id. */
  readonly vpcId: pulumi.Output<string>;
  /** The Transit Gateway VPC attachment id: what SegmentRouting associates and propagates. */
  readonly attachmentId: pulumi.Output<string>;
  /** Availability zone -> workload (private) subnet id; for an adopted VPC, subnet config name -> id. */
  readonly privateSubnetIds: Record<string, pulumi.Output<string>>;
  /** Availability zone -> id of the /28 subnet holding the TGW attachment. */
  readonly transitSubnetIds: Record<string, pulumi.Output<string>>;
  /** Availability zone -> public subnet id (adopted VPC: subnet config name -> id); empty unless egress is `nat`. */
  readonly publicSubnetIds: Record<string, pulumi.Output<string>>;
  /** Availability zone -> NAT gateway id (adopted VPC: config name -> id); empty unless egress is `nat` (one entry with `single`). */
  readonly natGatewayIds: Record<string, pulumi.Output<string>>;
  /** The security group admitting the on-prem zones of `ingress`; absent when `ingress` is empty. */
  readonly securityGroupId?: pulumi.Output<string>;
  /** The network ACL of the workload subnets refusing forbidden on-prem zones both ways; absent when none is refused. */
  readonly networkAclId?: pulumi.Output<string>;

  constructor(name: string, args: SpokeVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.spoke, name, {}, opts);
    const tags = (resourceName: string) => ({ ...args.tags, Name: resourceName });
    const child = { parent: this };

    // The VPC, its subnets, the TGW attachment and the workload routes: built, or adopted as it is.
    const attach = (vpcId: pulumi.Input<string>, subnetIds: pulumi.Input<string>[]) =>
      attachSpoke(this, name, args, vpcId, subnetIds, tags);
    const side = args.existing
      ? adoptExistingVpc(this, name, args.existing, { ...args, attach }, tags)
      : buildVpc(this, name, args, attach, tags);
    this.vpcId = side.vpcId;
    this.attachmentId = side.attachmentId;
    this.privateSubnetIds = side.privateSubnetIds;
    this.transitSubnetIds = side.transitSubnetIds;
    this.publicSubnetIds = side.publicSubnetIds;
    this.natGatewayIds = side.natGatewayIds;
    const vpcId = side.vpcId;

    // Forbidden on-prem zones are refused at the workload subnets, before any security group, in
    // both directions: network ACLs are stateless, each direction has its own rules (a deny per
    // CIDR, numbered by its CIDR so that adding a zone moves no other rule, then allow the rest).
    if (args.denyInboundFrom.length > 0 || args.denyOutboundTo.length > 0) {
      const aclName = `${name}-workloads`;
      const rules = (denied: NamedCidr[]) => {
        const numbers = denyRuleNumbers(denied.map((d) => d.cidr));
        return [
          ...[...numbers].map(([cidr, ruleNo]) => ({ ruleNo, action: "deny", protocol: "-1", cidrBlock: cidr, fromPort: 0, toPort: 0 })),
          { ruleNo: 32000, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 },
        ];
      };
      const acl = new NetworkAcl(
        aclName,
        {
          vpcId,
          subnetIds: side.workloadSubnetIds,
          ingress: rules(args.denyInboundFrom),
          egress: rules(args.denyOutboundTo),
          tags: tags(aclName),
        },
        child,
      );
      this.networkAclId = acl.id;
    }

    // Inbound from on-prem zones (e.g. corporate clients to development), one rule per CIDR x port rule.
    if (args.ingress.length > 0) {
      const sgName = `${name}-ingress`;
      const sg = new SecurityGroup(
        sgName,
        { vpcId, description: `Admits configured on-prem zones to ${name} workloads`, tags: tags(sgName) },
        child,
      );
      this.securityGroupId = sg.id;
      for (const rule of args.ingress) {
        const all = rule.protocol === IngressProtocol.All;
        new SecurityGroupIngressRule(
          `${sgName}-${rule.name}`,
          {
            securityGroupId: sg.id,
            cidrIpv4: rule.cidr,
            ipProtocol: all ? "-1" : rule.protocol,
            ...(all ? {} : { fromPort: rule.fromPort, toPort: rule.toPort }),
            ...(rule.description !== undefined ? { description: rule.description } : {}),
            tags: tags(`${sgName}-${rule.name}`),
          },
          child,
        );
      }
      // The provider removes the default allow-all egress rule of a new group; keep AWS's default.
      new SecurityGroupEgressRule(
        `${sgName}-egress-all`,
        {
          securityGroupId: sg.id,
          cidrIpv4: "0.0.0.0/0",
          ipProtocol: "-1",
          description: "AWS default egress",
          tags: tags(`${sgName}-egress-all`),
        },
        child,
      );
    }

    this.registerOutputs({
      vpcId: this.vpcId,
      attachmentId: this.attachmentId,
      privateSubnetIds: this.privateSubnetIds,
      transitSubnetIds: this.transitSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
      natGatewayIds: this.natGatewayIds,
      securityGroupId: this.securityGroupId,
      networkAclId: this.networkAclId,
    });
  }
}

/**
 * A VPC the program builds: per AZ a workload subnet and a /28 attachment subnet, the attachment, the
 * public side where the mode runs NAT gateways of its own, then per AZ a workload route table with its
 * routes. (The order is the registration order the plan report lists.)
 */
function buildVpc(
  owner: pulumi.Resource,
  name: string,
  args: SpokeVpcArgs,
  attach: (vpcId: pulumi.Input<string>, subnetIds: pulumi.Input<string>[]) => VpcAttachment,
  tags: NameTags,
): SpokeVpcSide {
  const child = { parent: owner };
  const base = createVpc(owner, name, args.cidr, tags);
  const privateSubnets = args.subnets.map((plan) => ({ plan, subnet: base.subnet("private", plan, plan.privateCidr) }));
  const transitSubnets = args.subnets.map((plan) => ({ plan, subnet: base.subnet("tgw", plan, plan.transitCidr) }));
  const attachment = attach(
    base.vpc.id,
    transitSubnets.map((t) => t.subnet.id),
  );

  // A mode with NAT gateways of its own (`nat`): internet gateway, public subnets routed to it,
  // NAT gateways in them.
  let publicSubnetIds: Record<string, pulumi.Output<string>> = {};
  let natGatewayIds: Record<string, pulumi.Output<string>> = {};
  if (egressModes[args.egress].ownNatGateways) {
    const natAzs = (args.natGateways === NatGatewayPlacement.Single ? args.subnets.slice(0, 1) : args.subnets).map(
      (p) => p.availabilityZone,
    );
    const egress = createPublicEgress(owner, name, base, args.subnets, natAzs, tags);
    publicSubnetIds = egress.publicSubnetIds;
    natGatewayIds = egress.natGatewayIds;
  }
  const firstAz = args.subnets[0]?.availabilityZone;

  // Workload route tables, one per AZ (so each AZ can use its own NAT gateway, and so switching
  // egress only changes the target of the default route).
  for (const { plan: p, subnet } of privateSubnets) {
    const tableName = `${name}-private-${p.availabilityZone}`;
    const table = new RouteTable(tableName, { vpcId: base.vpc.id, tags: tags(tableName) }, child);
    new RouteTableAssociation(tableName, { subnetId: subnet.id, routeTableId: table.id }, child);
    // The NAT gateway of the same AZ, or the single one in the first AZ.
    const nat = natGatewayIds[p.availabilityZone] ?? (firstAz !== undefined ? natGatewayIds[firstAz] : undefined);
    routeWorkloadTable(owner, tableName, table.id, args, attachment, nat === undefined ? undefined : { id: nat });
  }

  return {
    vpcId: base.vpc.id,
    attachmentId: attachment.id,
    workloadSubnetIds: privateSubnets.map((p) => p.subnet.id),
    privateSubnetIds: Object.fromEntries(privateSubnets.map((p) => [p.plan.availabilityZone, p.subnet.id])),
    transitSubnetIds: Object.fromEntries(transitSubnets.map((t) => [t.plan.availabilityZone, t.subnet.id])),
    publicSubnetIds,
    natGatewayIds,
  };
}
