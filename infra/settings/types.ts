/**
 * NetworkSettings: the validated, resolved configuration the wiring (infra/wiring) turns into
 * component args. Plain data only: no Pulumi types, no functions, so it can be printed, compared
 * and serialised. Secret values are never held here; a tunnel names the config key of its secret
 * instead. Choices and the shapes the components take as they are (tunnel options, subnet plans)
 * come from infra/vocabulary.
 */
import type { SpokeEgress } from "../vocabulary/egress";
import type { ShareScope } from "../vocabulary/hub";
import type { AlarmSubscriptionProtocol, FlowLogDestination, FlowLogTrafficType } from "../vocabulary/observability";
import type { ExistingVpc, IngressProtocol, NatGatewayPlacement, SubnetPlan } from "../vocabulary/vpc";
import type {
  LogOutputFormat,
  OutsideIpAddressType,
  PresharedKeyStorage,
  TunnelBandwidth,
  TunnelInsideIpVersion,
  VpnRouting,
  VpnTunnelOptions,
} from "../vocabulary/vpn";
import type { neverExpire } from "./defaults";
import type { PresharedKeySource } from "./schema";

export interface AccountSettings {
  name: string;
  accountId: string;
  roleArn?: string;
}

export interface HubSettings {
  name: string;
  description: string;
  amazonSideAsn: number;
  ecmp: boolean;
  dnsSupport: boolean;
  sharePrincipals: string[];
  allowExternalPrincipals: boolean;
  /** Whether the share reaches spoke accounts within the organization or as invitations they accept. */
  shareScope: ShareScope;
  /** Summary prefixes spokes route to the TGW instead of one route per peer block (empty: per block). */
  spokeSummaryCidrs: string[];
  /** Routes a VPC route table may hold (the account's quota). */
  vpcRouteTableQuota: number;
  /** Routes the transit gateway's route tables may hold together (the account's quota). */
  tgwRouteQuota: number;
}

export interface CustomerGatewaySettings {
  name: string;
  ipAddress: string;
  bgpAsn: number;
  deviceName?: string;
  certificateArn?: string;
}

/** Every IKE/IPsec option of a tunnel, resolved: defaults filled in. The VPN component takes it as it is. */
export type TunnelOptions = VpnTunnelOptions;

export interface TunnelSettings {
  /** The /30 inside CIDR: from config, or allocated from the connection's name. */
  insideCidr: string;
  /** True when the inside CIDR was allocated rather than configured. */
  insideCidrAllocated: boolean;
  /** AWS side: first host of the /30. */
  awsInsideAddress: string;
  /** Customer side: second host of the /30. */
  customerInsideAddress: string;
  insideIpv6Cidr?: string;
  presharedKey: TunnelKey;
}

/**
 * Where a tunnel's key comes from: a pre-shared key (generated, from config, or left to AWS), or
 * none, the tunnel authenticating with its customer gateway's certificate.
 */
export type TunnelKey = PresharedKeySource | { source: "certificate" };

export interface VpnConnectionSettings {
  name: string;
  customerGateway: string;
  routing: VpnRouting;
  /** Prefixes given static routes (static routing only). */
  staticRoutes: string[];
  /** Carries the static 0.0.0.0/0 of spokes whose internet leaves through on-prem (static routing without BGP). */
  staticDefaultRoute: boolean;
  acceleration: boolean;
  tunnelBandwidth: TunnelBandwidth;
  outsideIpAddressType: OutsideIpAddressType;
  transportTransitGatewayAttachmentId?: string;
  tunnelInsideIpVersion: TunnelInsideIpVersion;
  presharedKeyStorage: PresharedKeyStorage;
  tunnelOptions: TunnelOptions;
  tunnels: [TunnelSettings, TunnelSettings];
}

export interface CapacityPlan {
  /** Gbps on-prem asked for, if stated. */
  requiredGbps?: number;
  connections: number;
  tunnels: number;
  /** Per-tunnel bandwidth (Gbps) summed over every tunnel. */
  gbpsAllUp: number;
  /** The same with the largest single tunnel down. */
  gbpsOneTunnelDown: number;
  /** Connections needed to meet `requiredGbps` with one tunnel down, for the chosen bandwidth. */
  connectionsNeeded?: number;
}

