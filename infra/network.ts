/**
 * The whole network from validated settings: hub, then VPN, then spokes and segmentation. Each step
 * is a component; this file only wires them together and chooses providers.
 */
import * as pulumi from "@pulumi/pulumi";
import { TransitGatewayHub } from "./components/transit-gateway-hub";
import { CentralEgressVpc, egressReturnRoutes } from "./components/central-egress-vpc";
import { planSegmentation, SegmentRouting } from "./components/segment-routing";
import type { AttachmentRef } from "./components/segment-routing";
import { SpokeVpc, spokeDeniedZones, spokeIngressRules, spokeTransitRoutes } from "./components/spoke-vpc";
import { SiteToSiteVpn, siteToSiteVpnArgs } from "./components/vpn";
import { createProviders } from "./providers";
import { readPresharedKeys } from "./settings/from-pulumi";
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
      {
        cidr: spoke.cidr,
        subnets: spoke.subnets,
        egress: spoke.egress,
        natGateways: spoke.natGateways,
        transitGatewayId: crossAccount ? sharedTransitGatewayId : hub.transitGatewayId,
        transitRoutes: spokeTransitRoutes(settings, spoke),
        denyInboundFrom: spokeDeniedZones(settings, spoke),
        ingress: spokeIngressRules(settings, spoke),
        crossAccount,
        protectAttachment: settings.protect,
        tags: { ...settings.tags, spoke: spoke.name, segment: spoke.segment },
      },
      provider ? { providers: [provider] } : {},
    );
  }
  const centralEgress = settings.centralEgress
    ? new CentralEgressVpc(
        settings.centralEgress.name,
        {
          cidr: settings.centralEgress.cidr,
          subnets: settings.centralEgress.subnets,
          transitGatewayId: hub.transitGatewayId,
          returnRoutes: egressReturnRoutes(settings),
          protectAttachment: settings.protect,
          tags: settings.tags,
        },
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
    const tableName = table.kind === "egress" ? `${settings.hub.name}-${table.key}-vpc` : `${settings.hub.name}-${table.key}`;
    segmentation[table.key] = new SegmentRouting(
      tableName,
      {
        table: table.key,
        ...(table.kind === "egress" ? { transitGatewayId: hub.transitGatewayId } : { routeTableId: hub.routeTableIds[table.key] }),
        associations: table.associations.map((a) => ({ name: a.name, attachmentId: attachmentId(a) })),
        propagations: table.propagations.map((a) => ({ name: a.name, attachmentId: attachmentId(a) })),
        routes: table.routes.map((r) => ({
          name: r.name,
          destinationCidrBlock: r.destinationCidrBlock,
          blackhole: r.target === "blackhole",
          ...(r.target === "blackhole" ? {} : { attachmentId: attachmentId(r.target) }),
        })),
        tags: settings.tags,
      },
      networkOpts,
    );
  }

  return { hub, vpn, spokes, centralEgress, segmentation };
}
