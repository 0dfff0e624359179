/**
 * SpokeVpc: one workload VPC attached to the Transit Gateway.
 *
 * Per availability zone: a private (workload) subnet with its own route table, and a dedicated /28
 * subnet for the TGW attachment. The workload route tables send the on-prem zones (and the spokes)
 * this VPC may reach to the TGW. Internet egress depends on `egress`:
 *   nat     public subnets, an internet gateway and NAT gateways (per AZ or a single one);
 *           0.0.0.0/0 from the workload subnets to the NAT gateway
 *   onprem  0.0.0.0/0 to the TGW; the segment's TGW route table sends it to on-prem
 *   central 0.0.0.0/0 to the TGW; the segment's TGW route table sends it to the central egress VPC
 * Switching from `nat` to another mode removes the NAT gateways, their addresses, the public
 * subnets and the internet gateway; every other resource keeps its name and create-time inputs
 * (the default route of each workload route table changes its target in place).
 *
 * Associations, propagations and TGW routes are not here: they belong to the TGW owner's account
 * (see segment-routing.ts). This component lives in the spoke's own account (its provider).
 */
import * as pulumi from "@pulumi/pulumi";
import { Route } from "@pulumi/aws/ec2/route";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { NetworkAcl } from "@pulumi/aws/ec2/networkAcl";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { VpcAttachment } from "@pulumi/aws/ec2transitgateway/vpcAttachment";
import { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { aggregate } from "../lib/cidr";
import { reachableSegments } from "../settings/intent";
import type { NetworkSettings, PortRule, SpokeSettings, SubnetPlan } from "../settings/types";
import { createPublicEgress, createVpc } from "./vpc-parts";
import { componentTypes } from "./tokens";

// Choices are `as const` objects rather than bare string unions, so the component package schema
// carries them as enums (C#: enum types). Their values are the settings' values (settings/types.ts
// keeps plain unions): network.ts passes the settings through unchanged.

/** Where a spoke's internet egress leaves. */
export const SpokeEgress = {
  /** NAT gateways in the spoke's own public subnets, behind an internet gateway. */
  Nat: "nat",
  /** 0.0.0.0/0 to the Transit Gateway, on to on-prem over the VPN. */
  OnPrem: "onprem",
  /** 0.0.0.0/0 to the Transit Gateway, on to the central egress VPC. */
  Central: "central",
} as const;
export type SpokeEgress = (typeof SpokeEgress)[keyof typeof SpokeEgress];

/** How many NAT gateways a spoke with egress `nat` runs. */
export const NatGatewayPlacement = {
  /** One per availability zone: an AZ outage leaves the others their egress. */
  PerAz: "perAz",
  /** One in the first availability zone, shared by every AZ: cheaper, not AZ-resilient. */
  Single: "single",
} as const;
export type NatGatewayPlacement = (typeof NatGatewayPlacement)[keyof typeof NatGatewayPlacement];

/** Protocol of a security group ingress rule. */
export const IngressProtocol = {
  /** TCP, ports `fromPort` to `toPort`. */
  Tcp: "tcp",
  /** UDP, ports `fromPort` to `toPort`. */
  Udp: "udp",
  /** ICMP: `fromPort` is the ICMP type, `toPort` the code (-1: any). */
  Icmp: "icmp",
  /** Every protocol and port (IP protocol -1); the ports are ignored. */
  All: "all",
} as const;
export type IngressProtocol = (typeof IngressProtocol)[keyof typeof IngressProtocol];

/** A destination with a stable name for the resources that route it. */
export interface NamedCidr {
  /** Name fragment derived from the CIDR: `onprem-10-100-0-0-16`. */
  name: string;
  /** The destination IPv4 CIDR. */
  cidr: string;
}

/** One security group ingress rule: one CIDR, one port rule (a settings PortRule with a name and a source). */
export interface SpokeIngressRule {
  /** Name fragment: `<zone>-<cidr>-<protocol>-<ports>`. */
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
  /** Subnet layout per availability zone (settings/subnet-layout.ts); `publicCidr` is set for egress `nat`. */
  subnets: SubnetPlan[];
  /** Where internet egress leaves: local NAT gateways, on-prem over the VPN, or the central egress VPC. */
  egress: SpokeEgress;
  /** With egress `nat`: a NAT gateway per AZ, or a single one in the first AZ. Ignored otherwise. */
  natGateways: NatGatewayPlacement;
  /** The Transit Gateway to attach to (shared through RAM when the VPC is in another account). */
  transitGatewayId: pulumi.Input<string>;
  /** Destinations the workload subnets send to the TGW besides the default route (on-prem zones, spokes). */
  transitRoutes: NamedCidr[];
  /**
   * On-prem ranges the workload subnets refuse inbound (a network ACL): the zones this spoke may not
   * reach. The on-prem TGW route table serves every zone alike, so the TGW alone cannot stop a
   * forbidden zone's packets from arriving; it only drops the replies. Empty: the VPC's default ACL.
   */
  denyInboundFrom: NamedCidr[];
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
  /** Tags for every resource. */
  tags: Record<string, string>;
}

/** A CIDR as a resource name fragment: 10.100.0.0/16 -> 10-100-0-0-16. */
export function cidrSlug(cidr: string): string {
  return cidr.replace(/[./:]/g, "-");
}

function portsSlug(p: PortRule): string {
  if (p.protocol === "all") return "all";
  return p.fromPort === p.toPort ? `${p.protocol}-${p.fromPort}` : `${p.protocol}-${p.fromPort}-${p.toPort}`;
}

/**
 * What the workload subnets of a spoke send to the TGW (besides 0.0.0.0/0 for egress `onprem` and
 * `central`): every CIDR of the on-prem zones it may reach, and the CIDRs of the spokes in segments
 * it may talk to.
 */
export function spokeTransitRoutes(settings: NetworkSettings, spoke: SpokeSettings): NamedCidr[] {
  const zones = settings.onPrem.zones
    .filter((z) => spoke.onPremZones.includes(z.name))
    .flatMap((z) => z.cidrs.map((cidr) => ({ name: `onprem-${cidrSlug(cidr)}`, cidr })));
  // Spokes this one may reach, aggregated exactly (adjacent blocks merge): one route per block, not
  // per peer, so a segment of many spokes stays within the VPC route table quota.
  // With summary prefixes configured, those replace the peer blocks (the TGW tables decide).
  if (settings.hub.spokeSummaryCidrs.length > 0) {
    return [...zones, ...settings.hub.spokeSummaryCidrs.map((cidr) => ({ name: `spokes-summary-${cidrSlug(cidr)}`, cidr }))];
  }
  const segments = new Set(reachableSegments(settings, spoke.segment));
  const peerCidrs = settings.spokes.filter((s) => s.name !== spoke.name && segments.has(s.segment)).map((s) => s.cidr);
  const peers = aggregate(peerCidrs).map((cidr) => ({ name: `spokes-${cidrSlug(cidr)}`, cidr }));
  return [...zones, ...peers];
}

/**
 * On-prem CIDRs a spoke refuses inbound: every zone not in its `onPremZones`, when on-prem can reach
 * it at all (a spoke with no zone is not in the on-prem route table).
 */
export function spokeDeniedZones(settings: NetworkSettings, spoke: SpokeSettings): NamedCidr[] {
  if (spoke.onPremZones.length === 0) return [];
  return settings.onPrem.zones
    .filter((z) => !spoke.onPremZones.includes(z.name))
    .flatMap((z) => z.cidrs.map((cidr) => ({ name: `onprem-${cidrSlug(cidr)}`, cidr })));
}

/** The spoke's ingress config, one rule per zone CIDR x port rule. */
export function spokeIngressRules(settings: NetworkSettings, spoke: SpokeSettings): SpokeIngressRule[] {
  return spoke.ingress.flatMap((rule) => {
    const zone = settings.onPrem.zones.find((z) => z.name === rule.fromZone);
    return (zone?.cidrs ?? []).flatMap((cidr) => rule.ports.map((p) => ({ ...p, name: `${cidrSlug(cidr)}-${portsSlug(p)}`, cidr })));
  });
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
  /** Availability zone -> workload (private) subnet id. */
  readonly privateSubnetIds: Record<string, pulumi.Output<string>>;
  /** Availability zone -> id of the /28 subnet holding the TGW attachment. */
  readonly transitSubnetIds: Record<string, pulumi.Output<string>>;
  /** Availability zone -> public subnet id; empty unless egress is `nat`. */
  readonly publicSubnetIds: Record<string, pulumi.Output<string>>;
  /** Availability zone -> NAT gateway id; empty unless egress is `nat` (one entry with `single`). */
  readonly natGatewayIds: Record<string, pulumi.Output<string>>;
  /** The security group admitting the on-prem zones of `ingress`; absent when `ingress` is empty. */
  readonly securityGroupId?: pulumi.Output<string>;
  /** The network ACL of the workload subnets refusing forbidden on-prem zones; absent when none is forbidden. */
  readonly networkAclId?: pulumi.Output<string>;

  constructor(name: string, args: SpokeVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.spoke, name, {}, opts);
    const tags = (resourceName: string) => ({ ...args.tags, Name: resourceName });
    const child = { parent: this };

    const base = createVpc(this, name, args.cidr, tags);
    const vpc = base.vpc;
    this.vpcId = vpc.id;

    this.privateSubnetIds = {};
    this.transitSubnetIds = {};
    this.publicSubnetIds = {};
    this.natGatewayIds = {};
    const privateSubnets = args.subnets.map((p) => base.subnet("private", p, p.privateCidr));
    const transitSubnets = args.subnets.map((p) => base.subnet("tgw", p, p.transitCidr));
    args.subnets.forEach((p, i) => {
      this.privateSubnetIds[p.availabilityZone] = privateSubnets[i].id;
      this.transitSubnetIds[p.availabilityZone] = transitSubnets[i].id;
    });

    const attachment = new VpcAttachment(
      `${name}-tgw-attachment`,
      {
        transitGatewayId: args.transitGatewayId,
        vpcId: vpc.id,
        subnetIds: transitSubnets.map((s) => s.id),
        dnsSupport: "enable",
        ...(args.crossAccount
          ? {}
          : { transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false }),
        tags: tags(`${name}-tgw-attachment`),
      },
      { parent: this, protect: args.protectAttachment },
    );
    this.attachmentId = attachment.id;

    // Egress `nat`: internet gateway, public subnets routed to it, NAT gateways in them.
    if (args.egress === "nat") {
      const natAzs = (args.natGateways === "single" ? args.subnets.slice(0, 1) : args.subnets).map((p) => p.availabilityZone);
      const egress = createPublicEgress(this, name, base, args.subnets, natAzs, tags);
      this.publicSubnetIds = egress.publicSubnetIds;
      this.natGatewayIds = egress.natGatewayIds;
    }

    // Workload route tables, one per AZ (so each AZ can use its own NAT gateway, and so switching
    // egress only changes the target of the default route).
    args.subnets.forEach((p, i) => {
      const tableName = `${name}-private-${p.availabilityZone}`;
      const table = new RouteTable(tableName, { vpcId: vpc.id, tags: tags(tableName) }, child);
      new RouteTableAssociation(tableName, { subnetId: privateSubnets[i].id, routeTableId: table.id }, child);
      // A route to the TGW needs the attachment to exist in the VPC.
      const toTgw = { parent: this, dependsOn: [attachment] };
      for (const r of args.transitRoutes) {
        new Route(
          `${tableName}-${r.name}`,
          { routeTableId: table.id, destinationCidrBlock: r.cidr, transitGatewayId: args.transitGatewayId },
          toTgw,
        );
      }
      if (args.egress === "nat") {
        const nat = this.natGatewayIds[p.availabilityZone] ?? this.natGatewayIds[args.subnets[0].availabilityZone];
        new Route(`${tableName}-default`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat }, child);
      } else {
        new Route(
          `${tableName}-default`,
          { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", transitGatewayId: args.transitGatewayId },
          toTgw,
        );
      }
    });

    // Forbidden on-prem zones are refused at the workload subnets, before any security group.
    if (args.denyInboundFrom.length > 0) {
      const aclName = `${name}-workloads`;
      const acl = new NetworkAcl(
        aclName,
        {
          vpcId: vpc.id,
          subnetIds: privateSubnets.map((sn) => sn.id),
          ingress: [
            ...args.denyInboundFrom.map((d, i) => ({
              ruleNo: 100 + 10 * i,
              action: "deny",
              protocol: "-1",
              cidrBlock: d.cidr,
              fromPort: 0,
              toPort: 0,
            })),
            { ruleNo: 32000, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 },
          ],
          egress: [{ ruleNo: 32000, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 }],
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
        { vpcId: vpc.id, description: `Admits configured on-prem zones to ${name} workloads`, tags: tags(sgName) },
        child,
      );
      this.securityGroupId = sg.id;
      for (const rule of args.ingress) {
        const all = rule.protocol === "all";
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
