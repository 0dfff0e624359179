/**
 * Stack config -> NetworkSettings. Parses the project's config keys with the schema, applies every
 * rule, and either returns settings or throws one SettingsError listing every problem.
 */
import type { z } from "zod";
import { hostAddress } from "../lib/cidr";
import { egressModes } from "../vocabulary/egress";
import { resolveExistingVpc } from "./adoption";
import { planCapacity } from "./capacity";
import { defaultDashboardName, hardenedTunnelOptions } from "./defaults";
import { IssueCollector, SettingsError, show } from "./errors";
import type { SettingsIssue } from "./errors";
import { allRules } from "./rules";
import type { RuleContext } from "./rules";
import { configKeys, configSchema } from "./schema";
import type { ParsedConfig } from "./schema";
import { layoutSubnets } from "./subnet-layout";
import { allocateInsideCidrs } from "./tunnel-cidrs";
import type { NetworkSettings, TunnelSettings, VpnConnectionSettings } from "./types";
import { announcedZones, staticZones } from "./zones";

/** Config as the Pulumi engine hands it to a program: `namespace:key` -> string (JSON for objects). */
export interface RawConfig {
  values: Record<string, string>;
  secretKeys: string[];
}

export interface LoadContext {
  project: string;
  stack: string;
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Turns a zod issue path into a key path by item names: ["spokes", 1, "cidr"] -> spokes[prod].cidr. */
function namedPath(root: unknown, path: PropertyKey[]): string {
  let out = "";
  let node: unknown = root;
  for (const part of path) {
    if (typeof part === "number") {
      const item = Array.isArray(node) ? (node[part] as unknown) : undefined;
      const name = item && typeof item === "object" && "name" in item && typeof item.name === "string" ? item.name : undefined;
      out += name !== undefined ? `[${name}]` : `[${part}]`;
      node = item;
    } else {
      out += out === "" ? String(part) : `.${String(part)}`;
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[String(part)] : undefined;
    }
  }
  return out;
}

function schemaIssues(root: unknown, error: z.ZodError, project: string): SettingsIssue[] {
  return error.issues.map((issue) => {
    const base = namedPath(root, issue.path);
    if (issue.code === "unrecognized_keys") {
      return {
        path: base || project,
        rule: "unknown-key",
        message: `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => show(k)).join(", ")} (typo?)`,
      };
    }
    const got = issue.path.reduce<unknown>(
      (node, p) => (node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[p] : undefined),
      root,
    );
    return {
      path: base || project,
      rule: issue.code === "invalid_type" && got === undefined ? "required" : "schema",
      message: got === undefined ? issue.message : `${issue.message} (got ${show(got)})`,
    };
  });
}

/** Reads `aws:region`; the AWS provider needs it and several rules depend on it. */
function readRegion(raw: RawConfig, out: IssueCollector): string {
  const region = raw.values["aws:region"];
  if (region === undefined) {
    out.report("aws:region", "required", "the stack's AWS region is not set (pulumi config set aws:region <region>)");
    return "";
  }
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) out.report("aws:region", "region-format", `${show(region)} is not an AWS region name`);
  return region;
}

export function loadSettings(raw: RawConfig, context: LoadContext): NetworkSettings {
  const out = new IssueCollector();
  const region = readRegion(raw, out);
  const prefix = `${context.project}:`;
  const rawKeys: RuleContext["rawKeys"] = new Map();
  const document: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(raw.values)) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    const value = parseValue(text);
    rawKeys.set(key, { value: typeof value === "string" ? value : text, secret: raw.secretKeys.includes(fullKey) });
    if (configKeys.includes(key)) document[key] = value;
  }
  const parsed = configSchema.safeParse(document);
  if (!parsed.success) {
    out.issues.push(...schemaIssues(document, parsed.error, context.project));
  }
  // Keys that are neither schema keys nor pre-shared keys referenced by a tunnel are typos.
  const referencedSecrets = new Set(
    (parsed.success ? parsed.data.vpnConnections : []).flatMap((c) =>
      [c.tunnel1, c.tunnel2].flatMap((t) => (t.presharedKey?.source === "config" ? [t.presharedKey.configKey] : [])),
    ),
  );
  for (const key of rawKeys.keys()) {
    if (!configKeys.includes(key) && !referencedSecrets.has(key)) {
      out.report(`${prefix}${key}`, "unknown-key", `unknown config key ${show(key)} (known: ${configKeys.join(", ")})`);
    }
  }
  if (!parsed.success) throw new SettingsError(out.issues);
  for (const rule of allRules) rule(parsed.data, { region, rawKeys }, out);
  if (out.issues.length > 0) throw new SettingsError(out.issues);
  return resolve(parsed.data, region, context);
}

