/**
 * The whole network from validated settings: hub, then VPN, then spokes and segmentation. Each step
 * is a component; this file only wires them together and chooses providers.
 */
import * as pulumi from "@pulumi/pulumi";
import { TransitGatewayHub } from "./components/hub";
import { createProviders } from "./providers";
import type { NetworkSettings } from "./settings/types";

export function buildNetwork(settings: NetworkSettings) {
  const providers = createProviders(settings);
  const networkOpts: pulumi.ComponentResourceOptions = providers.network ? { providers: [providers.network] } : {};

  // --- Hub: TGW, route tables (one per segment + on-prem), RAM share. ---
  const hub = new TransitGatewayHub(
    settings.hub.name,
    {
      description: settings.hub.description,
      amazonSideAsn: settings.hub.amazonSideAsn,
      ecmp: settings.hub.ecmp,
      dnsSupport: settings.hub.dnsSupport,
      segments: settings.segments.map((s) => s.name),
      sharePrincipals: settings.hub.sharePrincipals,
      allowExternalPrincipals: settings.hub.allowExternalPrincipals,
      protect: settings.protect,
      tags: settings.tags,
    },
    networkOpts,
  );

  // --- VPN: customer gateways, connections, keys, logs, alarms, VPN attachment routing. ---

  // --- Spokes, segmentation and egress. ---

  return { hub };
}
