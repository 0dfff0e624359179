/**
 * The VPN module's face. SiteToSiteVpn: the customer gateways (on-prem routers), one
 * SiteToSiteConnection per configured VPN connection on the hub's Transit Gateway
 * (site-to-site-connection.ts), and the SNS topic the tunnel alarms notify.
 *
 * Resource names come from config names (`cgw-primary`, `vpn-1`, `vpn-1-tunnel1-logs`), never
 * from list positions, so adding or removing a gateway or connection leaves the others alone.
 * The args come from the stack config through infra/wiring/site-to-site-vpn.ts.
 */
import * as pulumi from "@pulumi/pulumi";
// Aliased: `CustomerGateway` is the args type of an on-prem router below, the name C# consumers see.
import { CustomerGateway as Ec2CustomerGateway } from "@pulumi/aws/ec2";
import { Topic } from "@pulumi/aws/sns";
import type { VpnRouting } from "../../vocabulary/vpn";
import { checkAcceleratedBandwidth, SiteToSiteConnection, TunnelKeySource } from "./site-to-site-connection";
import type { TunnelSummary, VpnConnectionOptions, VpnLogging } from "./site-to-site-connection";
import { componentTypes } from "../tokens";

export {
  DpdTimeoutAction,
  LogOutputFormat,
  OutsideIpAddressType,
  PresharedKeyStorage,
  StartupAction,
  TunnelBandwidth,
  TunnelInsideIpVersion,
  VpnRouting,
} from "../../vocabulary/vpn";
export type { VpnTunnelOptions } from "../../vocabulary/vpn";
export { TunnelKeySource } from "./site-to-site-connection";
export type { VpnConnectionOptions, VpnLogging, VpnTunnel } from "./site-to-site-connection";

/** Largest ASN the provider's `bgpAsn` takes; above it the value goes to `bgpAsnExtended`. */
export const maxTwoByteFieldAsn = 2147483647;

/** An on-prem router. */
export interface CustomerGateway {
  /** Config name; the resource's name. */
  name: string;
  /** The router's outside IPv4 address. */
  ipAddress: string;
  /** BGP ASN, 1 to 4,294,967,295 (above 2,147,483,647 it is sent as bgpAsnExtended). */
  bgpAsn: number;
  /** Distinguishes gateways that share IP and ASN. */
  deviceName?: string;
  /**
   * ACM certificate ARN (a private certificate from AWS Private CA) for certificate-based
   * authentication: the connections to this gateway take `presharedKeySource: certificate`.
   */
  certificateArn?: string;
}

/** A VPN connection as SiteToSiteVpn takes it. */
export interface VpnConnectionItem extends VpnConnectionOptions {
  /** Config name; the connection's resource names derive from it. */
  name: string;
  /** Name of a gateway in `customerGateways`. */
  customerGateway: string;
}

/** Stack-wide TunnelState alarm settings. */
export interface VpnAlarmSettings {
  /** Create the per-tunnel and per-connection alarms. */
  enabled: boolean;
  /** 5-minute periods the condition must hold before an alarm fires. */
  evaluationPeriods: number;
  /** Existing SNS topic to notify. Takes precedence over `createTopic`. */
  topicArn?: string;
  /** Without `topicArn`: create a topic `<name>-alarms` and notify it. */
  createTopic: boolean;
}

export interface SiteToSiteVpnArgs {
  /** The hub's Transit Gateway. */
  transitGatewayId: pulumi.Input<string>;
  /** The hub's on-prem route table: every VPN attachment associates with it. */
  onPremRouteTableId: pulumi.Input<string>;
  /** Segment name -> the hub's route table; every VPN attachment propagates into each. */
  segmentRouteTableIds: Record<string, pulumi.Input<string>>;
  /** On-prem routers. */
  customerGateways: CustomerGateway[];
  /** VPN connections, two tunnels each. */
  connections: VpnConnectionItem[];
  /** Tunnel logs for every connection. */
  logging: VpnLogging;
  /** TunnelState alarms for every connection. */
  alarms: VpnAlarmSettings;
  /** Protect customer gateways and VPN connections from deletion (production). */
  protect: boolean;
  /** Tags for every resource. */
  tags: Record<string, string>;
}