/** Fills in defaults that depend on other fields: tunnel options, inside CIDRs, subnets, capacity. */
function resolve(config: ParsedConfig, region: string, context: LoadContext): NetworkSettings {
  const insideCidrs = allocateInsideCidrs(
    config.vpnConnections.flatMap((c) => [
      { connection: c.name, tunnel: 1 as const, configured: c.tunnel1.insideCidr },
      { connection: c.name, tunnel: 2 as const, configured: c.tunnel2.insideCidr },
    ]),
  );
  const allZoneCidrs = (names: string[]) => config.onPrem.zones.filter((z) => names.includes(z.name)).flatMap((z) => z.cidrs);
  const vpnConnections: VpnConnectionSettings[] = config.vpnConnections.map((c) => {
    // A certificate gateway's tunnels authenticate with its certificate: no pre-shared key.
    const certificate = config.customerGateways.some((g) => g.name === c.customerGateway && g.certificateArn !== undefined);
    const tunnel = (n: 1 | 2): TunnelSettings => {
      const t = n === 1 ? c.tunnel1 : c.tunnel2;
      const cidr = insideCidrs.get(`${c.name}/${n}`) as string;
      return {
        insideCidr: cidr,
        insideCidrAllocated: t.insideCidr === undefined,
        awsInsideAddress: hostAddress(cidr, 1),
        customerInsideAddress: hostAddress(cidr, 2),
        ...(t.insideIpv6Cidr !== undefined ? { insideIpv6Cidr: t.insideIpv6Cidr } : {}),
        presharedKey: certificate ? { source: "certificate" } : (t.presharedKey ?? { source: "generated" }),
      };
    };
    return {
      name: c.name,
      customerGateway: c.customerGateway,
      routing: c.routing,
      staticRoutes: c.routing === "static" ? allZoneCidrs(staticZones(config, c)) : [],
      staticDefaultRoute:
        c.routing === "static" && (c.staticDefaultRoute ?? config.vpnConnections.filter((x) => x.routing === "static").length === 1),
      acceleration: c.acceleration,
      tunnelBandwidth: c.tunnelBandwidth,
      outsideIpAddressType: c.outsideIpAddressType,
      ...(c.transportTransitGatewayAttachmentId ? { transportTransitGatewayAttachmentId: c.transportTransitGatewayAttachmentId } : {}),
      tunnelInsideIpVersion: c.tunnelInsideIpVersion,
      presharedKeyStorage: c.presharedKeyStorage,
      tunnelOptions: { ...hardenedTunnelOptions, ...config.vpn.tunnelOptions, ...c.tunnelOptions },
      tunnels: [tunnel(1), tunnel(2)],
    };
  });
  return {
    project: context.project,
    stack: context.stack,
    region,
    ...(config.networkAccount !== undefined ? { networkAccount: config.networkAccount } : {}),
    accounts: config.accounts,
    hub: config.hub,
    customerGateways: config.customerGateways,
    vpn: {
      logging: config.vpn.logging,
      alarms: config.vpn.alarms,
      capacity: planCapacity({ requiredGbps: config.vpn.requiredBandwidthGbps, ecmp: config.hub.ecmp, connections: config.vpnConnections }),
    },
    vpnConnections,
    onPrem: {
      zones: config.onPrem.zones,
      advertisedZones: announcedZones(config),
      advertisesDefaultRoute: config.onPrem.advertises.defaultRoute,
    },
    segments: config.segments,
    spokes: config.spokes.map(({ existing, ...s }) =>
      existing
        ? // An adopted VPC keeps its own subnets (docs/adopt.md); the program adds only the attachment /28s.
          { ...s, subnets: [], existing: resolveExistingVpc({ ...s, existing }) }
        : // Public subnets only where the egress mode runs NAT gateways of its own.
          { ...s, subnets: layoutSubnets(s.cidr, s.availabilityZones, egressModes[s.egress].ownNatGateways) },
    ),
    ...(config.centralEgress
      ? {
          centralEgress: {
            ...config.centralEgress,
            subnets: layoutSubnets(config.centralEgress.cidr, config.centralEgress.availabilityZones, true),
          },
        }
      : {}),
    flowLogs: config.flowLogs,
    monitoring: {
      dashboard: {
        enabled: config.monitoring.dashboard.enabled,
        name: config.monitoring.dashboard.name ?? defaultDashboardName(context.project, context.stack),
      },
      blackholeAlarms: config.monitoring.blackholeAlarms,
    },
    protect: config.protect,
    tags: config.tags,
    ...(config.exampleOf !== undefined ? { exampleOf: config.exampleOf } : {}),
  };
}
