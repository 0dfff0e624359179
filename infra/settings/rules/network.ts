/**
 * Address-plan and topology rules. Sources: Amazon VPC User Guide "VPC CIDR blocks" (/16 to /28;
 * we need /24 or larger for the subnet layout); Transit Gateway guide "How transit gateways work"
 * (routing between overlapping CIDRs is impossible; one subnet per AZ per attachment) and
 * "Transit gateway quotas"; AWS RAM User Guide (principals).
 */
import { aggregate, isIpv4Cidr, overlappingPairs, prefixLength, within } from "../../lib/cidr";
import { maxAvailabilityZones } from "../defaults";
import { keyPath, show } from "../errors";
import { maxVpcPrefix, minVpcPrefix } from "../subnet-layout";
import { segmentsMayTalk, spokeRefusedZones } from "../intent";
import { unhandled } from "../../lib/exhaustive";
import { egressModes, segmentDefaultRoutes, spokeEgressModes } from "../../vocabulary/egress";
import type { SegmentDefaultRoute, SpokeEgress } from "../../vocabulary/egress";
import { NatGatewayPlacement } from "../../vocabulary/vpc";
import type { Rule } from "./context";

interface NamedCidr {
  path: string;
  cidr: string;
}

function vpcCidrs(config: Parameters<Rule>[0]): NamedCidr[] {
  const list = config.spokes.map((s) => ({ path: keyPath("spokes", s.name, "cidr"), cidr: s.cidr }));
  if (config.centralEgress) list.push({ path: "centralEgress.cidr", cidr: config.centralEgress.cidr });
  return list;
}

function zoneCidrs(config: Parameters<Rule>[0]): NamedCidr[] {
  return config.onPrem.zones.flatMap((z) => z.cidrs.map((cidr, i) => ({ path: keyPath("onPrem.zones", z.name, "cidrs", i), cidr })));
}

/** VPC CIDRs: IPv4 network addresses, /16 to /24. */
export const vpcCidrFormat: Rule = (config, _ctx, out) => {
  for (const { path, cidr } of vpcCidrs(config)) {
    if (!isIpv4Cidr(cidr)) out.report(path, "cidr-format", `${show(cidr)} is not an IPv4 CIDR with its network address (e.g. 10.1.0.0/16)`);
    else if (prefixLength(cidr) < minVpcPrefix || prefixLength(cidr) > maxVpcPrefix) {
      out.report(path, "vpc-cidr-size", `${show(cidr)} must be /${minVpcPrefix} to /${maxVpcPrefix}`);
    }
  }
};

/** On-prem zone prefixes: IPv4 network addresses. */
export const zoneCidrFormat: Rule = (config, _ctx, out) => {
  for (const { path, cidr } of zoneCidrs(config)) {
    if (!isIpv4Cidr(cidr))
      out.report(path, "cidr-format", `${show(cidr)} is not an IPv4 CIDR with its network address (e.g. 10.200.0.0/16)`);
  }
};

/** VPCs attached to one TGW cannot overlap each other nor on-prem: routes would be ambiguous. */
export const noOverlaps: Rule = (config, _ctx, out) => {
  const vpcs = vpcCidrs(config)
    .filter((v) => isIpv4Cidr(v.cidr))
    .map((v) => ({ ...v, zone: false }));
  const zones = zoneCidrs(config)
    .filter((z) => isIpv4Cidr(z.cidr))
    .map((z) => ({ ...z, zone: true }));
  for (const [a, b] of overlappingPairs([...vpcs, ...zones])) {
    if (!a.zone && !b.zone) out.report(b.path, "vpc-cidr-overlap", `${show(b.cidr)} overlaps ${a.path} ${show(a.cidr)}`);
    else if (!a.zone) out.report(a.path, "vpc-cidr-overlaps-onprem", `${show(a.cidr)} overlaps on-prem ${b.path} ${show(b.cidr)}`);
    else
      out.report(
        b.path,
        "onprem-zone-overlap",
        `${show(b.cidr)} overlaps ${a.path} ${show(a.cidr)}; segmentation by zone needs disjoint zones`,
      );
  }
};

