/**
 * The route model's shape: the routing state the program registered, as plain data. Built by
 * `buildRouteModel` (model/index.ts) from a captured run.
 */
import type { NetworkSettings, SpokeSettings } from "../../../infra/settings/types";

export interface Tgw {
  id: string;
  name: string;
  ecmp: boolean;
}

export interface TgwTable {
  id: string;
  name: string;
}

export interface VpnInfo {
  /** VpnConnection resource id. */
  id: string;
  name: string;
  customerGatewayId: string;
  customerGatewayName: string;
  bgp: boolean;
  bandwidth: "standard" | "large";
  tunnelGbps: number;
}

export interface Attachment {
  id: string;
  /** Resource name: the VpcAttachment's or the VpnConnection's. */
  name: string;
  kind: "vpc" | "vpn";
  vpcId?: string;
  subnetIds: string[];
  applianceMode: boolean;
  vpn?: VpnInfo;
  /** The TGW route table the attachment is associated with (undefined: none). */
  associatedTable?: string;
  /** Prefixes the attachment propagates. */
  advertises: string[];
}

export interface TgwRoute {
  table: string;
  prefix: string;
  kind: "static" | "propagated";
  blackhole: boolean;
  /** Target attachment id (static non-blackhole, or the propagating attachment). */
  attachment?: string;
  /** Resource name that created the route (static route or propagation). */
  resource: string;
}

export type VpcTarget =
  | { kind: "local" }
  | { kind: "tgw"; id: string }
  | { kind: "nat"; id: string }
  | { kind: "igw"; id: string }
  | { kind: "other"; id: string };

export interface VpcRoute {
  table: string;
  prefix: string;
  target: VpcTarget;
  resource: string;
}

export interface VpcRouteTable {
  id: string;
  name: string;
  vpcId: string;
  routes: VpcRoute[];
}

export type VpcRole = { kind: "spoke"; spoke: SpokeSettings } | { kind: "egress" } | { kind: "other" };

export interface Vpc {
  id: string;
  name: string;
  cidr: string;
  mainRouteTableId: string;
  role: VpcRole;
}

export interface Subnet {
  id: string;
  name: string;
  vpcId: string;
  cidr: string;
  az: string;
  /** Explicitly associated route table, else the VPC's main route table. */
  routeTableId: string;
}

/** A network ACL rule for all protocols (the source for inbound, the destination for outbound); rules of one protocol are not modelled. */
export interface NetworkAclRule {
  ruleNo: number;
  allow: boolean;
  cidr: string;
}

/** A network ACL with its subnets and its all-protocol rules of each direction, in evaluation order. */
export interface NetworkAcl {
  id: string;
  name: string;
  subnetIds: string[];
  ingress: NetworkAclRule[];
  egress: NetworkAclRule[];
}

export interface NatGateway {
  id: string;
  name: string;
  subnetId?: string;
  vpcId: string;
  public: boolean;
}

export interface InternetGateway {
  id: string;
  name: string;
  vpcId?: string;
}

export interface CustomerGateway {
  id: string;
  name: string;
}

/** An inbound rule of a security group: an IPv4 source, a protocol (`-1`: all) and its ports. */
export interface SecurityGroupRule {
  cidr: string;
  protocol: string;
  fromPort?: number;
  toPort?: number;
}

/** A security group the program makes, with its inbound rules (stateful: replies need no rule). */
export interface SecurityGroup {
  id: string;
  name: string;
  vpcId: string;
  ingress: SecurityGroupRule[];
}

/** A flow log of a VPC or the TGW (`of`: its id), where it delivers and for how long. */
export interface FlowLog {
  name: string;
  of: string;
  /** `cloud-watch-logs` or `s3`. */
  destinationType: string;
  /** The log group's retention (CloudWatch Logs only; unset: kept forever). */
  retentionDays?: number;
}

/** Who an alarm topic notifies. */
export interface AlarmSubscription {
  name: string;
  /** The topic's resource name (its ARN when the topic is not the program's). */
  topic: string;
  protocol: string;
  endpoint: string;
}

export interface RouteModel {
  stack: string;
  tgw?: Tgw;
  tables: TgwTable[];
  attachments: Attachment[];
  tgwRoutes: TgwRoute[];
  vpcs: Vpc[];
  subnets: Subnet[];
  vpcTables: VpcRouteTable[];
  nats: NatGateway[];
  igws: InternetGateway[];
  networkAcls: NetworkAcl[];
  securityGroups: SecurityGroup[];
  flowLogs: FlowLog[];
  alarmSubscriptions: AlarmSubscription[];
  customerGateways: CustomerGateway[];
  settings: NetworkSettings;
  /** Things the model could not resolve (a reference to an unknown id, an unsupported target). */
  notes: string[];
}
