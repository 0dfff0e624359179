/**
 * Report section "Site-to-Site VPN", read from what the program registered: the customer gateways,
 * each connection with its TGW attachment's association, propagations and static routes, logs and
 * alarms; a per-tunnel table for the network team (outside IP, inside CIDR and addresses, ASNs,
 * proposals, where the key comes from, never the key); and the ECMP sizing.
 *
 * The section fails the plan when the program registered something the VPN design forbids: an
 * unpinned inside CIDR, a key in plain text, an attachment not associated with the on-prem table
 * or missing a segment propagation, VpnConnectionRoute on a TGW VPN, missing alarms or logs, or
 * too little bandwidth with one tunnel down.
 */
import { generatedKeyName } from "../../../infra/components/vpn/keys";
import { planCapacity } from "../../../infra/settings/capacity";
import type { CapacityPlan } from "../../../infra/settings/types";
import { ofType as ofTypeIn, resourceById } from "../../runtime/run-index";
import type { CapturedResource, CapturedRun } from "../../runtime/captured-run";
import { knownAfterDeploy, placeholdersOf, shown } from "../placeholders";
import type { SectionResult } from "../section";
import { awsTypes } from "../../runtime/types";
import { onPremTableKey } from "../../../infra/vocabulary/hub";

export interface CustomerGatewayRow {
  name: string;
  ipAddress: string;
  bgpAsn: string;
  /** `bgpAsn` or `bgpAsnExtended`: the provider field the ASN went to. */
  asnField: string;
  deviceName: string;
  protect: boolean;
}

export interface TunnelRow {
  connection: string;
  tunnel: 1 | 2;
  customerGateway: string;
  /** AWS's outside address: `(known after deploy)` offline. */
  outsideIp: string;
  insideCidr: string;
  awsInsideAddress: string;
  customerInsideAddress: string;
  awsAsn: string;
  customerAsn: string;
  ikeVersions: string;
  phase1: string;
  phase2: string;
  dpd: string;
  startupAction: string;
  /** Where the key comes from (generated, config secret, AWS) and where AWS keeps it. Never the key. */
  key: string;
  logGroup: string;
}

export interface ConnectionRow {
  name: string;
  customerGateway: string;
  routing: "bgp" | "static";
  acceleration: boolean;
  tunnelBandwidth: string;
  protect: boolean;
  /** The TGW attachment id: `(known after deploy)` offline. */
  attachmentId: string;
  associatedWith: string[];
  propagatesTo: string[];
  staticRoutes: string[];
  logGroups: string[];
  alarms: string[];
}

export interface VpnSummary {
  customerGateways: CustomerGatewayRow[];
  connections: ConnectionRow[];
  tunnels: TunnelRow[];
  /** ECMP sizing from the registered connections and the TGW's ECMP setting. */
  capacity: CapacityPlan & { ecmp: boolean };
  problems: string[];
}

function str(v: unknown): string {
  return typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v);
}

function list(v: unknown, sep = "/"): string {
  return Array.isArray(v) ? v.map(String).join(sep) : str(v);
}

