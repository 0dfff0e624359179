/**
 * Customer gateway, BGP and VPN connection rules. Sources: EC2 API reference CreateCustomerGateway;
 * S2S VPN User Guide "Customer gateway options", "Accelerated Site-to-Site VPN connections",
 * "Site-to-Site VPN quotas"; Transit Gateway guide "How transit gateways work".
 */
import { isIpv4Address } from "../../lib/cidr";
import { ecmpActive, planCapacity, sizingBandwidth } from "../capacity";
import { neverExpire, tunnelGbps } from "../defaults";
import { keyPath, show } from "../errors";
import { staticZones } from "../zones";
import type { IssueCollector } from "../errors";
import type { Rule } from "./context";

/** CreateCustomerGateway: ASNs reserved in every region or in one region. */
export const reservedAsns: { asn: number; region?: string }[] = [
  { asn: 7224 },
  { asn: 9059, region: "eu-west-1" },
  { asn: 10124, region: "ap-northeast-1" },
  { asn: 17943, region: "ap-southeast-1" },
];

/** CGW ASN: 1-4,294,967,295, not reserved, not the TGW's own ASN (the session is eBGP). */
export const customerGatewayAsn: Rule = (config, ctx, out) => {
  for (const g of config.customerGateways) {
    const path = keyPath("customerGateways", g.name, "bgpAsn");
    if (g.bgpAsn < 1 || g.bgpAsn > 4294967295) {
      out.report(path, "cgw-asn-range", `${g.bgpAsn} is outside 1-4294967295`);
      continue;
    }
    const reserved = reservedAsns.find((r) => r.asn === g.bgpAsn && (r.region === undefined || r.region === ctx.region));
    if (reserved) {
      out.report(
        path,
        "cgw-asn-reserved",
        `${g.bgpAsn} is reserved by AWS${reserved.region ? ` in ${reserved.region}` : " in every region"}`,
      );
    }
    if (g.bgpAsn === config.hub.amazonSideAsn) {
      out.report(path, "cgw-asn-equals-tgw-asn", `${g.bgpAsn} equals hub.amazonSideAsn; the BGP session is eBGP and needs different ASNs`);
    }
  }
};

/** TGW Amazon-side ASN: 64512-65534 or 4,200,000,000-4,294,967,294. */
export const transitGatewayAsn: Rule = (config, _ctx, out) => {
  const asn = config.hub.amazonSideAsn;
  if (!((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294))) {
    out.report("hub.amazonSideAsn", "tgw-asn-range", `${asn} is outside 64512-65534 and 4200000000-4294967294`);
  }
};

/** The CGW address is an IPv4 address; two gateways with the same IP and ASN need distinct device names. */
export const customerGatewayIdentity: Rule = (config, _ctx, out) => {
  const seen = new Map<string, string>();
  for (const g of config.customerGateways) {
    if (!isIpv4Address(g.ipAddress)) {
      out.report(keyPath("customerGateways", g.name, "ipAddress"), "cgw-ip-address", `${show(g.ipAddress)} is not an IPv4 address`);
    }
    const key = `${g.ipAddress}|${g.bgpAsn}|${g.deviceName ?? ""}`;
    const first = seen.get(key);
    if (first !== undefined) {
      out.report(
        keyPath("customerGateways", g.name, "deviceName"),
        "cgw-duplicate-identity",
        `same IP ${g.ipAddress} and ASN ${g.bgpAsn} as customerGateways[${first}]; give them distinct deviceName values`,
      );
    } else seen.set(key, g.name);
  }
};

/** Large (5 Gbps) tunnels cannot be accelerated. */
export const accelerationWithLargeTunnels: Rule = (config, _ctx, out) => {
  for (const c of config.vpnConnections) {
    if (c.acceleration && c.tunnelBandwidth === "large") {
      out.report(
        keyPath("vpnConnections", c.name, "acceleration"),
        "acceleration-with-large-tunnels",
        `acceleration true with tunnelBandwidth "large": large tunnels cannot be accelerated`,
      );
    }
  }
};

/** Accelerated VPN runs over the public internet edge: only with PublicIpv4 outside addresses. */
export const accelerationNeedsPublicIp: Rule = (config, _ctx, out) => {
  for (const c of config.vpnConnections) {
    if (c.acceleration && c.outsideIpAddressType !== "PublicIpv4") {
      out.report(
        keyPath("vpnConnections", c.name, "acceleration"),
        "acceleration-needs-public-ip",
        `acceleration needs outsideIpAddressType "PublicIpv4" (got ${show(c.outsideIpAddressType)})`,
      );
    }
  }
};

/** PrivateIpv4 outside addresses run over Direct Connect and need the transport attachment. */
export const privateIpNeedsTransport: Rule = (config, _ctx, out) => {
  for (const c of config.vpnConnections) {
    if (c.outsideIpAddressType !== "PrivateIpv4" && c.transportTransitGatewayAttachmentId) {
      out.report(
        keyPath("vpnConnections", c.name, "transportTransitGatewayAttachmentId"),
        "transport-needs-private-ip",
        `set only with outsideIpAddressType "PrivateIpv4" (got ${show(c.outsideIpAddressType)})`,
      );
    }
    if (c.outsideIpAddressType === "PrivateIpv4" && !c.transportTransitGatewayAttachmentId) {
      out.report(
        keyPath("vpnConnections", c.name, "transportTransitGatewayAttachmentId"),
        "private-ip-needs-transport",
        `not set, but outsideIpAddressType "PrivateIpv4" needs the Direct Connect transit attachment id`,
      );
    }
  }
};