/** What the network team needs of one connection to configure the device; no secret inside. */
export interface ConnectionSummary {
  /** The VPN connection id. */
  vpnConnectionId: pulumi.Output<string>;
  /** The connection's Transit Gateway attachment id. */
  transitGatewayAttachmentId: pulumi.Output<string>;
  /** Config name of the customer gateway. */
  customerGateway: string;
  /** Id of the customer gateway. */
  customerGatewayId: pulumi.Output<string>;
  /** The device's BGP ASN. */
  customerBgpAsn: number;
  /** `bgp` or `static`. */
  routing: VpnRouting;
  /** The Secrets Manager secret of the keys; only with presharedKeyStorage SecretsManager. */
  presharedKeyArn?: pulumi.Output<string>;
  /** Tunnel 1, then tunnel 2. */
  tunnels: TunnelSummary[];
}

/**
 * Connection args AWS or the provider would refuse, checked before anything is registered: large
 * tunnels with acceleration; a key source that does not match the gateway (a tunnel authenticates
 * with a pre-shared key or with its customer gateway's certificate, never both: S2S VPN User Guide,
 * "Site-to-Site VPN tunnel authentication options"), so `certificate` on, and only on, a gateway
 * with a certificate ARN.
 */
function checkConnections(args: SiteToSiteVpnArgs): void {
  for (const c of args.connections) {
    checkAcceleratedBandwidth(c.name, c);
    const gateway = args.customerGateways.find((g) => g.name === c.customerGateway);
    if (!gateway) throw new Error(`VPN connection ${c.name}: unknown customer gateway ${c.customerGateway}`);
    for (const [n, t] of [c.tunnel1, c.tunnel2].entries()) {
      const certificate = t.presharedKeySource === TunnelKeySource.Certificate;
      if (certificate === (gateway.certificateArn !== undefined)) continue;
      throw new Error(
        certificate
          ? `VPN connection ${c.name} tunnel ${n + 1}: presharedKeySource "certificate", but customer gateway ${gateway.name} has no certificateArn`
          : `VPN connection ${c.name} tunnel ${n + 1}: presharedKeySource "${t.presharedKeySource}", but customer gateway ${gateway.name} authenticates with its certificate (use "certificate")`,
      );
    }
  }
}

/**
 * Site-to-Site VPN to on-prem over the hub's Transit Gateway: customer gateways, VPN connections
 * with two pinned tunnels each, pre-shared keys, tunnel logs, TunnelState alarms, and each VPN
 * attachment's association and propagations.
 */
export class SiteToSiteVpn extends pulumi.ComponentResource {
  /** Customer gateway name -> id. */
  readonly customerGatewayIds: Record<string, pulumi.Output<string>>;
  /** Connection name -> the connection's Transit Gateway attachment id. */
  readonly attachmentIds: Record<string, pulumi.Output<string>>;
  /** Connection name -> VPN connection id. */
  readonly connectionIds: Record<string, pulumi.Output<string>>;
  /** Connection name -> ids, addresses and ASNs of both tunnels (no keys). */
  readonly summaries: Record<string, ConnectionSummary>;
  /** Connection name -> the device configuration AWS generates (keys included). Secret. */
  readonly customerGatewayConfigurations: pulumi.Output<Record<string, string>>;
  /** Connection name -> [tunnel 1 key, tunnel 2 key]. Secret. */
  readonly presharedKeys: pulumi.Output<Record<string, string[]>>;
  /** The SNS topic the alarms notify, if any. */
  readonly alarmTopicArn?: pulumi.Output<string>;

  constructor(name: string, args: SiteToSiteVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.vpn, name, {}, opts);
    checkConnections(args);