export function summariseVpn(run: CapturedRun): VpnSummary {
  const ofType = (type: string) => ofTypeIn(run, type);
  const byId = { get: (id: unknown) => resourceById(run, id) };
  const byUrn = new Map(run.resources.filter((r) => r.custom).map((r) => [r.urn, r]));
  const placeholders = placeholdersOf(run);
  const problems: string[] = [];

  const customerGateways = ofType(awsTypes.cgw).map((g): CustomerGatewayRow => ({
    name: g.name,
    ipAddress: str(g.inputs.ipAddress),
    bgpAsn: str(g.inputs.bgpAsn ?? g.inputs.bgpAsnExtended),
    asnField: g.inputs.bgpAsnExtended !== undefined ? "bgpAsnExtended" : "bgpAsn",
    deviceName: str(g.inputs.deviceName),
    protect: g.protect,
  }));

  const tables = ofType(awsTypes.tgwRouteTable);
  const segmentNames = run.settings?.segments.map((s) => s.name) ?? [];
  const segmentOf = (table: CapturedResource | undefined) => (table?.inputs.tags as Record<string, string> | undefined)?.segment;
  const segmentTables = tables.filter((tb) => segmentNames.includes(segmentOf(tb) ?? ""));
  const tableName = (id: unknown) => byId.get(str(id))?.name ?? str(id);
  const alarmsOn = run.settings?.vpn.alarms.enabled ?? true;
  const logsOn = run.settings?.vpn.logging.enabled ?? true;

  const connections: ConnectionRow[] = [];
  const tunnels: TunnelRow[] = [];
  for (const vpn of ofType(awsTypes.vpn)) {
    const attachmentId = str(vpn.outputs.transitGatewayAttachmentId);
    const onAttachment = (type: string) => ofType(type).filter((r) => r.inputs.transitGatewayAttachmentId === attachmentId);
    const gateway = byId.get(str(vpn.inputs.customerGatewayId));
    const associations = onAttachment(awsTypes.tgwAssociation);
    const propagations = onAttachment(awsTypes.tgwPropagation);
    const alarms = ofType(awsTypes.alarm).filter((a) => (a.inputs.dimensions as Record<string, unknown> | undefined)?.VpnId === vpn.id);
    const logGroups: string[] = [];
    // Per tunnel: its key was generated when the connection depends on that tunnel's random key.
    const generated = (n: 1 | 2) =>
      vpn.dependencies.some((u) => {
        const r = byUrn.get(u);
        return r?.type === awsTypes.password && r.name === generatedKeyName(vpn.name, n);
      });
    const ipv4 = (vpn.inputs.tunnelInsideIpVersion ?? "ipv4") === "ipv4";
    const row: ConnectionRow = {
      name: vpn.name,
      customerGateway: gateway?.name ?? str(vpn.inputs.customerGatewayId),
      routing: vpn.inputs.staticRoutesOnly === true ? "static" : "bgp",
      acceleration: vpn.inputs.enableAcceleration === true,
      tunnelBandwidth: str(vpn.inputs.tunnelBandwidth ?? "standard"),
      protect: vpn.protect,
      attachmentId: String(shown(placeholders, attachmentId)),
      associatedWith: associations.map((a) => tableName(a.inputs.transitGatewayRouteTableId)),
      propagatesTo: propagations.map((p) => tableName(p.inputs.transitGatewayRouteTableId)).sort(),
      staticRoutes: onAttachment(awsTypes.tgwRoute).map(
        (r) => `${tableName(r.inputs.transitGatewayRouteTableId)} ${str(r.inputs.destinationCidrBlock)}`,
      ),
      logGroups,
      alarms: alarms.map((a) => a.name).sort(),
    };

    for (const n of [1, 2] as const) {
      const p = `tunnel${n}`;
      const input = (k: string) => vpn.inputs[`${p}${k}`];
      const logArn = (input("LogOptions") as { cloudwatchLogOptions?: { logGroupArn?: string } } | undefined)?.cloudwatchLogOptions
        ?.logGroupArn;
      const logGroup = logArn !== undefined ? ofType(awsTypes.logGroup).find((g) => g.outputs.arn === logArn) : undefined;
      if (logGroup) logGroups.push(logGroup.name);
      const hasKey = input("PresharedKey") !== undefined;
      if (hasKey && !vpn.secretInputs.includes(`${p}PresharedKey`)) problems.push(`${vpn.name} tunnel ${n}: pre-shared key is not secret`);
      if (ipv4 && input("InsideCidr") === undefined) problems.push(`${vpn.name} tunnel ${n}: inside CIDR not pinned`);
      if (logsOn && !logGroup) problems.push(`${vpn.name} tunnel ${n}: no CloudWatch log group`);
      const storage = vpn.inputs.presharedKeyStorage === "SecretsManager" ? ", kept in Secrets Manager" : "";
      tunnels.push({
        connection: vpn.name,
        tunnel: n,
        customerGateway: row.customerGateway,
        outsideIp: str(shown(placeholders, vpn.outputs[`${p}Address`])),
        insideCidr: str(input("InsideCidr") ?? input("InsideIpv6Cidr")),
        awsInsideAddress: str(vpn.outputs[`${p}VgwInsideAddress`]),
        customerInsideAddress: str(vpn.outputs[`${p}CgwInsideAddress`]),
        awsAsn: str(vpn.outputs[`${p}BgpAsn`]),
        customerAsn: str(gateway?.inputs.bgpAsn ?? gateway?.inputs.bgpAsnExtended),
        ikeVersions: list(input("IkeVersions")),
        phase1: `${list(input("Phase1EncryptionAlgorithms"))}; ${list(input("Phase1IntegrityAlgorithms"))}; DH ${list(input("Phase1DhGroupNumbers"))}; ${str(input("Phase1LifetimeSeconds"))} s`,
        phase2: `${list(input("Phase2EncryptionAlgorithms"))}; ${list(input("Phase2IntegrityAlgorithms"))}; DH ${list(input("Phase2DhGroupNumbers"))}; ${str(input("Phase2LifetimeSeconds"))} s`,
        dpd: `${str(input("DpdTimeoutSeconds"))} s, ${str(input("DpdTimeoutAction"))}`,
        startupAction: str(input("StartupAction")),
        key:
          (hasKey
            ? generated(n)
              ? "generated"
              : "from config (secret)"
            : gateway?.inputs.certificateArn !== undefined
              ? "certificate (no pre-shared key)"
              : "generated by AWS") + storage,
        logGroup: logGroup ? str(logGroup.inputs.name) : "",
      });
    }

    const [association] = associations;
    if (!association || associations.length !== 1)
      problems.push(`${vpn.name}: associated with ${associations.length} route tables (expected 1)`);
    else if (segmentOf(byId.get(str(association.inputs.transitGatewayRouteTableId))) !== onPremTableKey) {
      problems.push(`${vpn.name}: associated with ${row.associatedWith[0]}, not the on-prem route table`);
    }
    const missing = segmentTables.filter((tb) => !propagations.some((p) => p.inputs.transitGatewayRouteTableId === tb.id));
    if (missing.length > 0)
      problems.push(`${vpn.name}: no propagation into ${missing.map((m) => m.name).join(", ")} (ECMP needs every one)`);
    if (alarmsOn && alarms.length < 4)
      problems.push(`${vpn.name}: ${alarms.length} TunnelState alarms (expected 2 per tunnel + 2 per connection)`);
    if (!gateway) problems.push(`${vpn.name}: customer gateway ${str(vpn.inputs.customerGatewayId)} not registered`);
    connections.push(row);
  }
  for (const r of ofType(awsTypes.vpnConnectionRoute))
    problems.push(`${r.name}: VpnConnectionRoute does not apply to a Transit Gateway VPN`);

  const tgw = ofType(awsTypes.tgw)[0];
  const ecmp = tgw?.inputs.vpnEcmpSupport === "enable";
  const required = run.settings?.vpn.capacity.requiredGbps;
  const capacity = {
    ...planCapacity({
      ...(required !== undefined ? { requiredGbps: required } : {}),
      ecmp,
      connections: connections.map((c) => ({ routing: c.routing, tunnelBandwidth: c.tunnelBandwidth === "large" ? "large" : "standard" })),
    }),
    ecmp,
  };
  if (required !== undefined && capacity.gbpsOneTunnelDown < required) {
    problems.push(`capacity: ${capacity.gbpsOneTunnelDown} Gbps with one tunnel down is below the required ${required} Gbps`);
  }
  return { customerGateways, connections, tunnels, capacity, problems };
}