/** ECMP needs BGP: a static TGW route points at one attachment and never spreads load. */
export const ecmpNeedsBgp: Rule = (config, _ctx, out) => {
  if (!config.hub.ecmp || config.vpnConnections.length < 2) return;
  for (const c of config.vpnConnections) {
    if (c.routing === "static") {
      out.report(
        keyPath("vpnConnections", c.name, "routing"),
        "ecmp-needs-bgp",
        `"static" with hub.ecmp true and ${config.vpnConnections.length} connections: ECMP over connections needs BGP routing`,
      );
    }
  }
};

/** requiredBandwidthGbps sizes the connections: with any one tunnel down, the rest must still carry it. */
export const capacityMeetsRequirement: Rule = (config, _ctx, out) => {
  const required = config.vpn.requiredBandwidthGbps;
  if (required === undefined || config.vpnConnections.length === 0) return;
  // The figures come from the same plan the outputs and the report show.
  const input = { requiredGbps: required, ecmp: config.hub.ecmp, connections: config.vpnConnections };
  const plan = planCapacity(input);
  const bandwidth = sizingBandwidth(config.vpnConnections);
  if (!ecmpActive(input) && required > tunnelGbps[bandwidth]) {
    out.report(
      "vpn.requiredBandwidthGbps",
      "capacity-needs-ecmp",
      `${required} Gbps is more than one ${tunnelGbps[bandwidth]} Gbps tunnel carries; enable hub.ecmp with BGP routing`,
    );
  } else if (plan.gbpsOneTunnelDown < required) {
    out.report(
      "vpn.requiredBandwidthGbps",
      "capacity-connections",
      `${required} Gbps with one tunnel down needs ${plan.connectionsNeeded} ${bandwidth} connections; ${plan.connections} configured give ${plan.gbpsOneTunnelDown.toFixed(2)} Gbps`,
    );
  }
};

/** Quotas: 10 accelerated VPN connections per region; 50 connections and 50 customer gateways per region by default. */
/**
 * Static routing: a TGW route table holds one static route per prefix to a single attachment
 * (Transit gateway quotas), so two static connections cannot both carry the same zone.
 */
export const staticZonesOnce: Rule = (config, _ctx, out) => {
  const carriedBy = new Map<string, string>();
  for (const c of config.vpnConnections) {
    if (c.routing !== "static") continue;
    for (const zone of staticZones(config, c)) {
      const first = carriedBy.get(zone);
      if (first !== undefined) {
        out.report(
          keyPath("vpnConnections", c.name, "staticRouteZones"),
          "static-zone-twice",
          `zone ${show(zone)} already has its static routes on vpnConnections[${first}]; one static route per prefix per route table`,
        );
      } else carriedBy.set(zone, c.name);
    }
  }
};

/** The alarm topic is either an existing one (snsTopicArn) or a created one (createTopic), not both. */
export const alarmTopicChoice: Rule = (config, _ctx, out) => {
  const alarms = config.vpn.alarms;
  if (alarms.snsTopicArn !== undefined && alarms.createTopic) {
    out.report("vpn.alarms.createTopic", "alarm-topic-conflict", `true together with snsTopicArn ${show(alarms.snsTopicArn)}: choose one`);
  }
  if (alarms.snsTopicArn !== undefined && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(alarms.snsTopicArn)) {
    out.report("vpn.alarms.snsTopicArn", "sns-topic-arn", `${show(alarms.snsTopicArn)} is not an SNS topic ARN`);
  }
};

export const vpnQuotas: Rule = (config, _ctx, out) => {
  const accelerated = config.vpnConnections.filter((c) => c.acceleration).length;
  if (accelerated > 10)
    out.report("vpnConnections", "quota-accelerated-vpn", `${accelerated} accelerated connections exceed the quota of 10 per region`);
  if (config.vpnConnections.length > 50)
    out.report(
      "vpnConnections",
      "quota-vpn-connections",
      `${config.vpnConnections.length} connections exceed the default quota of 50 per region`,
    );
  if (config.customerGateways.length > 50)
    out.report(
      "customerGateways",
      "quota-customer-gateways",
      `${config.customerGateways.length} gateways exceed the default quota of 50 per region`,
    );
};

/**
 * CloudWatch Logs accepts only these retention values (PutRetentionPolicy); without a retention
 * policy the events never expire, which the config says with `never` (settings/defaults.ts) and the
 * provider with retentionInDays 0 (@pulumi/aws cloudwatch/logGroup.d.ts). A 0 here is refused
 * rather than read as "never": zero days reads as "keep nothing".
 */
export const logRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/** Reports a retention CloudWatch Logs does not take, at `path` (the VPN's tunnel logs, the flow logs). */
export function checkLogRetention(path: string, days: number | typeof neverExpire, out: IssueCollector): void {
  if (days !== neverExpire && !logRetentionDays.includes(days)) {
    out.report(
      path,
      "log-retention",
      `${days} is not a CloudWatch Logs retention; use one of ${logRetentionDays.join(", ")}, or ${show(neverExpire)} (no expiry)`,
    );
  }
}
export const logRetention: Rule = (config, _ctx, out) =>
  checkLogRetention("vpn.logging.retentionDays", config.vpn.logging.retentionDays, out);

export const vpnRules: Rule[] = [
  customerGatewayAsn,
  transitGatewayAsn,
  customerGatewayIdentity,
  accelerationWithLargeTunnels,
  accelerationNeedsPublicIp,
  privateIpNeedsTransport,
  ecmpNeedsBgp,
  capacityMeetsRequirement,
  vpnQuotas,
  staticZonesOnce,
  alarmTopicChoice,
  logRetention,
];