/** Availability zones: 1 to 4, distinct, in the stack's region. */
export const availabilityZones: Rule = (config, ctx, out) => {
  const sets = config.spokes.map((s) => ({ path: keyPath("spokes", s.name, "availabilityZones"), azs: s.availabilityZones }));
  if (config.centralEgress) sets.push({ path: "centralEgress.availabilityZones", azs: config.centralEgress.availabilityZones });
  for (const { path, azs } of sets) {
    if (azs.length > maxAvailabilityZones) out.report(path, "az-count", `${azs.length} zones; at most ${maxAvailabilityZones}`);
    if (new Set(azs).size !== azs.length) out.report(path, "az-duplicate", `${show(azs)} lists a zone twice`);
    const foreign = azs.filter((az) => !(az.startsWith(ctx.region) && /^[a-z]$/.test(az.slice(ctx.region.length))));
    if (foreign.length > 0)
      out.report(path, "az-region", `${show(foreign)} not in region ${ctx.region} (expected ${ctx.region}a, ${ctx.region}b, ...)`);
  }
};

/**
 * What a spoke's egress mode needs (vocabulary/egress.ts): a static default route to the central
 * egress VPC needs that VPC; a default route toward on-prem needs a VPN, and with BGP on-prem must
 * announce 0.0.0.0/0; over static VPNs only, a static route carries it, to one connection (one
 * static route per prefix: Transit Gateway quotas), which must be chosen (`staticDefaultRoute`)
 * when there are several, never taken by list position. A segment's TGW route table holds one default route, so the spokes of a
 * segment may not need two different ones. `natGateways` applies only to modes with NAT gateways of
 * their own.
 */
export const egressPrerequisites: Rule = (config, _ctx, out) => {
  const need = (s: { egress: SpokeEgress }) => egressModes[s.egress].segmentDefaultRoute;
  const rank = (n: SegmentDefaultRoute) => segmentDefaultRoutes.indexOf(n);
  const withOwnNat = spokeEgressModes.filter((m) => egressModes[m].ownNatGateways);
  // Per segment, the first spoke needing each default route (the conflict check reads these, not
  // every other spoke: an estate has thousands).
  const firstNeeding = new Map<string, Map<SegmentDefaultRoute, { at: number; spoke: (typeof config.spokes)[number] }>>();
  config.spokes.forEach((o, at) => {
    if (need(o) === "none") return;
    let bySegment = firstNeeding.get(o.segment);
    if (!bySegment) firstNeeding.set(o.segment, (bySegment = new Map()));
    if (!bySegment.has(need(o))) bySegment.set(need(o), { at, spoke: o });
  });
  // Spokes sending their internet traffic to on-prem over static VPNs only (no BGP to learn it from).
  const overStaticOnly: string[] = [];
  const firstPeer = (segment: string, needed: SegmentDefaultRoute) =>
    [...(firstNeeding.get(segment)?.values() ?? [])].filter((o) => rank(need(o.spoke)) < rank(needed)).sort((a, b) => a.at - b.at)[0]
      ?.spoke;
  for (const s of config.spokes) {
    const path = keyPath("spokes", s.name, "egress");
    const mode = show(s.egress);
    const needed = need(s);
    switch (needed) {
      case "none":
        break;
      case "central-egress-vpc":
        if (!config.centralEgress)
          out.report(path, "egress-central-needs-vpc", `${mode} needs a centralEgress block (cidr, availabilityZones)`);
        break;
      case "onprem": {
        if (config.vpnConnections.length === 0) out.report(path, "egress-onprem-needs-vpn", `${mode} needs at least one VPN connection`);
        const bgp = config.vpnConnections.some((c) => c.routing === "bgp");
        if (bgp && !config.onPrem.advertises.defaultRoute) {
          out.report(
            path,
            "egress-onprem-needs-default-route",
            `${mode} with BGP needs onPrem.advertises.defaultRoute true (on-prem announces 0.0.0.0/0 on every tunnel)`,
          );
        }
        if (!bgp) overStaticOnly.push(s.name);
        break;
      }
      default:
        unhandled(needed, "segment default route");
    }
    // Reported once per pair: at the spoke whose need comes later in segmentDefaultRoutes.
    const peer = firstPeer(s.segment, needed);
    if (peer) {
      out.report(
        path,
        "egress-segment-conflict",
        `${mode} while spoke ${show(peer.name)} of the same segment ${show(s.segment)} uses ${show(peer.egress)}; a segment's TGW route table has one default route`,
      );
    }
    if (!egressModes[s.egress].ownNatGateways && s.natGateways !== NatGatewayPlacement.PerAz) {
      out.report(
        keyPath("spokes", s.name, "natGateways"),
        "nat-gateways-without-nat",
        `${show(s.natGateways)} applies only to egress ${withOwnNat.map((m) => show(m)).join(" or ")} (got egress ${mode})`,
      );
    }
  }
  const statics = config.vpnConnections.filter((c) => c.routing === "static");
  if (overStaticOnly.length > 0 && statics.length > 1 && !statics.some((c) => c.staticDefaultRoute === true)) {
    out.report(
      "vpnConnections",
      "static-default-choice",
      `spokes ${overStaticOnly.map((n) => show(n)).join(", ")} send internet traffic to on-prem over static VPNs only: set staticDefaultRoute: true on the one of ${statics.map((c) => show(c.name)).join(", ")} that carries 0.0.0.0/0`,
    );
  }
};