/** An endpoint the alarm topic notifies. */
export interface AlarmSubscriptionSettings {
  name: string;
  protocol: AlarmSubscriptionProtocol;
  endpoint: string;
}

export interface VpnSettings {
  /** Retention in days, or `never` (the logs never expire). */
  logging: { enabled: boolean; retentionDays: number | typeof neverExpire; format: LogOutputFormat };
  alarms: {
    enabled: boolean;
    snsTopicArn?: string;
    createTopic: boolean;
    evaluationPeriods: number;
    /** Subscriptions of the created topic. */
    subscriptions: AlarmSubscriptionSettings[];
  };
  capacity: CapacityPlan;
}

export interface ZoneSettings {
  name: string;
  description?: string;
  cidrs: string[];
}

export interface OnPremSettings {
  zones: ZoneSettings[];
  /** Zones the customer gateways announce over BGP. */
  advertisedZones: string[];
  /** Whether on-prem announces 0.0.0.0/0 (egress through on-prem). */
  advertisesDefaultRoute: boolean;
}

export interface SegmentSettings {
  name: string;
  description?: string;
  reachableSegments: string[];
}

export interface PortRule {
  protocol: IngressProtocol;
  fromPort: number;
  toPort: number;
  description?: string;
}

export interface SpokeSettings {
  name: string;
  segment: string;
  /** Account name; undefined means the network account. */
  account?: string;
  cidr: string;
  availabilityZones: string[];
  onPremZones: string[];
  egress: SpokeEgress;
  natGateways: NatGatewayPlacement;
  ingress: { fromZone: string; ports: PortRule[] }[];
  /** The subnet layout of a VPC the program builds; empty for an adopted VPC (its subnets are in `existing`). */
  subnets: SubnetPlan[];
  /** The existing VPC the spoke adopts (Pulumi import); absent when the program builds the VPC. */
  existing?: AdoptedVpcSettings;
}

/** An adopted VPC as the spoke's component takes it, with how its attachment subnets were chosen. */
export interface AdoptedVpcSettings extends ExistingVpc {
  /** True when the attachment /28s were found in the VPC's free space rather than configured: pin them once deployed. */
  attachmentSubnetsFound: boolean;
}

export interface CentralEgressSettings {
  name: string;
  cidr: string;
  availabilityZones: string[];
  subnets: SubnetPlan[];
}

/** Flow logs of every VPC and of the Transit Gateway. */
export interface FlowLogSettings {
  enabled: boolean;
  transitGateway: boolean;
  destination: FlowLogDestination;
  /** Retention in days, or `never`. */
  retentionDays: number | typeof neverExpire;
  kmsKeyArn?: string;
  s3BucketArn?: string;
  trafficType: FlowLogTrafficType;
  maxAggregationIntervalSeconds: number;
}

/** The dashboard and the blackhole-drop alarms. */
export interface MonitoringSettings {
  /** The dashboard's name, resolved (the configured one, or `<project>-<stack>` made valid). */
  dashboard: { enabled: boolean; name: string };
  blackholeAlarms: { enabled: boolean; periodSeconds: number; evaluationPeriods: number };
}

export interface NetworkSettings {
  project: string;
  stack: string;
  region: string;
  networkAccount?: string;
  accounts: AccountSettings[];
  hub: HubSettings;
  customerGateways: CustomerGatewaySettings[];
  vpn: VpnSettings;
  vpnConnections: VpnConnectionSettings[];
  onPrem: OnPremSettings;
  segments: SegmentSettings[];
  spokes: SpokeSettings[];
  centralEgress?: CentralEgressSettings;
  flowLogs: FlowLogSettings;
  monitoring: MonitoringSettings;
  protect: boolean;
  tags: Record<string, string>;
  /** Set on an example state: the deployed stack whose network it shows. Never deployed itself. */
  exampleOf?: string;
}
