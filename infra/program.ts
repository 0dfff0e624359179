/**
 * The program: stack config -> validated settings -> components (network.ts, args through
 * infra/wiring) -> stack outputs. infra/index.ts (the entry Pulumi runs) exports what it returns;
 * the offline runs (plan/runtime/run.ts) call it under the recording mocks, once per captured run.
 * Invalid config throws before any resource is registered, listing every error.
 */
import * as pulumi from "@pulumi/pulumi";
import { buildNetwork } from "./network";
import { readSettings } from "./settings/from-pulumi";
import type { NetworkSettings } from "./settings/types";

/**
 * An example state (`exampleOf`) is never deployed: its hub would be a second one for the same
 * on-prem router as the deployed stack's, with the same customer gateway and inside CIDRs. A preview
 * (and the offline plan, which runs as one) is harmless; `pulumi up` is refused before anything is
 * registered.
 */
function refuseExampleDeploy(settings: NetworkSettings): void {
  if (settings.exampleOf === undefined || pulumi.runtime.isDryRun()) return;
  throw new Error(
    `Pulumi.${settings.stack}.yaml is an example state of stack ${settings.exampleOf} (exampleOf): it is planned, never deployed. ` +
      `Deploying it would build a second hub for the same on-prem router; deploy ${settings.exampleOf} instead (docs/ci.md).`,
  );
}

/** Builds the network of the current stack's config and returns its stack outputs. */
export function program() {
  const settings = readSettings();
  refuseExampleDeploy(settings);
  const network = buildNetwork(settings);
  return {
    transitGatewayId: network.hub.transitGatewayId,
    transitGatewayArn: network.hub.transitGatewayArn,
    routeTableIds: network.hub.routeTableIds,

    // --- VPN ---
    customerGatewayIds: network.vpn.customerGatewayIds,
    vpnConnectionIds: network.vpn.connectionIds,
    /** Connection name -> TGW attachment id of the VPN. */
    vpnAttachmentIds: network.vpn.attachmentIds,
    /** Per connection: ids, both tunnels' outside IPs, inside CIDRs and addresses, ASNs. No key. */
    vpnConnections: network.vpn.summaries,
    /** AWS's device configuration per connection (keys included): secret. */
    vpnCustomerGatewayConfigurations: network.vpn.customerGatewayConfigurations,
    /** Both tunnels' pre-shared keys per connection: secret. */
    vpnPresharedKeys: network.vpn.presharedKeys,
    /** The SNS topic of the TunnelState alarms; null without one (Pulumi warns of an undefined stack output). */
    vpnAlarmTopicArn: network.vpn.alarmTopicArn ?? null,
    /** ECMP sizing: connections, tunnels, Gbps all up and with one tunnel down, connections needed. */
    vpnCapacity: settings.vpn.capacity,

    // --- Spokes, segmentation and egress ---
    /** Per spoke: VPC, TGW attachment, subnets by availability zone, NAT gateways, ingress security group. */
    spokes: Object.fromEntries(
      Object.entries(network.spokes).map(([name, s]) => [
        name,
        {
          vpcId: s.vpcId,
          attachmentId: s.attachmentId,
          privateSubnetIds: s.privateSubnetIds,
          transitSubnetIds: s.transitSubnetIds,
          publicSubnetIds: s.publicSubnetIds,
          natGatewayIds: s.natGatewayIds,
          securityGroupId: s.securityGroupId,
          networkAclId: s.networkAclId,
        },
      ]),
    ),
    /** The central egress VPC; null when not configured. */
    centralEgress: network.centralEgress
      ? {
          vpcId: network.centralEgress.vpcId,
          attachmentId: network.centralEgress.attachmentId,
          publicSubnetIds: network.centralEgress.publicSubnetIds,
          transitSubnetIds: network.centralEgress.transitSubnetIds,
          natGatewayIds: network.centralEgress.natGatewayIds,
          /** The TGW route table the egress attachment is associated with. */
          routeTableId: network.segmentation[settings.centralEgress?.name ?? ""]?.routeTableId,
        }
      : null,

    // --- Operations ---
    /**
     * Where each flow log writes (VPC name -> log group or bucket ARN; the Transit Gateway's apart), the
     * dashboard's name, the alarm topic's subscriptions, and the RAM invitations accepted per account.
     */
    operations: {
      flowLogs: {
        vpcs: Object.fromEntries(Object.entries(network.operations.vpcFlowLogs).map(([name, f]) => [name, f.destinationArn])),
        transitGateway: network.operations.transitGatewayFlowLogs?.destinationArn ?? null,
      },
      dashboardName: network.operations.dashboard?.dashboardName ?? null,
      alarmSubscriptions: network.operations.subscriptions?.subscriptionArns ?? {},
      shareAccepters: Object.fromEntries(Object.entries(network.accepters).map(([account, a]) => [account, a.status])),
    },
  };
}