/** RAM principals: a 12-digit account id, an organization ARN or an OU ARN. */
export const sharePrincipals: Rule = (config, _ctx, out) => {
  config.hub.sharePrincipals.forEach((p, i) => {
    const ok =
      /^\d{12}$/.test(p) ||
      /^arn:aws[a-z-]*:organizations::\d{12}:(organization\/o-[a-z0-9]{10,32}|ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})$/.test(
        p,
      );
    if (!ok) out.report(`hub.sharePrincipals[${i}]`, "ram-principal", `${show(p)} is not an account id, organization ARN or OU ARN`);
  });
};

/** Accounts: 12-digit ids, IAM role ARNs. */
export const accountFormat: Rule = (config, _ctx, out) => {
  for (const a of config.accounts) {
    if (!/^\d{12}$/.test(a.accountId))
      out.report(keyPath("accounts", a.name, "accountId"), "account-id", `${show(a.accountId)} is not a 12-digit account id`);
    if (a.roleArn !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(a.roleArn)) {
      out.report(keyPath("accounts", a.name, "roleArn"), "role-arn", `${show(a.roleArn)} is not an IAM role ARN`);
    }
  }
};

/** Transit gateway quota: 20 route tables (one per segment plus the on-prem table). */
export const routeTableQuota: Rule = (config, _ctx, out) => {
  // One per segment, one for on-prem, one for the central egress VPC's attachment.
  const tables = config.segments.length + 1 + (config.centralEgress ? 1 : 0);
  if (tables > 20)
    out.report("segments", "quota-route-tables", `${config.segments.length} segments need ${tables} TGW route tables; the quota is 20`);
};

/**
 * Transit gateway quota "Attachments per transit gateway": 5,000, not adjustable ("Transit gateway
 * quotas"). Every spoke VPC, the central egress VPC and every VPN connection is one attachment.
 */
export const tgwAttachmentQuota = 5000;

export const attachmentQuota: Rule = (config, _ctx, out) => {
  const egress = config.centralEgress ? 1 : 0;
  const attachments = config.spokes.length + egress + config.vpnConnections.length;
  if (attachments > tgwAttachmentQuota) {
    out.report(
      "spokes",
      "quota-tgw-attachments",
      `${config.spokes.length} spokes, ${config.vpnConnections.length} VPN connections${egress ? " and the central egress VPC" : ""} need ${attachments} Transit Gateway attachments; a transit gateway takes ${tgwAttachmentQuota} (not adjustable)`,
    );
  }
};

