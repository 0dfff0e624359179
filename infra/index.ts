/**
 * Entry point: stack config -> validated settings -> components (network.ts, args through
 * infra/wiring) -> stack outputs.
 * Invalid config throws before any resource is registered, listing every error.
 */
import { buildNetwork } from "./network";
import { readSettings } from "./settings/from-pulumi";

const settings = readSettings();
const network = buildNetwork(settings);

export const transitGatewayId = network.hub.transitGatewayId;
export const transitGatewayArn = network.hub.transitGatewayArn;
export const routeTableIds = network.hub.routeTableIds;

// --- VPN ---
export const customerGatewayIds = network.vpn.customerGatewayIds;
export const vpnConnectionIds = network.vpn.connectionIds;
/** Connection name -> TGW attachment id of the VPN. */
export const vpnAttachmentIds = network.vpn.attachmentIds;
/** Per connection: ids, both tunnels' outside IPs, inside CIDRs and addresses, ASNs. No key. */
export const vpnConnections = network.vpn.summaries;
/** AWS's device configuration per connection (keys included): secret. */
export const vpnCustomerGatewayConfigurations = network.vpn.customerGatewayConfigurations;
/** Both tunnels' pre-shared keys per connection: secret. */
export const vpnPresharedKeys = network.vpn.presharedKeys;
export const vpnAlarmTopicArn = network.vpn.alarmTopicArn;
/** ECMP sizing: connections, tunnels, Gbps all up and with one tunnel down, connections needed. */
export const vpnCapacity = settings.vpn.capacity;

// --- Spokes, segmentation and egress ---
/** Per spoke: VPC, TGW attachment, subnets by availability zone, NAT gateways, ingress security group. */
export const spokes = Object.fromEntries(
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
);
/** The central egress VPC; null when not configured. */
export const centralEgress = network.centralEgress
  ? {
      vpcId: network.centralEgress.vpcId,
      attachmentId: network.centralEgress.attachmentId,
      publicSubnetIds: network.centralEgress.publicSubnetIds,
      transitSubnetIds: network.centralEgress.transitSubnetIds,
      natGatewayIds: network.centralEgress.natGatewayIds,
      /** The TGW route table the egress attachment is associated with. */
      routeTableId: network.segmentation[settings.centralEgress?.name ?? ""]?.routeTableId,
    }
  : null;

// --- Operations ---
/**
 * Where each flow log writes (VPC name -> log group or bucket ARN; the Transit Gateway's apart), the
 * dashboard's name, the alarm topic's subscriptions, and the RAM invitations accepted per account.
 */
export const operations = {
  flowLogs: {
    vpcs: Object.fromEntries(Object.entries(network.operations.vpcFlowLogs).map(([name, f]) => [name, f.destinationArn])),
    transitGateway: network.operations.transitGatewayFlowLogs?.destinationArn ?? null,
  },
  dashboardName: network.operations.dashboard?.dashboardName ?? null,
  alarmSubscriptions: network.operations.subscriptions?.subscriptionArns ?? {},
  shareAccepters: Object.fromEntries(Object.entries(network.accepters).map(([account, a]) => [account, a.status])),
};