function cell(v: unknown): string {
  return str(v).replace(/\|/g, "\\|");
}

function table(headers: string[], rows: unknown[][]): string[] {
  return [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

export function vpnSection(run: CapturedRun): SectionResult | undefined {
  const s = summariseVpn(run);
  if (s.customerGateways.length === 0 && s.connections.length === 0) return undefined;
  const c = s.capacity;
  const lines = [
    "### Customer gateways",
    "",
    ...table(
      ["name", "IP", "BGP ASN", "field", "device", "protected"],
      s.customerGateways.map((g) => [g.name, g.ipAddress, g.bgpAsn, g.asnField, g.deviceName, g.protect ? "yes" : ""]),
    ),
    "",
    "### Connections",
    "",
    ...table(
      ["name", "CGW", "routing", "accelerated", "bandwidth", "associated", "propagates to", "static routes", "logs", "alarms", "protected"],
      s.connections.map((x) => [
        x.name,
        x.customerGateway,
        x.routing,
        x.acceleration ? "yes" : "",
        x.tunnelBandwidth,
        x.associatedWith.join(", "),
        x.propagatesTo.join(", "),
        x.staticRoutes.join(", "),
        x.logGroups.length,
        x.alarms.length,
        x.protect ? "yes" : "",
      ]),
    ),
    "",
    "### Tunnels (configure the customer device to match; keys are never printed)",
    "",
    ...table(
      [
        "connection",
        "tunnel",
        "CGW",
        "AWS outside IP",
        "inside CIDR",
        "AWS inside",
        "CGW inside",
        "AWS ASN",
        "CGW ASN",
        "IKE",
        "phase 1",
        "phase 2",
        "DPD",
        "startup",
        "key",
      ],
      s.tunnels.map((x) => [
        x.connection,
        x.tunnel,
        x.customerGateway,
        x.outsideIp,
        x.insideCidr,
        x.awsInsideAddress,
        x.customerInsideAddress,
        x.awsAsn,
        x.customerAsn,
        x.ikeVersions,
        x.phase1,
        x.phase2,
        x.dpd,
        x.startupAction,
        x.key,
      ]),
    ),
    "",
    "### ECMP sizing",
    "",
    ...table(
      ["connections", "tunnels", "TGW VPN ECMP", "Gbps all up", "Gbps one tunnel down", "required Gbps", "connections needed"],
      [
        [
          c.connections,
          c.tunnels,
          c.ecmp ? "on" : "off",
          c.gbpsAllUp,
          c.gbpsOneTunnelDown,
          c.requiredGbps ?? "",
          c.connectionsNeeded ?? "",
        ],
      ],
    ),
    "",
    ...(s.problems.length > 0 ? ["### Problems", "", ...s.problems.map((p) => `- ${p}`), ""] : []),
  ];
  const pending = s.tunnels.filter((t) => t.outsideIp === knownAfterDeploy).length;
  const attention = [
    ...s.problems.map((p) => `VPN: ${p}`),
    ...(pending > 0
      ? [
          `AWS's outside IPs of ${pending} tunnel${pending === 1 ? "" : "s"} are known after deploy: after \`pulumi up\`, render the customer gateway configuration again with \`npm run cgw -- --outputs\` (docs/cgw.md)`,
        ]
      : []),
  ];
  return { key: "vpn", title: "Site-to-Site VPN", markdown: lines.join("\n"), json: s, ok: s.problems.length === 0, attention };
}
