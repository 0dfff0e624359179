/**
 * SiteToSiteConnection: one Site-to-Site VPN connection on the hub's Transit Gateway, with its two
 * tunnels, their pre-shared keys and log groups, the TGW attachment's name tag, association and
 * propagations (and static routes for a static VPN), and the TunnelState alarms.
 *
 * Both tunnels' inside CIDRs and keys are always given explicitly: left open, the provider may
 * swap tunnel 1 and tunnel 2 between runs (aws-facts, "Tunnel inside CIDRs").
 */
import * as pulumi from "@pulumi/pulumi";
import { LogGroup } from "@pulumi/aws/cloudwatch";
import { Tag, VpnConnection } from "@pulumi/aws/ec2";
import type { VpnConnectionArgs } from "@pulumi/aws/ec2";
import { Route, RouteTableAssociation, RouteTablePropagation } from "@pulumi/aws/ec2transitgateway";
import { cidrSlug } from "../../lib/cidr";
import { TunnelBandwidth } from "../../vocabulary/vpn";
import type {
  LogOutputFormat,
  OutsideIpAddressType,
  PresharedKeyStorage,
  TunnelInsideIpVersion,
  VpnRouting,
  VpnTunnelOptions,
} from "../../vocabulary/vpn";
import { generatedKeyName, generatePresharedKey } from "./keys";
import { tunnelStateAlarms } from "./monitoring";
import { componentTypes } from "../tokens";

// The args' choices are `as const` objects (the package schema's enums), defined once in
// infra/vocabulary/vpn.ts with the values the stack config accepts; TunnelKeySource is the
// component's own (the stack config names a key's source differently: `config`, not `provided`).

/**
 * Where a tunnel's pre-shared key comes from: generated here, provided by the caller, left to AWS,
 * or none at all: `certificate` (the customer gateway has a certificate ARN and the tunnel
 * authenticates with it; S2S VPN User Guide, "Site-to-Site VPN tunnel authentication options").
 */
export const TunnelKeySource = { Generated: "generated", Provided: "provided", Aws: "aws", Certificate: "certificate" } as const;
export type TunnelKeySource = (typeof TunnelKeySource)[keyof typeof TunnelKeySource];

/** One tunnel of a connection. */
export interface VpnTunnel {
  /** IPv4 inside CIDR, a /30 inside 169.254.0.0/16; AWS takes the first host, the customer the second. */
  insideCidr: string;
  /** IPv6 inside CIDR, a /126 inside fd00::/8; used when the connection's tunnelInsideIpVersion is ipv6. */
  insideIpv6Cidr?: string;
  /**
   * Where the pre-shared key comes from: `generated` here under AWS's rules, `provided` in
   * `presharedKey`, `aws`, or `certificate` (no key: the customer gateway's certificate
   * authenticates the tunnel; only, and always, on a gateway with a certificate ARN).
   */
  presharedKeySource: TunnelKeySource;
  /** The key when `presharedKeySource` is `provided` (8-64 letters, digits, '.', '_', not starting with '0'); a secret. */
  presharedKey?: pulumi.Input<string>;
}

/** Logging of every tunnel to CloudWatch Logs. */
export interface VpnLogging {
  /** Create a log group per tunnel and send the tunnel's IKE/IPsec logs to it. */
  enabled: boolean;
  /** Retention of the log groups in days (a value CloudWatch Logs accepts); 0: the logs never expire. */
  retentionDays: number;
  /** Log line format. */
  format: LogOutputFormat;
  /** Log group names are `<groupNamePrefix>/<connection>/tunnel<n>`. */
  groupNamePrefix: string;
}

/** TunnelState alarms of one connection. */
export interface VpnAlarmArgs {
  /** Create the per-tunnel and per-connection alarms. */
  enabled: boolean;
  /** 5-minute periods the condition must hold before an alarm fires. */
  evaluationPeriods: number;
  /** SNS topic notified on alarm and recovery. Absent: no notification. */
  topicArn?: pulumi.Input<string>;
}

