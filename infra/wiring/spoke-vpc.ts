/**
 * Settings -> SpokeVpc args: a spoke's routes to the TGW, the on-prem zones it refuses, its
 * security group rules, each named from config (CIDRs and ports), never from list positions.
 */
import type * as pulumi from "@pulumi/pulumi";
import { aggregate, cidrSlug } from "../lib/cidr";
import { reachableSegments, spokeRefusedZones } from "../settings/intent";
import type { AdoptedVpcSettings, NetworkSettings, PortRule, SpokeSettings } from "../settings/types";
import type { NamedCidr, SpokeIngressRule, SpokeVpcArgs } from "../components/spoke-vpc";
import { IngressProtocol } from "../vocabulary/vpc";
import type { ExistingVpc } from "../vocabulary/vpc";

function portsSlug(p: PortRule): string {
  if (p.protocol === IngressProtocol.All) return "all";
  return p.fromPort === p.toPort ? `${p.protocol}-${p.fromPort}` : `${p.protocol}-${p.fromPort}-${p.toPort}`;
}

/**
 * What the workload subnets of a spoke send to the TGW (besides 0.0.0.0/0 when the egress mode sends
 * it there): every CIDR of the on-prem zones it may reach, and the CIDRs of the spokes in segments it
 * may talk to.
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
 * On-prem CIDRs a spoke's workload subnets refuse, inbound and outbound: the zones it may not reach,
 * wherever one could otherwise reach it or be reached from it (settings/intent.ts,
 * spokeRefusedZones, says when and why).
 */
export function spokeDeniedZones(settings: NetworkSettings, spoke: SpokeSettings): { inbound: NamedCidr[]; outbound: NamedCidr[] } {
  const named = (zones: { cidrs: string[] }[]) => zones.flatMap((z) => z.cidrs.map((cidr) => ({ name: `onprem-${cidrSlug(cidr)}`, cidr })));
  const refusals = spokeRefusedZones(settings, spoke);
  return { inbound: named(refusals.inbound), outbound: named(refusals.outbound) };
}

/** The spoke's ingress config, one rule per zone CIDR x port rule. */
export function spokeIngressRules(settings: NetworkSettings, spoke: SpokeSettings): SpokeIngressRule[] {
  return spoke.ingress.flatMap((rule) => {
    const zone = settings.onPrem.zones.find((z) => z.name === rule.fromZone);
    return (zone?.cidrs ?? []).flatMap((cidr) => rule.ports.map((p) => ({ ...p, name: `${cidrSlug(cidr)}-${portsSlug(p)}`, cidr })));
  });
}

/** Where the spoke attaches: the TGW id it sees, and whether it is in another account than the TGW. */
export interface SpokeVpcInputs {
  /** The hub's TGW id; for a spoke in another account, one that waits for the RAM share. */
  transitGatewayId: pulumi.Input<string>;
  crossAccount: boolean;
}

export function spokeVpcArgs(settings: NetworkSettings, spoke: SpokeSettings, inputs: SpokeVpcInputs): SpokeVpcArgs {
  const denied = spokeDeniedZones(settings, spoke);
  return {
    cidr: spoke.cidr,
    subnets: spoke.subnets,
    egress: spoke.egress,
    natGateways: spoke.natGateways,
    transitGatewayId: inputs.transitGatewayId,
    transitRoutes: spokeTransitRoutes(settings, spoke),
    denyInboundFrom: denied.inbound,
    denyOutboundTo: denied.outbound,
    ingress: spokeIngressRules(settings, spoke),
    crossAccount: inputs.crossAccount,
    protectAttachment: settings.protect,
    tags: { ...settings.tags, spoke: spoke.name, segment: spoke.segment },
    ...(spoke.existing ? { existing: existingVpcArgs(spoke.existing) } : {}),
  };
}

/** The adopted VPC as the component takes it: the settings' block without how its attachment subnets were chosen. */
function existingVpcArgs(existing: AdoptedVpcSettings): ExistingVpc {
  const { attachmentSubnetsFound: _found, ...args } = existing;
  return args;
}
