/**
 * The network's operations, built after the network (network.ts): a flow log per VPC the program
 * manages (every spoke, the central egress VPC) in the VPC's own account, the Transit Gateway's
 * flow log, the dashboard, the alarm topic's subscriptions and the blackhole-drop alarms (in the
 * network account, where the hub's and the VPN's metrics are published). Args come from
 * infra/wiring; the VPC ids are the VPC components' `vpcId` outputs, however each VPC came to be.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CentralEgressVpc } from "./components/central-egress-vpc";
import { AlarmSubscriptions, BlackholeDropAlarms, FlowLogs, NetworkDashboard } from "./components/observability";
import type { SpokeVpc } from "./components/spoke-vpc";
import type { TransitGatewayHub } from "./components/transit-gateway-hub";
import type { SiteToSiteVpn } from "./components/vpn";
import type { AccountProviders } from "./providers";
import type { NetworkSettings } from "./settings/types";
import { FlowLogTarget } from "./vocabulary/observability";
import {
  alarmSubscriptionsArgs,
  blackholeDropAlarmsArgs,
  flowLogsArgs,
  flowLogsName,
  flowLogVpcs,
  networkDashboardArgs,
  transitGatewayFlowLog,
} from "./wiring";

/** The network components operations read their ids from. */
export interface BuiltNetwork {
  hub: TransitGatewayHub;
  vpn: SiteToSiteVpn;
  spokes: Record<string, SpokeVpc>;
  centralEgress?: CentralEgressVpc;
}

export interface Operations {
  /** VPC name (spoke or egress VPC) -> its flow logs. */
  vpcFlowLogs: Record<string, FlowLogs>;
  /** The Transit Gateway's flow logs. */
  transitGatewayFlowLogs?: FlowLogs;
  dashboard?: NetworkDashboard;
  subscriptions?: AlarmSubscriptions;
  blackholeAlarms?: BlackholeDropAlarms;
}

export function buildOperations(settings: NetworkSettings, providers: AccountProviders, network: BuiltNetwork): Operations {
  const networkOpts: pulumi.ComponentResourceOptions = providers.network ? { providers: [providers.network] } : {};
  const spokeAccount = new Map(settings.spokes.map((s) => [s.name, s.account]));
  const vpcIds: Record<string, pulumi.Input<string>> = Object.fromEntries(
    Object.entries(network.spokes).map(([name, s]) => [name, s.vpcId]),
  );
  const vpcAttachmentIds: Record<string, pulumi.Input<string>> = Object.fromEntries(
    Object.entries(network.spokes).map(([name, s]) => [name, s.attachmentId]),
  );
  if (network.centralEgress && settings.centralEgress) {
    vpcIds[settings.centralEgress.name] = network.centralEgress.vpcId;
    vpcAttachmentIds[settings.centralEgress.name] = network.centralEgress.attachmentId;
  }

  // Each VPC's flow log in the VPC's account: a spoke's through its account's provider.
  const vpcFlowLogs: Record<string, FlowLogs> = {};
  for (const vpc of flowLogVpcs(settings)) {
    const vpcId = vpcIds[vpc];
    if (vpcId === undefined) throw new Error(`no VPC named ${vpc}`);
    const account = spokeAccount.get(vpc);
    const provider = account !== undefined ? providers.byAccount[account] : providers.network;
    vpcFlowLogs[vpc] = new FlowLogs(
      flowLogsName(FlowLogTarget.Vpc, vpc),
      flowLogsArgs(settings, FlowLogTarget.Vpc, vpc, vpcId),
      provider ? { providers: [provider] } : {},
    );
  }
  const hub = settings.hub.name;
  const transitGatewayFlowLogs = transitGatewayFlowLog(settings)
    ? new FlowLogs(
        flowLogsName(FlowLogTarget.TransitGateway, hub),
        flowLogsArgs(settings, FlowLogTarget.TransitGateway, hub, network.hub.transitGatewayId),
        networkOpts,
      )
    : undefined;

  const vpn = network.vpn;
  const dashboard = settings.monitoring.dashboard.enabled
    ? new NetworkDashboard(
        "network-dashboard",
        networkDashboardArgs(settings, {
          transitGatewayId: network.hub.transitGatewayId,
          vpnConnectionIds: vpn.connectionIds,
          tunnelAddresses: Object.fromEntries(
            Object.entries(vpn.summaries).map(([name, s]) => [name, s.tunnels.map((t) => t.outsideAddress)]),
          ),
          vpcAttachmentIds,
          vpnAttachmentIds: vpn.attachmentIds,
        }),
        networkOpts,
      )
    : undefined;

  const subscriptionArgs = alarmSubscriptionsArgs(settings, vpn.alarmTopicArn);
  const subscriptions = subscriptionArgs ? new AlarmSubscriptions("alarm-subscriptions", subscriptionArgs, networkOpts) : undefined;

  const blackholeArgs = blackholeDropAlarmsArgs(settings, {
    transitGatewayId: network.hub.transitGatewayId,
    spokeAttachmentIds: Object.fromEntries(Object.entries(network.spokes).map(([name, s]) => [name, s.attachmentId])),
    ...(vpn.alarmTopicArn !== undefined ? { topicArn: vpn.alarmTopicArn } : {}),
  });
  const blackholeAlarms = blackholeArgs ? new BlackholeDropAlarms("blackhole-alarms", blackholeArgs, networkOpts) : undefined;

  return {
    vpcFlowLogs,
    ...(transitGatewayFlowLogs ? { transitGatewayFlowLogs } : {}),
    ...(dashboard ? { dashboard } : {}),
    ...(subscriptions ? { subscriptions } : {}),
    ...(blackholeAlarms ? { blackholeAlarms } : {}),
  };
}