/** Security group port rules: a range where from <= to; icmp/all use -1. */
export const ingressPorts: Rule = (config, _ctx, out) => {
  for (const s of config.spokes) {
    const seen = new Map<string, string>();
    s.ingress.forEach((rule, i) => {
      rule.ports.forEach((p, j) => {
        const path = keyPath("spokes", s.name, "ingress", i, "ports", j);
        // SecurityGroupIngressRule: tcp/udp take a port range; icmp takes a type (fromPort) and a code
        // (toPort), each -1 (any) to 255; protocol "all" takes no ports.
        if (p.protocol === "tcp" || p.protocol === "udp") {
          if (p.fromPort < 0 || p.toPort < 0)
            out.report(path, "port-range", `${p.protocol} ports are 0-65535 (got ${p.fromPort}-${p.toPort})`);
          else if (p.fromPort > p.toPort) out.report(path, "port-range", `fromPort ${p.fromPort} is above toPort ${p.toPort}`);
        } else if (p.protocol === "icmp" && (p.fromPort > 255 || p.toPort > 255)) {
          out.report(
            path,
            "icmp-type-code",
            `icmp takes a type (fromPort) and a code (toPort), each -1 to 255 (got ${p.fromPort}/${p.toPort})`,
          );
        }
        const key = `${rule.fromZone}|${p.protocol}|${p.protocol === "all" ? "" : `${p.fromPort}-${p.toPort}`}`;
        const first = seen.get(key);
        if (first !== undefined) out.report(path, "ingress-duplicate", `the same zone, protocol and ports as ${first}`);
        else seen.set(key, path);
      });
    });
  }
};

/** Summary prefixes: IPv4 CIDRs, and every spoke lies inside one (or its peers could not route to it). */
export const spokeSummaries: Rule = (config, _ctx, out) => {
  const summaries = config.hub.spokeSummaryCidrs;
  summaries.forEach((cidr, i) => {
    if (!isIpv4Cidr(cidr))
      out.report(`hub.spokeSummaryCidrs[${i}]`, "cidr-format", `${show(cidr)} is not an IPv4 CIDR with its network address`);
  });
  const valid = summaries.filter(isIpv4Cidr);
  if (valid.length === 0) return;
  for (const spoke of config.spokes) {
    if (
      isIpv4Cidr(spoke.cidr) &&
      !valid.some((summary) => within(spoke.cidr, summary) && prefixLength(summary) < prefixLength(spoke.cidr))
    ) {
      out.report(
        keyPath("spokes", spoke.name, "cidr"),
        "spoke-outside-summary",
        `${show(spoke.cidr)} is in none of hub.spokeSummaryCidrs ${show(valid)} (a summary must be larger than the spoke)`,
      );
    }
  }
};

/**
 * VPC quota "routes per route table" (50 by default, up to 1,000): a spoke's workload route table
 * holds its on-prem zone routes, its peer blocks (aggregated) or the summaries, and the default route.
 */
export const vpcRouteTableQuota: Rule = (config, _ctx, out) => {
  const quota = config.hub.vpcRouteTableQuota;
  const valid = config.spokes.filter((s) => isIpv4Cidr(s.cidr));
  // The spokes of the segments each segment may talk to (computed once per segment: an estate has thousands of spokes).
  const reachable = new Map<string, typeof valid>();
  const peersOf = (spoke: (typeof valid)[number]) => {
    let all = reachable.get(spoke.segment);
    if (!all) reachable.set(spoke.segment, (all = valid.filter((p) => segmentsMayTalk(config, spoke.segment, p.segment))));
    return all.filter((p) => p.name !== spoke.name);
  };
  for (const spoke of valid) {
    const zoneRoutes = config.onPrem.zones.filter((z) => spoke.onPremZones.includes(z.name)).reduce((n, z) => n + z.cidrs.length, 0);
    const fixed = zoneRoutes + 1;
    // Aggregation only merges: the raw peer count is an upper bound, checked before aggregating.
    const peers = config.hub.spokeSummaryCidrs.length > 0 ? [] : peersOf(spoke);
    const peerRoutes =
      config.hub.spokeSummaryCidrs.length > 0
        ? config.hub.spokeSummaryCidrs.length
        : fixed + peers.length <= quota
          ? peers.length
          : aggregate(peers.map((p) => p.cidr)).length;
    if (fixed + peerRoutes > quota) {
      out.report(
        keyPath("spokes", spoke.name),
        "vpc-route-table-quota",
        `its workload route tables need ${fixed + peerRoutes} routes (${zoneRoutes} on-prem, ${peerRoutes} to other spokes, 1 default); hub.vpcRouteTableQuota is ${quota}: set hub.spokeSummaryCidrs or raise the quota`,
      );
    }
  }
  // The central egress VPC's public route table: the default route, a return route per spoke block
  // (or summary) and per on-prem zone CIDR.
  if (config.centralEgress) {
    const summaries = config.hub.spokeSummaryCidrs;
    const spokeBlocks = summaries.length > 0 ? summaries.length : aggregate(valid.map((s) => s.cidr)).length;
    const zoneCidrCount = config.onPrem.zones.reduce((n, z) => n + z.cidrs.length, 0);
    if (1 + spokeBlocks + zoneCidrCount > quota) {
      out.report(
        "centralEgress",
        "vpc-route-table-quota",
        `its public route table needs ${1 + spokeBlocks + zoneCidrCount} routes (${spokeBlocks} spoke blocks, ${zoneCidrCount} on-prem, 1 default); hub.vpcRouteTableQuota is ${quota}: set hub.spokeSummaryCidrs or raise the quota`,
      );
    }
  }
};

