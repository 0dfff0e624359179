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
import { TransitGatewayShareAccepter } from "./components/transit-gateway-share-accepter";
import { SiteToSiteVpn } from "./components/vpn";
import { buildOperations } from "./operations";
import { createProviders } from "./providers";
import { readPresharedKeys } from "./settings/from-pulumi";
import type { NetworkSettings } from "./settings/types";
import {
  centralEgressVpcArgs,
  planSegmentation,
  segmentRoutingArgs,
  segmentRoutingName,
  shareAccepterArgs,
  shareAccepterName,
  shareAcceptingAccounts,
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
  // a TGW id that depends on the whole hub component (the share and its principal associations),
  // and, where the share arrives as an invitation, on that account's accepter.
  const afterHub = <T>(value: pulumi.Output<T>) => pulumi.all([value, hub.urn]).apply(([v]) => v);
  const sharedTransitGatewayId = afterHub(hub.transitGatewayId);
  const accepters: Record<string, TransitGatewayShareAccepter> = {};
  for (const account of shareAcceptingAccounts(settings)) {
    // The invitation exists once the principal association does: the share ARN waits for the hub.
    if (hub.resourceShareArn === undefined) throw new Error(`account ${account} accepts a share the hub does not make`);
    const provider = providers.byAccount[account];
    accepters[account] = new TransitGatewayShareAccepter(
      shareAccepterName(settings, account),
      shareAccepterArgs({ resourceShareArn: afterHub(hub.resourceShareArn) }),
      provider ? { providers: [provider] } : {},
    );
  }
  const spokes: Record<string, SpokeVpc> = {};
  for (const spoke of settings.spokes) {
    const provider = spoke.account !== undefined ? providers.byAccount[spoke.account] : providers.network;
    const crossAccount = provider !== providers.network;
    const accepter = spoke.account !== undefined ? accepters[spoke.account] : undefined;
    const transitGatewayId = !crossAccount
      ? hub.transitGatewayId
      : accepter
        ? pulumi.all([sharedTransitGatewayId, accepter.resourceShareArn]).apply(([id]) => id)
        : sharedTransitGatewayId;
    spokes[spoke.name] = new SpokeVpc(
      spoke.name,
      spokeVpcArgs(settings, spoke, { transitGatewayId, crossAccount }),
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

  // --- Operations: flow logs, dashboard, alarm subscriptions, blackhole-drop alarms. ---
  const operations = buildOperations(settings, providers, { hub, vpn, spokes, ...(centralEgress ? { centralEgress } : {}) });

  return { hub, vpn, spokes, centralEgress, segmentation, accepters, operations };
}
