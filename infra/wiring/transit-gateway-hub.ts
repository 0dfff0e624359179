/** Settings -> TransitGatewayHub args: the TGW's options, one route table per segment, the RAM share. */
import type { NetworkSettings } from "../settings/types";
import type { TransitGatewayHubArgs } from "../components/transit-gateway-hub";

export function transitGatewayHubArgs(settings: NetworkSettings): TransitGatewayHubArgs {
  return {
    description: settings.hub.description,
    amazonSideAsn: settings.hub.amazonSideAsn,
    ecmp: settings.hub.ecmp,
    dnsSupport: settings.hub.dnsSupport,
    segments: settings.segments.map((s) => s.name),
    sharePrincipals: settings.hub.sharePrincipals,
    allowExternalPrincipals: settings.hub.allowExternalPrincipals,
    protect: settings.protect,
    tags: settings.tags,
  };
}