/** A connection's own choices: everything but the ids and stack-wide settings the caller supplies. */
export interface VpnConnectionOptions {
  /** `bgp` (dynamic routing, needed for ECMP) or `static` (staticRoutesOnly). Create-time. */
  routing: VpnRouting;
  /** Accelerated VPN over the Global Accelerator edge. Create-time: changing it replaces the connection. */
  acceleration: boolean;
  /**
   * `standard` (1.25 Gbps per tunnel) or `large` (5 Gbps per tunnel). Not sent for an accelerated
   * connection, which takes standard tunnels only; `large` with acceleration is refused.
   */
  tunnelBandwidth: TunnelBandwidth;
  /** `PublicIpv4`, or `PrivateIpv4` over Direct Connect. Create-time. */
  outsideIpAddressType: OutsideIpAddressType;
  /** Direct Connect transit attachment carrying the tunnels; with PrivateIpv4 only. */
  transportTransitGatewayAttachmentId?: string;
  /** Inside addressing of the tunnels. Create-time. */
  tunnelInsideIpVersion: TunnelInsideIpVersion;
  /** `Standard` or `SecretsManager` (the keys are then kept in AWS Secrets Manager). */
  presharedKeyStorage: PresharedKeyStorage;
  /** IKE/IPsec options, applied to both tunnels. */
  tunnelOptions: VpnTunnelOptions;
  /** Tunnel 1. */
  tunnel1: VpnTunnel;
  /** Tunnel 2. */
  tunnel2: VpnTunnel;
  /** Static routing only: segment name -> on-prem prefixes given a static TGW route to this connection. */
  staticRoutes: Record<string, string[]>;
}

export interface SiteToSiteConnectionArgs extends VpnConnectionOptions {
  /** Id of the customer gateway (the on-prem router) the tunnels end on. */
  customerGatewayId: pulumi.Input<string>;
  /** The Transit Gateway the connection attaches to. */
  transitGatewayId: pulumi.Input<string>;
  /** The hub's on-prem route table: the attachment associates with it (what on-prem learns over BGP). */
  onPremRouteTableId: pulumi.Input<string>;
  /** Segment name -> the hub's route table for it; the attachment propagates into every one. */
  segmentRouteTableIds: Record<string, pulumi.Input<string>>;
  /** Tunnel logs. */
  logging: VpnLogging;
  /** TunnelState alarms. */
  alarms: VpnAlarmArgs;
  /** Protect the VPN connection from deletion (production). */
  protect: boolean;
  /** Tags for every resource. */
  tags: Record<string, string>;
}

/** One tunnel's addresses as deployed. */
export interface TunnelSummary {
  /** AWS's outside (public) IP of the tunnel: the device's IPsec peer. */
  outsideAddress: pulumi.Output<string>;
  /** The tunnel's inside CIDR. */
  insideCidr: pulumi.Output<string>;
  /** AWS's inside address: the device's BGP neighbour. */
  awsInsideAddress: pulumi.Output<string>;
  /** The device's inside address. */
  customerInsideAddress: pulumi.Output<string>;
  /** AWS's BGP ASN on this tunnel (the Transit Gateway's Amazon-side ASN). */
  awsBgpAsn: pulumi.Output<string>;
}

/**
 * The provider's per-tunnel inputs without their `tunnel1` prefix (`DpdTimeoutAction`, ...), every
 * one required (null: not set): a tunnel input added to the provider fails the build here until
 * it is handled.
 */
type TunnelFields = {
  [K in keyof VpnConnectionArgs as K extends `tunnel1${infer Rest}` ? Rest : never]-?: NonNullable<VpnConnectionArgs[K]> | null;
};

/** Prefixes the fields for tunnel `n`: `DpdTimeoutAction` -> `tunnel2DpdTimeoutAction`. */
function forTunnel(n: 1 | 2, fields: TunnelFields): Partial<VpnConnectionArgs> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [`tunnel${n}${k}`, v]),
  );
}

/**
 * The provider documents tunnelBandwidth as "not supported when enableAcceleration is true"
 * (@pulumi/aws ec2/vpnConnection.d.ts): an accelerated connection has standard tunnels and sends no
 * bandwidth at all; large ones are refused before anything is registered.
 */
export function checkAcceleratedBandwidth(name: string, args: Pick<VpnConnectionOptions, "acceleration" | "tunnelBandwidth">): void {
  if (args.acceleration && args.tunnelBandwidth !== TunnelBandwidth.Standard) {
    throw new Error(`${name}: tunnelBandwidth "${args.tunnelBandwidth}" cannot be accelerated (standard tunnels only)`);
  }
}

