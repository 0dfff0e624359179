/**
 * Settings -> SiteToSiteVpn args: the customer gateways, each connection's choices and pinned
 * tunnels, its static routes per segment, and the stack-wide logs and alarms, plus the hub's route
 * tables and the pre-shared keys read from config.
 */
import type * as pulumi from "@pulumi/pulumi";
import { unhandled } from "../lib/exhaustive";
import { neverExpire } from "../settings/defaults";
import { segmentOnPremZones, zoneCidrs } from "../settings/intent";
import type { NetworkSettings, TunnelSettings } from "../settings/types";
import { onPremTableKey } from "../vocabulary/hub";
import type { SiteToSiteVpnArgs, VpnTunnel } from "../components/vpn";

/** Hub ids and config secrets the VPN needs besides settings. */
export interface VpnInputs {
  transitGatewayId: pulumi.Input<string>;
  /** The hub's route tables by key: the on-prem table (`onPremTableKey`) and one per segment. */
  routeTableIds: Record<string, pulumi.Input<string>>;
  /** Config key -> secret value, for tunnels whose key comes from config. */
  presharedKeys: Record<string, pulumi.Input<string>>;
}

/** Builds the component's args from settings: plain data, plus the hub's ids and config secrets. */
export function siteToSiteVpnArgs(settings: NetworkSettings, inputs: VpnInputs): SiteToSiteVpnArgs {
  const routeTableId = (key: string): pulumi.Input<string> => {
    const id = inputs.routeTableIds[key];
    if (id === undefined) throw new Error(`the hub has no ${key} route table`);
    return id;
  };
  const onPremRouteTableId = routeTableId(onPremTableKey);
  const segmentRouteTableIds = Object.fromEntries(settings.segments.map((s) => [s.name, routeTableId(s.name)]));
  const zonesBySegment = segmentOnPremZones(settings);
  return {
    transitGatewayId: inputs.transitGatewayId,
    onPremRouteTableId,
    segmentRouteTableIds,
    customerGateways: settings.customerGateways.map((g) => ({ ...g })),
    connections: settings.vpnConnections.map((c) => ({
      name: c.name,
      customerGateway: c.customerGateway,
      routing: c.routing,
      acceleration: c.acceleration,
      tunnelBandwidth: c.tunnelBandwidth,
      outsideIpAddressType: c.outsideIpAddressType,
      ...(c.transportTransitGatewayAttachmentId !== undefined
        ? { transportTransitGatewayAttachmentId: c.transportTransitGatewayAttachmentId }
        : {}),
      tunnelInsideIpVersion: c.tunnelInsideIpVersion,
      presharedKeyStorage: c.presharedKeyStorage,
      tunnelOptions: c.tunnelOptions,
      tunnel1: tunnelArgs(c.tunnels[0], inputs),
      tunnel2: tunnelArgs(c.tunnels[1], inputs),
      // Static VPN: a segment gets a route for each of the connection's prefixes that it may reach.
      staticRoutes:
        c.routing === "static"
          ? Object.fromEntries(
              settings.segments.map((s) => [
                s.name,
                zoneCidrs(settings, zonesBySegment[s.name] ?? []).filter((cidr) => c.staticRoutes.includes(cidr)),
              ]),
            )
          : {},
    })),
    // Under /aws/vendedlogs/: CloudWatch Logs then needs no per-group entry in its account-wide
    // resource policy, whose size limit a growing number of tunnel log groups would otherwise reach.
    logging: {
      ...settings.vpn.logging,
      // The provider's 0: no retention policy, the events never expire.
      retentionDays: settings.vpn.logging.retentionDays === neverExpire ? 0 : settings.vpn.logging.retentionDays,
      groupNamePrefix: `/aws/vendedlogs/${settings.project}/${settings.stack}/vpn`,
    },
    alarms: {
      enabled: settings.vpn.alarms.enabled,
      evaluationPeriods: settings.vpn.alarms.evaluationPeriods,
      createTopic: settings.vpn.alarms.createTopic,
      ...(settings.vpn.alarms.snsTopicArn !== undefined ? { topicArn: settings.vpn.alarms.snsTopicArn } : {}),
    },
    protect: settings.protect,
    tags: settings.tags,
  };
}

/**
 * A tunnel's pinned inside CIDRs and where its key comes from: a key from config is passed as the
 * secret it was read as; a certificate gateway's tunnel gets none.
 */
function tunnelArgs(t: TunnelSettings, inputs: VpnInputs): VpnTunnel {
  const common = { insideCidr: t.insideCidr, ...(t.insideIpv6Cidr !== undefined ? { insideIpv6Cidr: t.insideIpv6Cidr } : {}) };
  switch (t.presharedKey.source) {
    case "generated":
      return { ...common, presharedKeySource: "generated" };
    case "aws":
      return { ...common, presharedKeySource: "aws" };
    case "certificate":
      return { ...common, presharedKeySource: "certificate" };
    case "config": {
      const key = inputs.presharedKeys[t.presharedKey.configKey];
      if (key === undefined) throw new Error(`pre-shared key config ${t.presharedKey.configKey} was not read`);
      return { ...common, presharedKeySource: "provided", presharedKey: key };
    }
    default:
      return unhandled(t.presharedKey, "tunnel key source");
  }
}
