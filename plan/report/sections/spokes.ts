/**
 * Report section "Spokes": per spoke VPC, as the program registered it, its account (provider),
 * subnets per availability zone, internet egress, the VPC routes to the TGW, and the TGW side:
 * associated route table, propagations, blackholes and default route. Then the central egress VPC.
 */
import { unhandled } from "../../../infra/lib/exhaustive";
import { egressModes, segmentDefaultRoutes, spokeEgressModes, workloadDefaultRoutes } from "../../../infra/vocabulary/egress";
import type { SegmentDefaultRoute, WorkloadDefaultRoute } from "../../../infra/vocabulary/egress";
import { childrenOf as childrenIn, groupBy, ofType as ofTypeIn, resourceById } from "../../runtime/run-index";
import type { CapturedResource, CapturedRun } from "../../runtime/captured-run";
import { isLargeStack } from "../bound";
import type { SectionResult } from "../section";
import { awsTypes, componentTypes } from "../../runtime/types";

export interface SpokeSummary {
  name: string;
  /** Provider resource name (`aws-test`), or `default` for the ambient credentials. */
  account: string;
  cidr: string;
  subnets: { availabilityZone: string; private?: string; tgw?: string; public?: string }[];
  egress: string;
  natGateways: number;
  internetGateway: boolean;
  /** Destinations the workload subnets send to the TGW. */
  vpcRoutesToTgw: string[];
  protectedAttachment: boolean;
  /** The segment table's side; its blackholes are the table's (one list shared by the table's spokes). */
  tgw: { associatedWith?: string; propagatesTo: string[]; blackholes: string[]; defaultRoute: string };
  ingress: string[];
  /** An existing VPC the spoke adopted (resources registered with the `import` option); absent for a VPC the program builds. */
  adopted?: { vpcId: string; imported: number; created: number; attachmentSubnetsFound: boolean };
}

/** The facts of one TGW route table that every spoke associated with it shows. */
interface TableFacts {
  staticDefault: CapturedResource | undefined;
  vpnPropagations: number;
  blackholes: string[];
}

type SubnetRole = "private" | "tgw" | "public";

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function ports(from: unknown, to: unknown): string {
  if (from === undefined) return "";
  return from === to ? ` ${String(from)}` : ` ${String(from)}-${String(to)}`;
}

/** `urn:...$pulumi:providers:aws::aws-test::id` -> `aws-test`; no explicit provider -> `default`. */
function providerName(ref: string): string {
  if (!ref) return "default";
  const urn = ref.split("::").slice(0, -1).join("::");
  return urn.split("::").pop() ?? ref;
}

/** A spoke's summary, and the target of its workload subnets' default route as registered (none: no default route). */
interface ObservedSpoke {
  summary: SpokeSummary;
  workloadDefault: WorkloadDefaultRoute | undefined;
}

/** How each target of the workload subnets' default route shows in a registered route. */
const workloadDefaultShows = {
  "nat-gateway": (route: CapturedResource) => route.inputs.natGatewayId !== undefined,
  "transit-gateway": (route: CapturedResource) => route.inputs.transitGatewayId !== undefined,
} satisfies Record<WorkloadDefaultRoute, (route: CapturedResource) => boolean>;

/** How each segment default route shows, by the type of the component owning its static default's target. */
function segmentDefaultShows(kind: SegmentDefaultRoute, targetOwnerType: string | undefined): boolean {
  switch (kind) {
    case "none":
      return false; // workload traffic sent to the TGW always meets the segment table's default
    case "central-egress-vpc":
      return targetOwnerType === componentTypes.centralEgress;
    case "onprem":
      return targetOwnerType !== componentTypes.centralEgress; // static to a VPN, or learned over BGP
    default:
      return unhandled(kind, "segment default route");
  }
}

/**
 * The egress modes (infra/vocabulary/egress.ts) whose facts match what was registered: the target of
 * the workload subnets' default route and what the segment table does with 0.0.0.0/0 (nothing, for
 * traffic that never reaches the TGW). Two modes with the same facts show as `a or b`.
 */