export class SiteToSiteConnection extends pulumi.ComponentResource {
  readonly connection: VpnConnection;
  readonly vpnConnectionId: pulumi.Output<string>;
  /** The connection's TGW attachment (created by AWS with the connection). */
  readonly attachmentId: pulumi.Output<string>;
  readonly tunnels: [TunnelSummary, TunnelSummary];
  /** The device configuration AWS generates, keys included: a secret. */
  readonly customerGatewayConfiguration: pulumi.Output<string>;
  /** Both tunnels' keys as AWS holds them: secrets. */
  readonly presharedKeys: [pulumi.Output<string>, pulumi.Output<string>];
  /** The Secrets Manager secret holding the keys; only with presharedKeyStorage SecretsManager. */
  readonly presharedKeyArn?: pulumi.Output<string>;
  readonly logGroupArns: pulumi.Output<string>[];

  constructor(name: string, args: SiteToSiteConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
    checkAcceleratedBandwidth(name, args);
    super(componentTypes.vpnConnection, name, {}, opts);
    const tags = (n: string) => ({ ...args.tags, Name: n });

    const tunnels = [args.tunnel1, args.tunnel2];
    const keys = tunnels.map((t, i): pulumi.Input<string> | undefined => {
      switch (t.presharedKeySource) {
        case "generated":
          return generatePresharedKey(generatedKeyName(name, i === 0 ? 1 : 2), this);
        case "provided":
          if (t.presharedKey === undefined) throw new Error(`${name} tunnel ${i + 1}: presharedKeySource "provided" without presharedKey`);
          return pulumi.secret(t.presharedKey);
        case "aws":
        case "certificate":
          return undefined;
      }
    });

    const logGroups = args.logging.enabled
      ? tunnels.map(
          (_t, i) =>
            new LogGroup(
              `${name}-tunnel${i + 1}-logs`,
              {
                name: `${args.logging.groupNamePrefix}/${name}/tunnel${i + 1}`,
                retentionInDays: args.logging.retentionDays,
                tags: tags(`${name}-tunnel${i + 1}-logs`),
              },
              { parent: this },
            ),
        )
      : [];
    this.logGroupArns = logGroups.map((g) => g.arn);

    const o = args.tunnelOptions;
    const ipv6 = args.tunnelInsideIpVersion === "ipv6";
    // Every option of one tunnel, under the provider's names without the `tunnel<n>` prefix. One
    // function builds both tunnels, and TunnelFields lists every tunnel input the provider has, so
    // an option can neither reach one tunnel and be dropped on the other nor be forgotten.
    const tunnelFields = (n: 1 | 2): TunnelFields => {
      const t = n === 1 ? args.tunnel1 : args.tunnel2;
      const logGroup = logGroups[n - 1];
      return {
        InsideCidr: ipv6 ? null : t.insideCidr,
        InsideIpv6Cidr: ipv6 ? (t.insideIpv6Cidr ?? null) : null,
        PresharedKey: keys[n - 1] ?? null,
        IkeVersions: o.ikeVersions,
        Phase1EncryptionAlgorithms: o.phase1EncryptionAlgorithms,
        Phase2EncryptionAlgorithms: o.phase2EncryptionAlgorithms,
        Phase1IntegrityAlgorithms: o.phase1IntegrityAlgorithms,
        Phase2IntegrityAlgorithms: o.phase2IntegrityAlgorithms,
        Phase1DhGroupNumbers: o.phase1DhGroupNumbers,
        Phase2DhGroupNumbers: o.phase2DhGroupNumbers,
        Phase1LifetimeSeconds: o.phase1LifetimeSeconds,
        Phase2LifetimeSeconds: o.phase2LifetimeSeconds,
        DpdTimeoutSeconds: o.dpdTimeoutSeconds,
        DpdTimeoutAction: o.dpdTimeoutAction,
        RekeyMarginTimeSeconds: o.rekeyMarginTimeSeconds,
        RekeyFuzzPercentage: o.rekeyFuzzPercentage,
        ReplayWindowSize: o.replayWindowSize,
        StartupAction: o.startupAction,
        EnableTunnelLifecycleControl: o.enableTunnelLifecycleControl,
        LogOptions: logGroup
          ? { cloudwatchLogOptions: { logEnabled: true, logGroupArn: logGroup.arn, logOutputFormat: args.logging.format } }
          : null,
      };
    };

    this.connection = new VpnConnection(
      name,
      {
        type: "ipsec.1",
        customerGatewayId: args.customerGatewayId,
        transitGatewayId: args.transitGatewayId,
        staticRoutesOnly: args.routing === "static",
        enableAcceleration: args.acceleration,
        // Absent when accelerated (checkAcceleratedBandwidth); the provider's state keeps "standard".
        ...(args.acceleration ? {} : { tunnelBandwidth: args.tunnelBandwidth }),
        outsideIpAddressType: args.outsideIpAddressType,
        ...(args.transportTransitGatewayAttachmentId !== undefined
          ? { transportTransitGatewayAttachmentId: args.transportTransitGatewayAttachmentId }
          : {}),
        tunnelInsideIpVersion: args.tunnelInsideIpVersion,
        presharedKeyStorage: args.presharedKeyStorage,
        ...forTunnel(1, tunnelFields(1)),
        ...forTunnel(2, tunnelFields(2)),
        tags: tags(name),
      },
      {
        parent: this,
        protect: args.protect,
        additionalSecretOutputs: ["tunnel1PresharedKey", "tunnel2PresharedKey", "customerGatewayConfiguration"],
      },
    );
    const vpn = this.connection;
    this.vpnConnectionId = vpn.id;
    this.attachmentId = vpn.transitGatewayAttachmentId;
    this.customerGatewayConfiguration = pulumi.secret(vpn.customerGatewayConfiguration);
    this.presharedKeys = [pulumi.secret(vpn.tunnel1PresharedKey), pulumi.secret(vpn.tunnel2PresharedKey)];
    if (args.presharedKeyStorage === "SecretsManager") this.presharedKeyArn = vpn.presharedKeyArn;
    this.tunnels = [
      {
        outsideAddress: vpn.tunnel1Address,
        insideCidr: vpn.tunnel1InsideCidr,
        awsInsideAddress: vpn.tunnel1VgwInsideAddress,
        customerInsideAddress: vpn.tunnel1CgwInsideAddress,
        awsBgpAsn: vpn.tunnel1BgpAsn,
      },
      {
        outsideAddress: vpn.tunnel2Address,
        insideCidr: vpn.tunnel2InsideCidr,
        awsInsideAddress: vpn.tunnel2VgwInsideAddress,
        customerInsideAddress: vpn.tunnel2CgwInsideAddress,
        awsBgpAsn: vpn.tunnel2BgpAsn,
      },
    ];

    // The attachment exists as soon as the connection does; it is only named, routed and watched here.
    new Tag(`${name}-attachment-name`, { resourceId: this.attachmentId, key: "Name", value: name }, { parent: this });
    new RouteTableAssociation(
      `${name}-onprem`,
      { transitGatewayAttachmentId: this.attachmentId, transitGatewayRouteTableId: args.onPremRouteTableId },
      { parent: this },
    );
    // Every segment table learns every VPN attachment's routes, so equal BGP paths stay equal (ECMP);
    // what a segment may not reach is cut elsewhere with blackhole routes.
    for (const [segment, tableId] of Object.entries(args.segmentRouteTableIds)) {
      new RouteTablePropagation(
        `${name}-to-${segment}`,
        { transitGatewayAttachmentId: this.attachmentId, transitGatewayRouteTableId: tableId },
        { parent: this },
      );
    }
    // A static VPN announces nothing: each segment gets static TGW routes for the on-prem prefixes it
    // may reach. (VpnConnectionRoute applies to virtual private gateways, not to a TGW VPN.)
    if (args.routing === "static") {
      for (const [segment, prefixes] of Object.entries(args.staticRoutes)) {
        const tableId = args.segmentRouteTableIds[segment];
        if (tableId === undefined) throw new Error(`${name}: static routes for unknown segment ${segment}`);
        for (const prefix of prefixes) {
          new Route(
            `${name}-${segment}-${cidrSlug(prefix)}`,
            { destinationCidrBlock: prefix, transitGatewayAttachmentId: this.attachmentId, transitGatewayRouteTableId: tableId },
            { parent: this },
          );
        }
      }
    }

    if (args.alarms.enabled) {
      tunnelStateAlarms(
        {
          connection: name,
          vpnId: vpn.id,
          tunnelAddresses: [vpn.tunnel1Address, vpn.tunnel2Address],
          evaluationPeriods: args.alarms.evaluationPeriods,
          ...(args.alarms.topicArn !== undefined ? { topicArn: args.alarms.topicArn } : {}),
          tags: args.tags,
        },
        this,
      );
    }

    this.registerOutputs({
      vpnConnectionId: this.vpnConnectionId,
      attachmentId: this.attachmentId,
      customerGatewayConfiguration: this.customerGatewayConfiguration,
      presharedKeyArn: this.presharedKeyArn,
      logGroupArns: this.logGroupArns,
    });
  }
}
