/** Settings -> CentralEgressVpc args: its subnets and the internal ranges its public subnets send back to the TGW. */
import type * as pulumi from "@pulumi/pulumi";
import { aggregate, cidrSlug } from "../lib/cidr";
import type { CentralEgressSettings, NetworkSettings } from "../settings/types";
import type { CentralEgressVpcArgs } from "../components/central-egress-vpc";
import type { NamedCidr } from "../components/spoke-vpc";

/** Every spoke CIDR and every on-prem zone CIDR: internal ranges that go back to the TGW, never to the NAT. */
export function egressReturnRoutes(settings: NetworkSettings): NamedCidr[] {
  // Spoke ranges as the configured summaries, or as aggregated blocks: a route per block, named by
  // its CIDR, so the public route table stays within its quota and a spoke rename moves nothing.
  const spokeBlocks =
    settings.hub.spokeSummaryCidrs.length > 0 ? settings.hub.spokeSummaryCidrs : aggregate(settings.spokes.map((s) => s.cidr));
  return [
    ...spokeBlocks.map((cidr) => ({ name: `spokes-${cidrSlug(cidr)}`, cidr })),
    ...settings.onPrem.zones.flatMap((z) => z.cidrs.map((cidr) => ({ name: `onprem-${cidrSlug(cidr)}`, cidr }))),
  ];
}

export function centralEgressVpcArgs(
  settings: NetworkSettings,
  egress: CentralEgressSettings,
  inputs: { transitGatewayId: pulumi.Input<string> },
): CentralEgressVpcArgs {
  return {
    cidr: egress.cidr,
    subnets: egress.subnets,
    transitGatewayId: inputs.transitGatewayId,
    returnRoutes: egressReturnRoutes(settings),
    protectAttachment: settings.protect,
    tags: settings.tags,
  };
}
