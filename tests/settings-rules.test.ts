/**
 * Every settings rule has a failing case that checks the key path, the rule id and the message.
 * Pure: runs the settings loader on edited copies of the real stack files, no program run.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { issuesOf, item, load } from "./settings-helpers";
import { first } from "./harness";

type Edit = (c: Record<string, unknown>) => void;
interface Case {
  name: string;
  stack?: "dev" | "prod";
  edit: Edit;
  secrets?: Record<string, string>;
  path: string;
  rule: string;
  message: RegExp;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const vpn = (c: Record<string, unknown>, name = "vpn-1"): any => item(c, "vpnConnections", name);
const spoke = (c: Record<string, unknown>, name = "development"): any => item(c, "spokes", name);
const cgw = (c: Record<string, unknown>, name = "cgw-primary"): any => item(c, "customerGateways", name);
const hub = (c: Record<string, unknown>): any => c.hub;
const vpnBlock = (c: Record<string, unknown>): any => c.vpn;
/* eslint-enable @typescript-eslint/no-explicit-any */

const cases: Case[] = [
  // Schema: shape, types, unknown keys.
  {
    name: "unknown top-level key",
    edit: (c) => (c.spokess = []),
    path: "hybrid-network:spokess",
    rule: "unknown-key",
    message: /unknown config key "spokess"/,
  },
  {
    name: "unknown nested key",
    edit: (c) => (spoke(c).cdir = "10.0.0.0/16"),
    path: "spokes[development]",
    rule: "unknown-key",
    message: /"cdir"/,
  },
  { name: "wrong type", edit: (c) => (hub(c).ecmp = "yes"), path: "hub.ecmp", rule: "schema", message: /boolean.*got "yes"/ },
  {
    name: "bad enum",
    edit: (c) => (spoke(c).egress = "internet"),
    path: "spokes[development].egress",
    rule: "schema",
    message: /nat.*onprem.*central/,
  },
  { name: "bad name", edit: (c) => (spoke(c).name = "Dev VPC"), path: "spokes[Dev VPC].name", rule: "schema", message: /lower-case/ },
  {
    name: "missing required",
    edit: (c) => delete spoke(c).cidr,
    path: "spokes[development].cidr",
    rule: "required",
    message: /expected string/,
  },
  { name: "missing region", edit: (c) => delete c["aws:region"], path: "aws:region", rule: "required", message: /region is not set/ },
  // Tunnels.
  {
    name: "reserved inside CIDR",
    edit: (c) => (vpn(c).tunnel1.insideCidr = "169.254.169.252/30"),
    path: "vpnConnections[vpn-1].tunnel1.insideCidr",
    rule: "tunnel-inside-cidr-reserved",
    message: /169\.254\.169\.252\/30" is reserved/,
  },
  {
    name: "reserved low inside CIDR",
    edit: (c) => (vpn(c).tunnel2.insideCidr = "169.254.3.0/30"),
    path: "vpnConnections[vpn-1].tunnel2.insideCidr",
    rule: "tunnel-inside-cidr-reserved",
    message: /169\.254\.3\.0\/30/,
  },
  {
    name: "inside CIDR not a /30",
    edit: (c) => (vpn(c).tunnel1.insideCidr = "169.254.10.0/29"),
    path: "vpnConnections[vpn-1].tunnel1.insideCidr",
    rule: "tunnel-inside-cidr-range",
    message: /must be a \/30 inside 169\.254\.0\.0\/16/,
  },
  {
    name: "inside CIDR outside link-local",
    edit: (c) => (vpn(c).tunnel1.insideCidr = "10.0.0.0/30"),
    path: "vpnConnections[vpn-1].tunnel1.insideCidr",
    rule: "tunnel-inside-cidr-range",
    message: /10\.0\.0\.0\/30/,
  },
  {
    name: "tunnels of one connection share a CIDR",
    edit: (c) => (vpn(c).tunnel2.insideCidr = "169.254.10.0/30"),
    path: "vpnConnections[vpn-1].tunnel2.insideCidr",
    rule: "tunnel-inside-cidr-same-connection",
    message: /already used by vpnConnections\[vpn-1\]\.tunnel1/,
  },
  {
    name: "inside CIDR reused across connections",
    stack: "prod",
    edit: (c) => (vpn(c, "vpn-2").tunnel1.insideCidr = "169.254.10.0/30"),
    path: "vpnConnections[vpn-2].tunnel1.insideCidr",
    rule: "tunnel-inside-cidr-unique",
    message: /unique across the stack/,
  },
  {
    // office-82's tunnel 1 hashes onto vpn-1's pinned tunnel 2 block (tests/tunnel-cidrs.test.ts).
    name: "allocated inside CIDR on a block another tunnel pins",
    stack: "prod",
    edit: (c) => (c.vpnConnections as unknown[]).push({ name: "office-82", customerGateway: "cgw-primary" }),
    path: "vpnConnections[office-82].tunnel1.insideCidr",
    rule: "tunnel-inside-cidr-collision",
    message:
      /"169\.254\.10\.4\/30", the block vpnConnections\[vpn-1\]\.tunnel2\.insideCidr pins; pin this tunnel to a free block, e\.g\. "169\.254\./,
  },
  {
    name: "IPv6 inside CIDR outside fd00::/8",
    edit: (c) => Object.assign(vpn(c), { tunnelInsideIpVersion: "ipv6", tunnel1: { insideIpv6Cidr: "fe80::/126" } }),
    path: "vpnConnections[vpn-1].tunnel1.insideIpv6Cidr",
    rule: "tunnel-inside-ipv6-cidr-range",
    message: /\/126 inside fd00::\/8/,
  },
  {
    name: "IPv6 inside CIDR on an IPv4 tunnel",
    edit: (c) => (vpn(c).tunnel1.insideIpv6Cidr = "fd00::/126"),
    path: "vpnConnections[vpn-1].tunnel1.insideIpv6Cidr",
    rule: "tunnel-inside-ipv6-needs-ipv6",
    message: /tunnelInsideIpVersion "ipv6"/,
  },
  {
    name: "pre-shared key starting with 0",
    edit: (c) => (vpn(c).tunnel1.presharedKey = { source: "config", configKey: "psk1" }),
    secrets: { psk1: "0abcdefgh" },
    path: "vpnConnections[vpn-1].tunnel1.presharedKey.configKey",
    rule: "preshared-key-format",
    message: /cannot start with '0' \(value hidden\)/,
  },
  {
    name: "pre-shared key too short",
    edit: (c) => (vpn(c).tunnel1.presharedKey = { source: "config", configKey: "psk1" }),
    secrets: { psk1: "abc" },
    path: "vpnConnections[vpn-1].tunnel1.presharedKey.configKey",
    rule: "preshared-key-format",
    message: /8 to 64 characters/,
  },
  {
    name: "pre-shared key bad character",
    edit: (c) => (vpn(c).tunnel1.presharedKey = { source: "config", configKey: "psk1" }),
    secrets: { psk1: "abcdefgh-ij" },
    path: "vpnConnections[vpn-1].tunnel1.presharedKey.configKey",
    rule: "preshared-key-format",
    message: /letters, digits, '\.' and '_'/,
  },
  {
    name: "pre-shared key in plain text",
    edit: (c) => {
      vpn(c).tunnel1.presharedKey = { source: "config", configKey: "psk1" };
      c.psk1 = "abcdefghij";
    },
    path: "vpnConnections[vpn-1].tunnel1.presharedKey.configKey",
    rule: "preshared-key-not-secret",
    message: /plain text; set it with --secret/,
  },
  {
    name: "pre-shared key config key missing",
    edit: (c) => (vpn(c).tunnel1.presharedKey = { source: "config", configKey: "psk9" }),
    path: "vpnConnections[vpn-1].tunnel1.presharedKey.configKey",
    rule: "preshared-key-config-missing",
    message: /"psk9" is not set/,
  },
  {
    name: "phase 1 lifetime out of range",
    edit: (c) => (vpnBlock(c).tunnelOptions = { phase1LifetimeSeconds: 30000 }),
    path: "vpn.tunnelOptions.phase1LifetimeSeconds",
    rule: "tunnel-phase1LifetimeSeconds-range",
    message: /30000 is outside 900-28800/,
  },
  {
    name: "phase 2 lifetime out of range",
    edit: (c) => (vpn(c).tunnelOptions = { phase2LifetimeSeconds: 600 }),
    path: "vpnConnections[vpn-1].tunnelOptions.phase2LifetimeSeconds",
    rule: "tunnel-phase2LifetimeSeconds-range",
    message: /600 is outside 900-3600/,
  },
  {
    name: "phase 2 not below phase 1",
    edit: (c) => (vpnBlock(c).tunnelOptions = { phase1LifetimeSeconds: 1800, phase2LifetimeSeconds: 1800 }),
    path: "vpn.tunnelOptions.phase2LifetimeSeconds",
    rule: "tunnel-phase2-below-phase1",
    message: /below phase 1 lifetime 1800/,
  },
  {
    name: "DPD timeout below 30",
    edit: (c) => (vpnBlock(c).tunnelOptions = { dpdTimeoutSeconds: 10 }),
    path: "vpn.tunnelOptions.dpdTimeoutSeconds",
    rule: "tunnel-dpdTimeoutSeconds-range",
    message: /10 is below the minimum of 30/,
  },
  {
    name: "rekey margin above half phase 2",
    edit: (c) => (vpnBlock(c).tunnelOptions = { rekeyMarginTimeSeconds: 2000 }),
    path: "vpn.tunnelOptions.rekeyMarginTimeSeconds",
    rule: "tunnel-rekeyMarginTimeSeconds-range",
    message: /60 up to half the phase 2 lifetime \(1800\)/,
  },
  {
    name: "rekey fuzz above 100",
    edit: (c) => (vpnBlock(c).tunnelOptions = { rekeyFuzzPercentage: 150 }),
    path: "vpn.tunnelOptions.rekeyFuzzPercentage",
    rule: "tunnel-rekeyFuzzPercentage-range",
    message: /150 is outside 0-100/,
  },
  {
    name: "replay window too small",
    edit: (c) => (vpnBlock(c).tunnelOptions = { replayWindowSize: 32 }),
    path: "vpn.tunnelOptions.replayWindowSize",
    rule: "tunnel-replayWindowSize-range",
    message: /32 is outside 64-2048/,
  },
  {
    name: "phase 1 DH group 5",
    edit: (c) => (vpnBlock(c).tunnelOptions = { phase1DhGroupNumbers: [5, 20] }),
    path: "vpn.tunnelOptions.phase1DhGroupNumbers",
    rule: "tunnel-phase1DhGroupNumbers",
    message: /\[5\] not allowed/,
  },
  {
    name: "phase 2 DH group 1",
    edit: (c) => (vpnBlock(c).tunnelOptions = { phase2DhGroupNumbers: [1] }),
    path: "vpn.tunnelOptions.phase2DhGroupNumbers",
    rule: "tunnel-phase2DhGroupNumbers",
    message: /\[1\] not allowed/,
  },
  {
    name: "bad IKE version",
    edit: (c) => (vpnBlock(c).tunnelOptions = { ikeVersions: ["ikev3"] }),
    path: "vpn.tunnelOptions.ikeVersions[0]",
    rule: "schema",
    message: /ikev1.*ikev2/,
  },
  {
    name: "bad DPD action",
    edit: (c) => (vpnBlock(c).tunnelOptions = { dpdTimeoutAction: "drop" }),
    path: "vpn.tunnelOptions.dpdTimeoutAction",
    rule: "schema",
    message: /clear.*none.*restart/,
  },
  // BGP, gateways, connections.
  {
    name: "reserved CGW ASN",
    edit: (c) => (cgw(c).bgpAsn = 7224),
    path: "customerGateways[cgw-primary].bgpAsn",
    rule: "cgw-asn-reserved",
    message: /7224 is reserved by AWS in every region/,
  },
  {
    name: "region-reserved CGW ASN",
    edit: (c) => (cgw(c).bgpAsn = 9059),
    path: "customerGateways[cgw-primary].bgpAsn",
    rule: "cgw-asn-reserved",
    message: /9059 is reserved by AWS in eu-west-1/,
  },
  {
    name: "CGW ASN out of range",
    edit: (c) => (cgw(c).bgpAsn = 4294967296),
    path: "customerGateways[cgw-primary].bgpAsn",
    rule: "cgw-asn-range",
    message: /outside 1-4294967295/,
  },
  {
    name: "CGW ASN equals TGW ASN",
    edit: (c) => (cgw(c).bgpAsn = 64512),
    path: "customerGateways[cgw-primary].bgpAsn",
    rule: "cgw-asn-equals-tgw-asn",
    message: /equals hub\.amazonSideAsn/,
  },
  {
    name: "TGW ASN out of range",
    edit: (c) => (hub(c).amazonSideAsn = 65535),
    path: "hub.amazonSideAsn",
    rule: "tgw-asn-range",
    message: /65535 is outside 64512-65534/,
  },
  {
    name: "CGW IP not an address",
    edit: (c) => (cgw(c).ipAddress = "203.0.113.300"),
    path: "customerGateways[cgw-primary].ipAddress",
    rule: "cgw-ip-address",
    message: /not an IPv4 address/,
  },
  {
    name: "two CGWs same identity",
    stack: "prod",
    edit: (c) => Object.assign(cgw(c, "cgw-secondary"), { ipAddress: "203.0.113.10", deviceName: "dc1-edge-1" }),
    path: "customerGateways[cgw-secondary].deviceName",
    rule: "cgw-duplicate-identity",
    message: /distinct deviceName/,
  },
  {
    name: "acceleration with large tunnels",
    stack: "prod",
    edit: (c) => (vpn(c, "vpn-3").tunnelBandwidth = "large"),
    path: "vpnConnections[vpn-3].acceleration",
    rule: "acceleration-with-large-tunnels",
    message: /large tunnels cannot be accelerated/,
  },
  {
    name: "acceleration with private IP",
    edit: (c) =>
      Object.assign(vpn(c), {
        acceleration: true,
        outsideIpAddressType: "PrivateIpv4",
        transportTransitGatewayAttachmentId: "tgw-attach-0123",
      }),
    path: "vpnConnections[vpn-1].acceleration",
    rule: "acceleration-needs-public-ip",
    message: /PublicIpv4/,
  },
  {
    name: "private IP without transport",
    edit: (c) => (vpn(c).outsideIpAddressType = "PrivateIpv4"),
    path: "vpnConnections[vpn-1].transportTransitGatewayAttachmentId",
    rule: "private-ip-needs-transport",
    message: /Direct Connect/,
  },
  {
    name: "ECMP with static routing",
    stack: "prod",
    edit: (c) => (vpn(c, "vpn-2").routing = "static"),
    path: "vpnConnections[vpn-2].routing",
    rule: "ecmp-needs-bgp",
    message: /ECMP over connections needs BGP/,
  },
  {
    name: "too few connections for the bandwidth",
    stack: "prod",
    edit: (c) => (vpnBlock(c).requiredBandwidthGbps = 9),
    path: "vpn.requiredBandwidthGbps",
    rule: "capacity-connections",
    message: /needs 5 standard connections; 4 configured give 8\.75 Gbps/,
  },
  {
    name: "bandwidth above one tunnel without ECMP",
    edit: (c) => {
      hub(c).ecmp = false;
      vpnBlock(c).requiredBandwidthGbps = 2;
    },
    path: "vpn.requiredBandwidthGbps",
    rule: "capacity-needs-ecmp",
    message: /enable hub\.ecmp/,
  },
  {
    name: "log retention not allowed",
    edit: (c) => (vpnBlock(c).logging.retentionDays = 45),
    path: "vpn.logging.retentionDays",
    rule: "log-retention",
    message: /45 is not a CloudWatch Logs retention/,
  },
  {
    name: "static routes on a BGP connection",
    edit: (c) => (vpn(c).staticRouteZones = ["shared-infra"]),
    path: "vpnConnections[vpn-1].staticRouteZones",
    rule: "static-routes-need-static-routing",
    message: /routing "static"/,
  },
  // Address plan.
  {
    name: "overlapping VPC CIDRs",
    stack: "prod",
    edit: (c) => (spoke(c, "test").cidr = "10.20.0.0/20"),
    path: "spokes[test].cidr",
    rule: "vpc-cidr-overlap",
    message: /overlaps spokes\[development\]\.cidr/,
  },
  {
    name: "VPC overlapping on-prem",
    edit: (c) => (spoke(c).cidr = "10.100.0.0/16"),
    path: "spokes[development].cidr",
    rule: "vpc-cidr-overlaps-onprem",
    message: /overlaps on-prem onPrem\.zones\[corporate-clients\]\.cidrs\[0\]/,
  },
  {
    name: "on-prem zones overlapping",
    edit: (c) => (item(c, "onPrem.zones", "dev-data").cidrs = ["10.101.128.0/17"]),
    path: "onPrem.zones[dev-data].cidrs[0]",
    rule: "onprem-zone-overlap",
    message: /overlaps onPrem\.zones\[shared-infra\]/,
  },
  {
    name: "VPC CIDR not a network address",
    edit: (c) => (spoke(c).cidr = "10.20.0.1/16"),
    path: "spokes[development].cidr",
    rule: "cidr-format",
    message: /network address/,
  },
  {
    name: "VPC CIDR too small",
    edit: (c) => (spoke(c).cidr = "10.20.0.0/26"),
    path: "spokes[development].cidr",
    rule: "vpc-cidr-size",
    message: /\/16 to \/24/,
  },
  {
    name: "zone CIDR invalid",
    edit: (c) => (item(c, "onPrem.zones", "dev-data").cidrs = ["10.103.0.0/33"]),
    path: "onPrem.zones[dev-data].cidrs[0]",
    rule: "cidr-format",
    message: /not an IPv4 CIDR/,
  },
  {
    name: "AZ in another region",
    edit: (c) => (spoke(c).availabilityZones = ["eu-west-1a", "us-east-1b"]),
    path: "spokes[development].availabilityZones",
    rule: "az-region",
    message: /not in region eu-west-1/,
  },
  {
    name: "AZ listed twice",
    edit: (c) => (spoke(c).availabilityZones = ["eu-west-1a", "eu-west-1a"]),
    path: "spokes[development].availabilityZones",
    rule: "az-duplicate",
    message: /twice/,
  },
  {
    name: "too many AZs",
    edit: (c) => (spoke(c).availabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d", "eu-west-1e"]),
    path: "spokes[development].availabilityZones",
    rule: "az-count",
    message: /at most 4/,
  },
  {
    name: "central egress without the VPC",
    edit: (c) => (spoke(c).egress = "central"),
    path: "spokes[development].egress",
    rule: "egress-central-needs-vpc",
    message: /needs a centralEgress block/,
  },
  {
    name: "on-prem egress without a default route",
    edit: (c) => (spoke(c).egress = "onprem"),
    path: "spokes[development].egress",
    rule: "egress-onprem-needs-default-route",
    message: /defaultRoute true/,
  },
  {
    name: "single NAT without NAT egress",
    stack: "prod",
    edit: (c) => (spoke(c).natGateways = "single"),
    path: "spokes[development].natGateways",
    rule: "nat-gateways-without-nat",
    message: /only to egress "nat"/,
  },
  {
    name: "bad RAM principal",
    edit: (c) => (hub(c).sharePrincipals = ["12345"]),
    path: "hub.sharePrincipals[0]",
    rule: "ram-principal",
    message: /not an account id, organization ARN or OU ARN/,
  },
  {
    name: "bad account id",
    stack: "prod",
    edit: (c) => (item(c, "accounts", "test").accountId = "2222"),
    path: "accounts[test].accountId",
    rule: "account-id",
    message: /12-digit/,
  },
  {
    name: "bad role ARN",
    stack: "prod",
    edit: (c) => (item(c, "accounts", "test").roleArn = "network-deployer"),
    path: "accounts[test].roleArn",
    rule: "role-arn",
    message: /IAM role ARN/,
  },
  {
    name: "port range reversed",
    edit: (c) => (spoke(c).ingress[0].ports[0] = { protocol: "tcp", fromPort: 443, toPort: 22 }),
    path: "spokes[development].ingress[0].ports[0]",
    rule: "port-range",
    message: /fromPort 443 is above toPort 22/,
  },
  {
    name: "summary not a CIDR",
    edit: (c) => (hub(c).spokeSummaryCidrs = ["10.0.0.0/33"]),
    path: "hub.spokeSummaryCidrs[0]",
    rule: "cidr-format",
    message: /not an IPv4 CIDR/,
  },
  {
    name: "spoke outside the summaries",
    stack: "prod",
    edit: (c) => (hub(c).spokeSummaryCidrs = ["10.0.0.0/11"]),
    path: "spokes[production].cidr",
    rule: "spoke-outside-summary",
    message: /"10\.40\.0\.0\/16" is in none of hub\.spokeSummaryCidrs/,
  },
  {
    name: "more routes than the VPC route table quota",
    stack: "prod",
    edit: (c) => {
      hub(c).vpcRouteTableQuota = 6;
      item(c, "segments", "development").reachableSegments = ["test", "production"];
    },
    path: "spokes[development]",
    rule: "vpc-route-table-quota",
    message: /need 7 routes \(4 on-prem, 2 to other spokes, 1 default\); hub\.vpcRouteTableQuota is 6/,
  },
  {
    name: "segment named like the on-prem table",
    edit: (c) => (item(c, "segments", "development").name = "onprem"),
    path: "segments[onprem].name",
    rule: "segment-name-reserved",
    message: /reserved: onprem/,
  },
  {
    name: "two static connections carrying one zone",
    stack: "prod",
    edit: (c) => {
      hub(c).ecmp = false;
      vpn(c, "vpn-1").routing = "static";
      vpn(c, "vpn-2").routing = "static";
      vpn(c, "vpn-2").staticRouteZones = ["shared-infra"];
    },
    path: "vpnConnections[vpn-2].staticRouteZones",
    rule: "static-zone-twice",
    message: /"shared-infra" already has its static routes on vpnConnections\[vpn-1\]/,
  },
  {
    name: "alarm topic given and created",
    edit: (c) => (vpnBlock(c).alarms = { snsTopicArn: "arn:aws:sns:eu-west-1:111111111111:ops", createTopic: true }),
    path: "vpn.alarms.createTopic",
    rule: "alarm-topic-conflict",
    message: /choose one/,
  },
  {
    name: "alarm topic not an ARN",
    edit: (c) => (vpnBlock(c).alarms = { snsTopicArn: "ops-topic" }),
    path: "vpn.alarms.snsTopicArn",
    rule: "sns-topic-arn",
    message: /not an SNS topic ARN/,
  },
  {
    name: "account without a role",
    stack: "prod",
    edit: (c) => delete item(c, "accounts", "test").roleArn,
    path: "accounts[test].roleArn",
    rule: "account-needs-role",
    message: /only the network account/,
  },
  {
    name: "spoke account not in the share",
    stack: "prod",
    edit: (c) => (hub(c).sharePrincipals = ["222222222222"]),
    path: "spokes[production].account",
    rule: "spoke-account-not-shared",
    message: /"333333333333" is not in hub\.sharePrincipals/,
  },
  {
    name: "tcp port -1",
    edit: (c) => (spoke(c).ingress[0].ports[0] = { protocol: "tcp", fromPort: -1, toPort: -1 }),
    path: "spokes[development].ingress[0].ports[0]",
    rule: "port-range",
    message: /tcp ports are 0-65535/,
  },
  {
    name: "icmp type above 255",
    edit: (c) => (spoke(c).ingress[0].ports[0] = { protocol: "icmp", fromPort: 300, toPort: 0 }),
    path: "spokes[development].ingress[0].ports[0]",
    rule: "icmp-type-code",
    message: /each -1 to 255/,
  },
  {
    name: "duplicate ingress rule",
    edit: (c) => spoke(c).ingress[0].ports.push({ protocol: "tcp", fromPort: 22, toPort: 22, description: "again" }),
    path: "spokes[development].ingress[0].ports[3]",
    rule: "ingress-duplicate",
    message: /same zone, protocol and ports as spokes\[development\]\.ingress\[0\]\.ports\[0\]/,
  },
  {
    name: "IPv6 outside addresses",
    edit: (c) => (vpn(c).outsideIpAddressType = "Ipv6"),
    path: "vpnConnections[vpn-1].outsideIpAddressType",
    rule: "schema",
    message: /PublicIpv4.*PrivateIpv4/,
  },
  {
    name: "transport attachment on a public VPN",
    edit: (c) => (vpn(c).transportTransitGatewayAttachmentId = "tgw-attach-0123"),
    path: "vpnConnections[vpn-1].transportTransitGatewayAttachmentId",
    rule: "transport-needs-private-ip",
    message: /only with outsideIpAddressType "PrivateIpv4"/,
  },
  {
    name: "IPv6 tunnels without pinned /126s",
    edit: (c) => Object.assign(vpn(c), { tunnelInsideIpVersion: "ipv6", tunnel1: {}, tunnel2: {} }),
    path: "vpnConnections[vpn-1].tunnel2.insideIpv6Cidr",
    rule: "tunnel-inside-ipv6-required",
    message: /required with tunnelInsideIpVersion "ipv6"/,
  },
  {
    name: "segment named like the egress VPC",
    stack: "prod",
    edit: (c) => (item(c, "segments", "test").name = "egress"),
    path: "segments[egress].name",
    rule: "segment-name-reserved",
    message: /reserved: onprem, egress, egress-vpc/,
  },
  {
    name: "summary equal to a spoke",
    edit: (c) => (hub(c).spokeSummaryCidrs = ["10.20.0.0/16"]),
    path: "spokes[development].cidr",
    rule: "spoke-outside-summary",
    message: /larger than the spoke/,
  },
  {
    name: "egress VPC public table over the quota",
    stack: "prod",
    edit: (c) => (hub(c).vpcRouteTableQuota = 9),
    path: "centralEgress",
    rule: "vpc-route-table-quota",
    message: /public route table needs 10 routes \(3 spoke blocks, 6 on-prem, 1 default\)/,
  },
  {
    name: "more attachments than a transit gateway takes",
    stack: "prod",
    edit: (c) => {
      // 4,996 spokes, 4 VPN connections and the egress VPC: 5,001 attachments.
      const template = spoke(c, "test");
      c.spokes = Array.from({ length: 4996 }, (_, i) => ({
        ...template,
        name: `spoke-${i}`,
        cidr: `10.${i >> 8}.${i & 255}.0/24`,
      }));
      hub(c).spokeSummaryCidrs = ["10.0.0.0/11"];
    },
    path: "spokes",
    rule: "quota-tgw-attachments",
    message:
      /4996 spokes, 4 VPN connections and the central egress VPC need 5001 Transit Gateway attachments; a transit gateway takes 5000 \(not adjustable\)/,
  },
  {
    name: "too many forbidden zone prefixes for one network ACL",
    edit: (c) => (item(c, "onPrem.zones", "prod-data").cidrs = Array.from({ length: 19 }, (_, i) => `10.${120 + i}.0.0/16`)),
    path: "spokes[development].onPremZones",
    rule: "network-acl-quota",
    message: /takes 21 inbound and 21 outbound network ACL rules; the default quota is 20 per direction/,
  },
  {
    // No zone, so not reachable from on-prem, but its default route goes to the TGW: the ACL is
    // needed outbound (and refuses the same zones inbound), so it counts against the quota too.
    name: "too many zone prefixes for the ACL of a spoke with no zone whose default route goes to the TGW",
    stack: "prod",
    edit: (c) => {
      item(c, "onPrem.zones", "prod-data").cidrs = Array.from({ length: 15 }, (_, i) => `10.${120 + i}.0.0/16`);
      spoke(c, "test").onPremZones = [];
    },
    path: "spokes[test].onPremZones",
    rule: "network-acl-quota",
    message: /takes 21 inbound and 21 outbound network ACL rules/,
  },
  // Names and references.
  {
    name: "duplicate spoke name",
    stack: "prod",
    edit: (c) => (spoke(c, "test").name = "development"),
    path: "spokes[development]",
    rule: "duplicate-name",
    message: /defined more than once in spokes/,
  },
  {
    name: "VPN naming a missing gateway",
    edit: (c) => (vpn(c).customerGateway = "cgw-backup"),
    path: "vpnConnections[vpn-1].customerGateway",
    rule: "unknown-reference",
    message: /"cgw-backup" is not a customer gateway; known: cgw-primary/,
  },
  {
    name: "spoke naming a missing segment",
    edit: (c) => (spoke(c).segment = "staging"),
    path: "spokes[development].segment",
    rule: "unknown-reference",
    message: /"staging" is not a segment/,
  },
  {
    name: "spoke naming a missing zone",
    edit: (c) => (spoke(c).onPremZones = ["shared-infra", "mainframe"]),
    path: "spokes[development].onPremZones[1]",
    rule: "unknown-reference",
    message: /"mainframe" is not a on-prem zone/,
  },
  {
    name: "spoke naming a missing account",
    edit: (c) => (spoke(c).account = "sandbox"),
    path: "spokes[development].account",
    rule: "unknown-reference",
    message: /"sandbox" is not a name in accounts/,
  },
  {
    name: "ingress from a zone the spoke cannot reach",
    stack: "prod",
    edit: (c) => (spoke(c, "test").ingress = [{ fromZone: "corporate-clients", ports: [{ fromPort: 22, toPort: 22 }] }]),
    path: "spokes[test].ingress[0].fromZone",
    rule: "ingress-zone-not-reachable",
    message: /not in this spoke's onPremZones/,
  },
  {
    name: "a spoke's zone that no connection carries",
    edit: (c) => ((c.onPrem as { advertises: unknown }).advertises = { zones: ["corporate-clients", "shared-infra"] }),
    path: "spokes[development].onPremZones[2]",
    rule: "zone-not-routed",
    message:
      /"builder-services" is neither announced by on-prem over a BGP connection \(onPrem\.advertises\.zones\) nor held by a static connection's staticRouteZones/,
  },
  {
    name: "a zone held statically and announced over BGP",
    stack: "prod",
    edit: (c) => {
      hub(c).ecmp = false;
      vpn(c, "vpn-2").routing = "static";
      vpn(c, "vpn-2").staticRouteZones = ["shared-infra", "dev-data"];
    },
    path: "vpnConnections[vpn-2].staticRouteZones",
    rule: "zone-static-and-bgp",
    message:
      /"shared-infra", "dev-data" are also announced over BGP \(vpn-1, vpn-3, vpn-4\); a static route beats the learned one and does not fail over/,
  },
  {
    name: "egress onprem over several static connections without a chosen default route",
    stack: "prod",
    edit: (c) => {
      hub(c).ecmp = false;
      for (const name of ["vpn-1", "vpn-2", "vpn-3", "vpn-4"]) vpn(c, name).routing = "static";
      vpn(c, "vpn-1").staticRouteZones = ["corporate-clients", "shared-infra", "builder-services"];
      vpn(c, "vpn-2").staticRouteZones = ["dev-data", "prod-services", "prod-data"];
      vpn(c, "vpn-3").staticRouteZones = [];
      vpn(c, "vpn-4").staticRouteZones = [];
    },
    path: "vpnConnections",
    rule: "static-default-choice",
    message:
      /spokes "development" send internet traffic to on-prem over static VPNs only: set staticDefaultRoute: true on the one of "vpn-1", "vpn-2", "vpn-3", "vpn-4"/,
  },
  {
    name: "two static connections carrying the default route",
    stack: "prod",
    edit: (c) => {
      hub(c).ecmp = false;
      for (const name of ["vpn-1", "vpn-2", "vpn-3", "vpn-4"]) vpn(c, name).routing = "static";
      vpn(c, "vpn-1").staticDefaultRoute = true;
      vpn(c, "vpn-3").staticDefaultRoute = true;
    },
    path: "vpnConnections[vpn-3].staticDefaultRoute",
    rule: "static-default-twice",
    message: /vpnConnections\[vpn-1\] already carries the static 0\.0\.0\.0\/0/,
  },
  {
    name: "a static default route on a BGP connection",
    stack: "prod",
    edit: (c) => (vpn(c, "vpn-2").staticDefaultRoute = true),
    path: "vpnConnections[vpn-2].staticDefaultRoute",
    rule: "static-default-needs-static-routing",
    message: /set only with routing "static" \(got "bgp"\)/,
  },
  {
    name: "segment reaching itself",
    edit: (c) => (item(c, "segments", "development").reachableSegments = ["development"]),
    path: "segments[development].reachableSegments[0]",
    rule: "segment-self-reference",
    message: /always reaches itself/,
  },
];

for (const c of cases) {
  test(`rejects: ${c.name}`, () => {
    const issues = issuesOf(c.stack ?? "dev", c.edit, c.secrets);
    const hit = issues.find((i) => i.path === c.path && i.rule === c.rule);
    assert.ok(hit, `expected ${c.path} [${c.rule}], got:\n${issues.map((i) => `${i.path} [${i.rule}] ${i.message}`).join("\n")}`);
    assert.match(hit.message, c.message);
  });
}

test("every error is reported at once, not only the first", () => {
  const issues = issuesOf("prod", (c) => {
    cgw(c).bgpAsn = 7224;
    vpn(c, "vpn-2").tunnel1.insideCidr = "169.254.0.0/30";
    spoke(c, "test").cidr = "10.40.0.0/16";
    spoke(c, "production").segment = "prod";
  });
  assert.deepEqual(issues.map((i) => i.rule).sort(), [
    "cgw-asn-reserved",
    "tunnel-inside-cidr-reserved",
    "unknown-reference",
    "vpc-cidr-overlap",
  ]);
});

test("a zone covered only by the default route on-prem announces is refused: a segment's default may lead elsewhere", () => {
  const issues = issuesOf("prod", (c) => ((c.onPrem as { advertises: unknown }).advertises = { zones: [], defaultRoute: true }));
  assert.ok(issues.some((i) => i.rule === "zone-not-routed" && i.path === "spokes[development].onPremZones[0]"));
  // prod names the zones it announces (every zone): accepted.
  assert.doesNotThrow(() => load("prod"));
});

test("both real stack files are valid", () => {
  assert.equal(load("dev").spokes.length, 1);
  assert.equal(load("prod").spokes.length, 3);
});

test("defaults are safe: hardened tunnel options, BGP, no acceleration, nothing protected in dev", () => {
  const dev = load("dev");
  const conn = first(dev.vpnConnections);
  assert.equal(conn.routing, "bgp");
  assert.equal(conn.acceleration, false);
  assert.deepEqual(conn.tunnelOptions.ikeVersions, ["ikev2"]);
  assert.deepEqual(conn.tunnelOptions.phase1EncryptionAlgorithms, ["AES256-GCM-16", "AES256"]);
  assert.deepEqual(conn.tunnelOptions.phase1IntegrityAlgorithms, ["SHA2-384", "SHA2-512"]);
  assert.ok(conn.tunnelOptions.phase1DhGroupNumbers.every((g) => g >= 19));
  assert.equal(conn.tunnels[0].presharedKey.source, "generated");
  assert.equal(dev.protect, false);
  assert.equal(load("prod").protect, true);
});

test("connection overrides merge over vpn.tunnelOptions over the hardened defaults", () => {
  const s = load("dev", (c) => {
    vpnBlock(c).tunnelOptions = { dpdTimeoutSeconds: 40, phase2LifetimeSeconds: 1800 };
    vpn(c).tunnelOptions = { dpdTimeoutAction: "clear" };
  });
  const o = first(s.vpnConnections, "VPN connection").tunnelOptions;
  assert.equal(o.dpdTimeoutSeconds, 40);
  assert.equal(o.phase2LifetimeSeconds, 1800);
  assert.equal(o.dpdTimeoutAction, "clear");
  assert.deepEqual(o.ikeVersions, ["ikev2"]);
});

test("subnet layout: private, public (nat only) and /28 transit subnets per AZ inside the VPC", () => {
  const dev = first(load("dev").spokes, "spoke");
  assert.deepEqual(dev.subnets, [
    { availabilityZone: "eu-west-1a", privateCidr: "10.20.0.0/19", transitCidr: "10.20.192.0/28", publicCidr: "10.20.128.0/20" },
    { availabilityZone: "eu-west-1b", privateCidr: "10.20.32.0/19", transitCidr: "10.20.192.16/28", publicCidr: "10.20.144.0/20" },
  ]);
  const prodDev = first(load("prod").spokes, "spoke");
  assert.deepEqual(
    prodDev.subnets.map((s) => [s.privateCidr, s.transitCidr, s.publicCidr]),
    dev.subnets.map((s) => [s.privateCidr, s.transitCidr, undefined]),
    "switching egress to onprem drops the public subnets and moves nothing else",
  );
});