/** An account other than the network account is reached only through its role; without one the ambient credentials' account would be used. */
export const accountRoles: Rule = (config, _ctx, out) => {
  for (const a of config.accounts) {
    if (a.roleArn === undefined && a.name !== config.networkAccount) {
      out.report(
        keyPath("accounts", a.name, "roleArn"),
        "account-needs-role",
        `not set for account ${show(a.accountId)}, which is not networkAccount: only the network account may use the ambient credentials`,
      );
    }
  }
};

/** AWS RAM: a spoke in another account sees the TGW only when the share covers its account (or the organization / an OU). */
export const spokeAccountsShared: Rule = (config, _ctx, out) => {
  const principals = config.hub.sharePrincipals;
  const orgWide = principals.some((p) => p.startsWith("arn:"));
  for (const s of config.spokes) {
    const account = config.accounts.find((a) => a.name === s.account);
    if (!account || account.name === config.networkAccount || orgWide) continue;
    if (!principals.includes(account.accountId)) {
      out.report(
        keyPath("spokes", s.name, "account"),
        "spoke-account-not-shared",
        `account ${show(account.accountId)} is not in hub.sharePrincipals, so it cannot attach to the TGW`,
      );
    }
  }
};

/**
 * VPC quota "rules per network ACL" (Amazon VPC quotas: 20 by default, adjustable; a one-way quota,
 * counted for inbound and for outbound rules separately): a spoke's workload ACL holds, in each
 * direction, a deny per CIDR of every on-prem zone it refuses (settings/intent.ts,
 * spokeRefusedZones), plus the final allow.
 */
export const networkAclRulesPerDirection = 20;
export const networkAclQuota: Rule = (config, _ctx, out) => {
  for (const spoke of config.spokes) {
    const refusals = spokeRefusedZones(config, spoke);
    const count = (zones: { cidrs: string[] }[]) => (zones.length === 0 ? 0 : zones.reduce((n, z) => n + z.cidrs.length, 0) + 1);
    const over = (["inbound", "outbound"] as const)
      .map((direction) => ({ direction, rules: count(refusals[direction]) }))
      .filter((d) => d.rules > networkAclRulesPerDirection);
    if (over.length > 0) {
      out.report(
        keyPath("spokes", spoke.name, "onPremZones"),
        "network-acl-quota",
        `refusing the other zones takes ${over.map((d) => `${d.rules} ${d.direction}`).join(" and ")} network ACL rules; the default quota is ${networkAclRulesPerDirection} per direction (merge zone prefixes or raise the quota)`,
      );
    }
  }
};

export const networkRules: Rule[] = [
  vpcCidrFormat,
  zoneCidrFormat,
  noOverlaps,
  availabilityZones,
  egressPrerequisites,
  sharePrincipals,
  accountFormat,
  routeTableQuota,
  attachmentQuota,
  ingressPorts,
  spokeSummaries,
  vpcRouteTableQuota,
  accountRoles,
  spokeAccountsShared,
  networkAclQuota,
];