    const gateways: Record<string, Ec2CustomerGateway> = {};
    for (const g of args.customerGateways) {
      gateways[g.name] = new Ec2CustomerGateway(
        g.name,
        {
          type: "ipsec.1",
          ipAddress: g.ipAddress,
          // bgpAsn and bgpAsnExtended are mutually exclusive; the extended field takes 4-byte ASNs.
          ...(g.bgpAsn > maxTwoByteFieldAsn ? { bgpAsnExtended: String(g.bgpAsn) } : { bgpAsn: String(g.bgpAsn) }),
          ...(g.deviceName !== undefined ? { deviceName: g.deviceName } : {}),
          ...(g.certificateArn !== undefined ? { certificateArn: g.certificateArn } : {}),
          tags: { ...args.tags, Name: g.name },
        },
        { parent: this, protect: args.protect },
      );
    }
    this.customerGatewayIds = Object.fromEntries(Object.entries(gateways).map(([k, g]) => [k, g.id]));

    if (args.alarms.enabled && args.alarms.topicArn !== undefined) {
      this.alarmTopicArn = pulumi.output(args.alarms.topicArn);
    } else if (args.alarms.enabled && args.alarms.createTopic) {
      const topic = new Topic(`${name}-alarms`, { tags: { ...args.tags, Name: `${name}-alarms` } }, { parent: this });
      this.alarmTopicArn = topic.arn;
    }

    const connections: Record<string, SiteToSiteConnection> = {};
    this.summaries = {};
    for (const c of args.connections) {
      const gateway = gateways[c.customerGateway];
      const gatewayArgs = args.customerGateways.find((g) => g.name === c.customerGateway);
      if (!gateway || !gatewayArgs) throw new Error(`VPN connection ${c.name}: unknown customer gateway ${c.customerGateway}`);
      const { name: connectionName, customerGateway, ...rest } = c;
      const connection = new SiteToSiteConnection(
        connectionName,
        {
          ...rest,
          customerGatewayId: gateway.id,
          transitGatewayId: args.transitGatewayId,
          onPremRouteTableId: args.onPremRouteTableId,
          segmentRouteTableIds: args.segmentRouteTableIds,
          logging: args.logging,
          alarms: {
            enabled: args.alarms.enabled,
            evaluationPeriods: args.alarms.evaluationPeriods,
            ...(this.alarmTopicArn !== undefined ? { topicArn: this.alarmTopicArn } : {}),
          },
          protect: args.protect,
          tags: args.tags,
        },
        { parent: this },
      );
      connections[connectionName] = connection;
      this.summaries[connectionName] = {
        vpnConnectionId: connection.vpnConnectionId,
        transitGatewayAttachmentId: connection.attachmentId,
        customerGateway,
        customerGatewayId: gateway.id,
        customerBgpAsn: gatewayArgs.bgpAsn,
        routing: c.routing,
        ...(connection.presharedKeyArn !== undefined ? { presharedKeyArn: connection.presharedKeyArn } : {}),
        tunnels: connection.tunnels,
      };
    }
    const each = <T>(pick: (c: SiteToSiteConnection) => T) => Object.fromEntries(Object.entries(connections).map(([k, c]) => [k, pick(c)]));
    this.attachmentIds = each((c) => c.attachmentId);
    this.connectionIds = each((c) => c.vpnConnectionId);
    this.customerGatewayConfigurations = pulumi.secret(pulumi.output(each((c) => c.customerGatewayConfiguration)));
    this.presharedKeys = pulumi.secret(pulumi.output(each((c) => c.presharedKeys)));

    this.registerOutputs({
      customerGatewayIds: this.customerGatewayIds,
      attachmentIds: this.attachmentIds,
      connectionIds: this.connectionIds,
      customerGatewayConfigurations: this.customerGatewayConfigurations,
      presharedKeys: this.presharedKeys,
      alarmTopicArn: this.alarmTopicArn,
    });
  }
}
