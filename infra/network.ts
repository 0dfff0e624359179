/**
 * The whole network from validated settings: hub, then VPN, then spokes, central egress and
 * segmentation. Every component's args are built from the settings by infra/wiring; this file only
 * chooses each component's provider (account), constructs the components in order and hands each
 * the ids of the ones before it.
 */
import * as pulumi from "@pulumi/pulumi";
import { CentralEgressVpc } from "./components/central-egress-vpc";
import { SegmentRouting } from "./components/segment-routing";
import { SpokeVpc } from "./components/spoke-vpc";
import { TransitGatewayHub } from "./components/transit-gateway-hub";
import { SiteToSiteVpn } from "./components/vpn";
import { createProviders } from "./providers";
import { readPresharedKeys } from "./settings/from-pulumi";
import type { NetworkSettings } from "./settings/types";
import {
  centralEgressVpcArgs,
  planSegmentation,
  segmentRoutingArgs,
  segmentRoutingName,
  siteToSiteVpnArgs,
  spokeVpcArgs,
  transitGatewayHubArgs,
} from "./wiring";
import type { AttachmentRef } from "./wiring";

export function buildNetwork(settings: NetworkSettings) {
  const providers = createProviders(settings);
  const networkOpts: pulumi.ComponentResourceOptions = providers.network ? { providers: [providers.network] } : {};

  // --- Hub: TGW, route tables (one per segment + on-prem), RAM share. ---
  const hub = new TransitGatewayHub(settings.hub.name, transitGatewayHubArgs(settings), networkOpts);

  // --- VPN: customer gateways, connections, keys, logs, alarms, VPN attachment routing. ---
  const vpn = new SiteToSiteVpn(
    "vpn",
    siteToSiteVpnArgs(settings, {
      transitGatewayId: hub.transitGatewayId,
      routeTableIds: hub.routeTableIds,
      presharedKeys: readPresharedKeys(settings),
    }),
    networkOpts,
  );

  // --- Spokes, segmentation and egress. ---
  // Each spoke's VPC, subnets and attachment in its own account (the network account when it names
  // none); associations, propagations and TGW routes in the network account.
  // A spoke in another account sees the TGW only once the RAM share reaches it: its attachment takes
  // a TGW id that depends on the whole hub component (the share and its principal associations).
  const sharedTransitGatewayId = pulumi.all([hub.transitGatewayId, hub.urn]).apply(([id]) => id);
  const spokes: Record<string, SpokeVpc> = {};
  for (const spoke of settings.spokes) {
    const provider = spoke.account !== undefined ? providers.byAccount[spoke.account] : providers.network;
    const crossAccount = provider !== providers.network;
    spokes[spoke.name] = new SpokeVpc(
      spoke.name,
      spokeVpcArgs(settings, spoke, { transitGatewayId: crossAccount ? sharedTransitGatewayId : hub.transitGatewayId, crossAccount }),
      provider ? { providers: [provider] } : {},
    );
  }
  const centralEgress = settings.centralEgress
    ? new CentralEgressVpc(
        settings.centralEgress.name,
        centralEgressVpcArgs(settings, settings.centralEgress, { transitGatewayId: hub.transitGatewayId }),
        networkOpts,
      )
    : undefined;
  const attachmentId = (ref: AttachmentRef): pulumi.Input<string> => {
    const id = { spoke: spokes[ref.name]?.attachmentId, egress: centralEgress?.attachmentId, vpn: vpn.attachmentIds[ref.name] }[ref.kind];
    if (id === undefined) throw new Error(`no ${ref.kind} attachment named ${ref.name}`);
    return id;
  };
  const segmentation: Record<string, SegmentRouting> = {};
  for (const table of planSegmentation(settings)) {
    segmentation[table.key] = new SegmentRouting(
      segmentRoutingName(settings, table),
      segmentRoutingArgs(settings, table, { transitGatewayId: hub.transitGatewayId, routeTableIds: hub.routeTableIds, attachmentId }),
      networkOpts,
    );
  }

  return { hub, vpn, spokes, centralEgress, segmentation };
}