function modesShown(workloadDefault: WorkloadDefaultRoute, segmentDefault: SegmentDefaultRoute): string {
  return spokeEgressModes
    .filter((m) => egressModes[m].workloadDefaultRoute === workloadDefault && egressModes[m].segmentDefaultRoute === segmentDefault)
    .join(" or ");
}

/** The egress a spoke's registered routes show: the matching modes, and the NAT gateways, egress VPC or VPN behind them. */
function egressShown(seen: {
  workloadDefault: WorkloadDefaultRoute | undefined;
  segmentDefault: SegmentDefaultRoute | undefined;
  natGateways: number;
  /** The component owning the target of the segment table's static default route (the egress VPC). */
  defaultTargetOwner: string | undefined;
  /** The segment table's static default route's target, named (`VPN vpn-1`). */
  defaultVpn: string | undefined;
}): string {
  const { workloadDefault, segmentDefault } = seen;
  switch (workloadDefault) {
    case undefined:
      return "none";
    case "nat-gateway":
      return `${modesShown(workloadDefault, "none")} (${seen.natGateways} NAT gateway${seen.natGateways === 1 ? "" : "s"})`;
    case "transit-gateway": {
      const modes = segmentDefault === undefined ? "" : modesShown(workloadDefault, segmentDefault);
      switch (segmentDefault) {
        case undefined:
          return "none";
        case "central-egress-vpc":
          return `${modes} (${seen.defaultTargetOwner ?? ""})`;
        case "onprem":
          return seen.defaultVpn !== undefined ? `${modes} (static, ${seen.defaultVpn})` : `${modes} (learned over BGP)`;
        case "none":
          return modes;
        default:
          return unhandled(segmentDefault, "segment default route");
      }
    }
    default:
      return unhandled(workloadDefault, "workload default route");
  }
}

export function summariseSpokes(run: CapturedRun): SpokeSummary[] {
  return observeSpokes(run).map((o) => o.summary);
}

