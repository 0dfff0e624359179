/**
 * The program: stack config -> validated settings -> components (network.ts, args through
 * infra/wiring) -> stack outputs. infra/index.ts (the entry Pulumi runs) exports what it returns;
 * the offline runs (plan/runtime/run.ts) call it under the recording mocks, once per captured run.
 * Invalid config throws before any resource is registered, listing every error.
 */
import { buildNetwork } from "./network";
import { readSettings } from "./settings/from-pulumi";

/** Builds the network of the current stack's config and returns its stack outputs. */
export function program() {
  const settings = readSettings();
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
  };
}