function observeSpokes(run: CapturedRun): ObservedSpoke[] {
  // Indexes built once: the summary is read per spoke, and stacks may hold many spokes.
  const ofType = (type: string) => ofTypeIn(run, type);
  const byId = { get: (id: unknown) => resourceById(run, id) };
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const childrenOf = (c: CapturedResource, type: string) => childrenIn(run, c, type);
  const tableName = (id: unknown) => byId.get(str(id))?.name ?? str(id);
  const vpnByAttachment = new Map(ofType(awsTypes.vpn).map((v) => [v.outputs.transitGatewayAttachmentId, v]));
  const attachmentName = (id: unknown): string => {
    const vpc = byId.get(str(id));
    if (vpc) return vpc.name;
    const vpn = vpnByAttachment.get(id);
    return vpn ? `VPN ${vpn.name}` : str(id);
  };
  const associationByAttachment = new Map(ofType(awsTypes.tgwAssociation).map((a) => [a.inputs.transitGatewayAttachmentId, a]));
  const tgwRoutesByTable = groupBy(ofType(awsTypes.tgwRoute), (r) => r.inputs.transitGatewayRouteTableId);
  const propagationsByTable = groupBy(ofType(awsTypes.tgwPropagation), (p) => p.inputs.transitGatewayRouteTableId);
  const propagationsByAttachment = groupBy(ofType(awsTypes.tgwPropagation), (p) => p.inputs.transitGatewayAttachmentId);
  // Once per table: a segment table holds a blackhole per spoke of the segments it may not reach,
  // and thousands of spokes share it.
  const tables = new Map<unknown, TableFacts>();
  const tableFacts = (tableId: unknown): TableFacts => {
    let facts = tables.get(tableId);
    if (!facts) {
      const tableRoutes = tgwRoutesByTable.get(tableId) ?? [];
      facts = {
        staticDefault: tableRoutes.find((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0"),
        vpnPropagations: (propagationsByTable.get(tableId) ?? []).filter((p) =>
          attachmentName(p.inputs.transitGatewayAttachmentId).startsWith("VPN "),
        ).length,
        blackholes: tableRoutes.filter((r) => r.inputs.blackhole === true).map((r) => str(r.inputs.destinationCidrBlock)),
      };
      tables.set(tableId, facts);
    }
    return facts;
  };

  // Components are not custom resources: read them from the run itself.
  return run.resources
    .filter((r) => r.type === componentTypes.spoke)
    .map((spoke) => {
      const vpc = childrenOf(spoke, awsTypes.vpc)[0];
      const subnets = childrenOf(spoke, awsTypes.subnet);
      const azs = [...new Set(subnets.map((s) => str(s.inputs.availabilityZone)))].sort();
      const routes = childrenOf(spoke, awsTypes.route);
      const attachment = childrenOf(spoke, awsTypes.vpcAttachment)[0];
      const roleOf = subnetRoles(run, spoke, attachment, routes);
      const cidrOf = (az: string, role: SubnetRole) =>
        subnets
          .filter((s) => s.inputs.availabilityZone === az && roleOf(s) === role)
          .map((s) => str(s.inputs.cidrBlock))
          .join(", ") || undefined;
      const association = associationByAttachment.get(attachment?.id);
      const tableId = association?.inputs.transitGatewayRouteTableId;
      const { staticDefault, vpnPropagations, blackholes } = tableFacts(tableId);
      const defaultRoute = staticDefault
        ? staticDefault.inputs.blackhole
          ? "blackhole"
          : `static to ${attachmentName(staticDefault.inputs.transitGatewayAttachmentId)}`
        : vpnPropagations > 0
          ? `learned over BGP from ${vpnPropagations} VPN attachment${vpnPropagations === 1 ? "" : "s"} when on-prem advertises it`
          : "none";
      // The workload tables' default routes: every 0.0.0.0/0 but the public tables' (to the internet gateway).
      const privateDefaults = routes.filter((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0" && r.inputs.gatewayId === undefined);
      const nats = childrenOf(spoke, awsTypes.nat);
      const defaultTarget = staticDefault ? byId.get(str(staticDefault.inputs.transitGatewayAttachmentId)) : undefined;
      const defaultOwner = defaultTarget ? byUrn.get(defaultTarget.parent) : undefined;
      const workloadDefault = workloadDefaultRoutes.find((k) => privateDefaults.some(workloadDefaultShows[k]));
      const segmentDefault = segmentDefaultRoutes.find((k) => segmentDefaultShows(k, defaultOwner?.type));
      const egress = egressShown({
        workloadDefault,
        segmentDefault,
        natGateways: nats.length,
        defaultTargetOwner: staticDefault ? (defaultOwner?.name ?? "") : undefined,
        defaultVpn: staticDefault ? attachmentName(staticDefault.inputs.transitGatewayAttachmentId) : undefined,
      });
      const summary: SpokeSummary = {
        name: spoke.name,
        account: providerName(vpc?.provider ?? ""),
        cidr: str(vpc?.inputs.cidrBlock),
        subnets: azs.map((az) => ({
          availabilityZone: az,
          private: cidrOf(az, "private"),
          tgw: cidrOf(az, "tgw"),
          public: cidrOf(az, "public"),
        })),
        egress,
        natGateways: nats.length,
        internetGateway: childrenOf(spoke, awsTypes.igw).length > 0,
        vpcRoutesToTgw: [
          ...new Set(routes.filter((r) => r.inputs.transitGatewayId !== undefined).map((r) => str(r.inputs.destinationCidrBlock))),
        ],
        protectedAttachment: attachment?.protect ?? false,
        tgw: {
          ...(tableId !== undefined ? { associatedWith: tableName(tableId) } : {}),
          propagatesTo: (propagationsByAttachment.get(attachment?.id) ?? []).map((p) => tableName(p.inputs.transitGatewayRouteTableId)),
          blackholes,
          defaultRoute,
        },
        ingress: childrenOf(spoke, awsTypes.ingressRule).map(
          (r) => `${str(r.inputs.cidrIpv4)} ${str(r.inputs.ipProtocol)}${ports(r.inputs.fromPort, r.inputs.toPort)}`,
        ),
        ...adoption(run, spoke, vpc),
      };
      return { summary, workloadDefault };
    });
}

/**
 * Each subnet's role: the `role` tag of a subnet the program created; for an adopted one (which keeps
 * its own tags), an attachment subnet, a public subnet (its table routes 0.0.0.0/0 to an internet
 * gateway) or a workload subnet.
 */
function subnetRoles(
  run: CapturedRun,
  spoke: CapturedResource,
  attachment: CapturedResource | undefined,
  routes: CapturedResource[],
): (subnet: CapturedResource) => SubnetRole {
  const attachmentSubnets = new Set(Array.isArray(attachment?.inputs.subnetIds) ? attachment.inputs.subnetIds : []);
  const tableOf = new Map(childrenIn(run, spoke, awsTypes.routeTableAssociation).map((a) => [a.inputs.subnetId, a.inputs.routeTableId]));
  const internetTables = new Set(
    routes
      .filter((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0" && str(r.inputs.gatewayId).startsWith("igw-"))
      .map((r) => r.inputs.routeTableId),
  );
  return (subnet) => {
    const tagged = (subnet.inputs.tags as Record<string, string> | undefined)?.role;
    if (tagged === "private" || tagged === "tgw" || tagged === "public") return tagged;
    if (attachmentSubnets.has(subnet.id)) return "tgw";
    return internetTables.has(tableOf.get(subnet.id)) ? "public" : "private";
  };
}

/** For a spoke that adopted its VPC: the VPC id, what was imported and created, and whether the attachment /28s were found. */
function adoption(run: CapturedRun, spoke: CapturedResource, vpc: CapturedResource | undefined): Pick<SpokeSummary, "adopted"> {
  if (vpc?.importId === undefined) return {};
  const children = childrenIn(run, spoke);
  const imported = children.filter((r) => r.importId !== undefined).length;
  const settings = run.settings?.spokes.find((s) => s.name === spoke.name)?.existing;
  return {
    adopted: {
      vpcId: vpc.importId,
      imported,
      created: children.length - imported,
      attachmentSubnetsFound: settings?.attachmentSubnetsFound ?? false,
    },
  };
}

/** What the spoke's segment table does for its internet traffic: nothing when the workload subnets send it to a NAT gateway. */
function segmentTableDefault(o: ObservedSpoke): string {
  const { workloadDefault } = o;
  switch (workloadDefault) {
    case "nat-gateway":
      return "not used (0.0.0.0/0 leaves through the NAT gateways)";
    case "transit-gateway":
    case undefined:
      return o.summary.tgw.defaultRoute;
    default:
      return unhandled(workloadDefault, "workload default route");
  }
}

/**
 * A large stack's spokes: each spoke's segment table's blackholes are counted, and listed once per
 * table (`tables`), not once per spoke (a segment table blackholes every spoke of the segments it
 * may not reach: thousands of prefixes, shared by thousands of spokes).
 */
function perTable(spokes: SpokeSummary[]): {
  spokes: (Omit<SpokeSummary, "tgw"> & { tgw: Omit<SpokeSummary["tgw"], "blackholes"> & { blackholeCount: number } })[];
  tables: { name: string; blackholes: string[] }[];
} {
  const tables = new Map<string, string[]>();
  return {
    spokes: spokes.map((s) => {
      const { blackholes, ...tgw } = s.tgw;
      const name = tgw.associatedWith ?? "(none)";
      if (!tables.has(name)) tables.set(name, blackholes);
      const { associatedWith, propagatesTo, defaultRoute } = tgw;
      return {
        ...s,
        tgw: { ...(associatedWith !== undefined ? { associatedWith } : {}), propagatesTo, blackholeCount: blackholes.length, defaultRoute },
      };
    }),
    tables: [...tables].map(([name, blackholes]) => ({ name, blackholes })),
  };
}

function adoptedLines(a: NonNullable<SpokeSummary["adopted"]>): string[] {
  return [
    `- adopted VPC ${a.vpcId}: ${a.imported} resources imported as they are, ${a.created} created`,
    ...(a.attachmentSubnetsFound
      ? ["- attachment /28s found in the VPC's free space: pin them in existing.attachmentSubnets before deploying (docs/adopt.md)"]
      : []),
  ];
}

export function spokesSection(run: CapturedRun): SectionResult | undefined {
  const observed = observeSpokes(run);
  const spokes = observed.map((o) => o.summary);
  const egressVpcs = run.resources.filter((r) => r.type === componentTypes.centralEgress);
  if (spokes.length === 0 && egressVpcs.length === 0) return undefined;
  const large = run.settings ? isLargeStack(run.settings) : false;
  const lines: string[] = [];
  for (const o of observed) {
    const s = o.summary;
    const holes = large
      ? `${s.tgw.blackholes.length} blackhole${s.tgw.blackholes.length === 1 ? "" : "s"} (listed once per table below)`
      : `blackholes ${s.tgw.blackholes.join(", ") || "(none)"}`;
    lines.push(
      `### ${s.name} (${s.cidr}, account ${s.account})`,
      "",
      `- egress: ${s.egress}${s.internetGateway ? ", internet gateway" : ""}`,
      `- TGW attachment${s.protectedAttachment ? " (protected)" : ""}: associated with ${s.tgw.associatedWith ?? "(none)"}; propagates to ${s.tgw.propagatesTo.join(", ") || "(none)"}`,
      `- segment table: default route ${segmentTableDefault(o)}; ${holes}`,
      `- workload subnets to the TGW: ${s.vpcRoutesToTgw.join(", ") || "(none)"}`,
      ...(s.ingress.length > 0 ? [`- ingress: ${s.ingress.join("; ")}`] : []),
      ...(s.adopted ? adoptedLines(s.adopted) : []),
      "",
      "| AZ | private | tgw /28 | public |",
      "|---|---|---|---|",
      ...s.subnets.map((n) => `| ${n.availabilityZone} | ${n.private ?? ""} | ${n.tgw ?? ""} | ${n.public ?? ""} |`),
      "",
    );
  }
  const egress = egressVpcs.map((e) => {
    const children = childrenIn(run, e);
    const attachment = children.find((r) => r.type === awsTypes.vpcAttachment);
    const returns = children
      .filter((r) => r.type === awsTypes.route && r.inputs.transitGatewayId !== undefined)
      .map((r) => str(r.inputs.destinationCidrBlock));
    return {
      name: e.name,
      cidr: str(children.find((r) => r.type === awsTypes.vpc)?.inputs.cidrBlock),
      natGateways: children.filter((r) => r.type === awsTypes.nat).length,
      applianceMode: attachment?.inputs.applianceModeSupport === "enable",
      returnRoutesToTgw: returns,
    };
  });
  const grouped = large ? perTable(spokes) : undefined;
  if (grouped) {
    lines.push("### segment tables' blackholes", "");
    for (const t of grouped.tables) lines.push(`- ${t.name} (${t.blackholes.length}): ${t.blackholes.join(", ") || "(none)"}`);
    lines.push("");
  }
  for (const e of egress) {
    lines.push(
      `### central egress ${e.name} (${e.cidr})`,
      "",
      `- ${e.natGateways} NAT gateway(s), one per AZ; attachment appliance mode ${e.applianceMode ? "on" : "off"}`,
      `- public subnets send back to the TGW: ${e.returnRoutesToTgw.join(", ") || "(none)"}`,
      "",
    );
  }
  const json = grouped ? { spokes: grouped.spokes, tables: grouped.tables, centralEgress: egress } : { spokes, centralEgress: egress };
  return { key: "spokes", title: `Spokes (${spokes.length})`, markdown: lines.join("\n"), json };
}
