/**
 * Route model: the routing state the program registered, read from a captured run (not from the
 * settings). Transit Gateway route tables with their associations, propagated and static routes;
 * VPCs with subnets, route tables (explicit associations or the main table) and routes; NAT and
 * internet gateways; VPN connections and the customer gateways behind them.
 *
 * What an attachment propagates is not a resource, so it is derived: a VPC attachment advertises
 * its VPC's CIDR; a BGP VPN attachment advertises what on-prem announces per the settings (the
 * advertised zones' CIDRs, plus 0.0.0.0/0 when on-prem advertises a default route); a static VPN
 * attachment propagates nothing (its routes are static TGW routes).
 */
import type { CapturedRun } from "../runtime/captured-run";
import type { NetworkSettings, SpokeSettings } from "../../infra/settings/types";
import { tunnelGbps } from "../../infra/settings/defaults";
import { awsTypes } from "../runtime/types";
import { ofType } from "../runtime/run-index";
import { parsePrefix } from "./ipv4";

export { awsTypes };

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

/** An inbound network ACL rule for all protocols; rules of one protocol are not modelled. */
export interface NetworkAclRule {
  ruleNo: number;
  allow: boolean;
  cidr: string;
}

/** A network ACL with its subnets and its inbound all-protocol rules, in evaluation order. */
export interface NetworkAcl {
  id: string;
  name: string;
  subnetIds: string[];
  ingress: NetworkAclRule[];
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
  customerGateways: CustomerGateway[];
  settings: NetworkSettings;
  /** Things the model could not resolve (a reference to an unknown id, an unsupported target). */
  notes: string[];
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function firstBy<T>(items: T[], key: (t: T) => string | undefined): Map<string, T> {
  const out = new Map<string, T>();
  for (const t of items) {
    const k = key(t);
    if (k !== undefined && !out.has(k)) out.set(k, t);
  }
  return out;
}

function vpcTarget(fields: Record<string, unknown>): VpcTarget | undefined {
  const tgw = str(fields.transitGatewayId);
  if (tgw) return { kind: "tgw", id: tgw };
  const nat = str(fields.natGatewayId);
  if (nat) return { kind: "nat", id: nat };
  const gw = str(fields.gatewayId);
  if (gw === "local") return { kind: "local" };
  if (gw?.startsWith("igw-")) return { kind: "igw", id: gw };
  const other = ["gatewayId", "vpcPeeringConnectionId", "vpcEndpointId", "networkInterfaceId", "egressOnlyGatewayId", "localGatewayId"]
    .map((k) => str(fields[k]))
    .find((v) => v !== undefined);
  return other ? { kind: "other", id: other } : undefined;
}

/** Builds the route model of a captured run. `run.settings` supplies only what on-prem announces and the names of spokes. */
export function buildRouteModel(run: CapturedRun): RouteModel {
  const settings = run.settings;
  if (!settings) throw new Error("the captured run has no settings (the configuration was invalid)");
  const notes: string[] = [];
  const [tgwRes] = ofType(run, awsTypes.tgw);
  const tgw: Tgw | undefined = tgwRes ? { id: tgwRes.id, name: tgwRes.name, ecmp: tgwRes.inputs.vpnEcmpSupport === "enable" } : undefined;
  if (ofType(run, awsTypes.tgw).length > 1) notes.push("more than one transit gateway: only the first is analysed");

  const tables: TgwTable[] = ofType(run, awsTypes.tgwRouteTable).map((r) => ({ id: r.id, name: r.name }));
  const customerGateways: CustomerGateway[] = ofType(run, awsTypes.cgw).map((r) => ({ id: r.id, name: r.name }));
  const networkAcls: NetworkAcl[] = ofType(run, awsTypes.networkAcl).map((r) => {
    const rules = Array.isArray(r.inputs.ingress) ? (r.inputs.ingress as Record<string, unknown>[]) : [];
    const ingress: NetworkAclRule[] = [];
    for (const rule of rules) {
      const cidr = str(rule.cidrBlock);
      if (String(rule.protocol) !== "-1" || !cidr) {
        notes.push(`network ACL ${r.name}: rule ${String(rule.ruleNo)} (protocol ${String(rule.protocol)}) is not modelled`);
        continue;
      }
      ingress.push({ ruleNo: Number(rule.ruleNo), allow: rule.action === "allow", cidr });
    }
    ingress.sort((a, b) => a.ruleNo - b.ruleNo);
    const subnetIds = Array.isArray(r.inputs.subnetIds) ? (r.inputs.subnetIds as unknown[]).map(String) : [];
    return { id: r.id, name: r.name, subnetIds, ingress };
  });

  // --- VPCs, subnets, route tables ---
  const mainOverrides = new Map<string, string>();
  for (const a of ofType(run, awsTypes.mainRouteTableAssociation)) {
    const vpcId = str(a.inputs.vpcId);
    const rt = str(a.inputs.routeTableId);
    if (vpcId && rt) mainOverrides.set(vpcId, rt);
  }
  const vpcTables: VpcRouteTable[] = [];
  const vpcTableById = new Map<string, VpcRouteTable>();
  const addTable = (t: VpcRouteTable) => {
    vpcTables.push(t);
    if (!vpcTableById.has(t.id)) vpcTableById.set(t.id, t);
  };
  const defaultTables = ofType(run, awsTypes.defaultRouteTable);
  const defaultByTarget = firstBy(defaultTables, (d) =>
    typeof d.inputs.defaultRouteTableId === "string" ? d.inputs.defaultRouteTableId : undefined,
  );
  const spokeByCidr = firstBy(settings.spokes, (s) => s.cidr);
  const vpcs: Vpc[] = ofType(run, awsTypes.vpc).map((r) => {
    const cidr = str(r.inputs.cidrBlock) ?? "";
    const spoke = spokeByCidr.get(cidr);
    const role: VpcRole = spoke
      ? { kind: "spoke", spoke }
      : settings.centralEgress && settings.centralEgress.cidr === cidr
        ? { kind: "egress" }
        : { kind: "other" };
    let main = mainOverrides.get(r.id) ?? str(r.outputs.mainRouteTableId) ?? `${r.id}-main`;
    const target = str(r.outputs.defaultRouteTableId ?? main);
    const managedDefault = target === undefined ? undefined : defaultByTarget.get(target);
    if (managedDefault) main = managedDefault.id;
    if (!vpcTableById.has(main)) addTable({ id: main, name: `${r.name} (main)`, vpcId: r.id, routes: [] });
    return { id: r.id, name: r.name, cidr, mainRouteTableId: main, role };
  });
  const vpcByMain = firstBy(vpcs, (v) => v.mainRouteTableId);
  for (const r of [...ofType(run, awsTypes.routeTable), ...defaultTables]) {
    const vpcId = str(r.inputs.vpcId) ?? vpcByMain.get(r.id)?.id ?? "";
    const existing = vpcTableById.get(r.id);
    const table = existing ?? { id: r.id, name: r.name, vpcId, routes: [] };
    if (existing) existing.name = r.name;
    else addTable(table);
    const inline = Array.isArray(r.inputs.routes) ? (r.inputs.routes as Record<string, unknown>[]) : [];
    for (const [i, route] of inline.entries()) {
      const prefix = str(route.cidrBlock);
      const target = vpcTarget(route);
      if (prefix && target) table.routes.push({ table: r.id, prefix, target, resource: `${r.name}.routes[${i}]` });
    }
  }
  for (const r of ofType(run, awsTypes.route)) {
    const tableId = str(r.inputs.routeTableId);
    const prefix = str(r.inputs.destinationCidrBlock);
    const target = vpcTarget(r.inputs);
    const table = tableId === undefined ? undefined : vpcTableById.get(tableId);
    if (!prefix) continue; // IPv6 and prefix-list routes are not modelled
    if (!table || !target) {
      notes.push(`route ${r.name}: ${!table ? `unknown route table ${String(tableId)}` : "no target"}`);
      continue;
    }
    table.routes.push({ table: table.id, prefix, target, resource: r.name });
  }
  const vpcById = firstBy(vpcs, (v) => v.id);
  for (const t of vpcTables) {
    const vpc = vpcById.get(t.vpcId);
    if (vpc) t.routes.unshift({ table: t.id, prefix: vpc.cidr, target: { kind: "local" }, resource: "local" });
  }
  const explicit = new Map<string, string>();
  for (const a of ofType(run, awsTypes.routeTableAssociation)) {
    const subnetId = str(a.inputs.subnetId);
    const rt = str(a.inputs.routeTableId);
    if (subnetId && rt) explicit.set(subnetId, rt);
  }
  const subnets: Subnet[] = ofType(run, awsTypes.subnet).map((r) => {
    const vpcId = str(r.inputs.vpcId) ?? "";
    const main = vpcById.get(vpcId)?.mainRouteTableId ?? "";
    return {
      id: r.id,
      name: r.name,
      vpcId,
      cidr: str(r.inputs.cidrBlock) ?? "",
      az: str(r.inputs.availabilityZone) ?? str(r.inputs.availabilityZoneId) ?? "",
      routeTableId: explicit.get(r.id) ?? main,
    };
  });

  const subnetById = firstBy(subnets, (s) => s.id);
  const subnetVpc = (id: string | undefined) => (id === undefined ? undefined : subnetById.get(id)?.vpcId);
  const nats: NatGateway[] = ofType(run, awsTypes.nat).map((r) => {
    const subnetId = str(r.inputs.subnetId);
    return {
      id: r.id,
      name: r.name,
      ...(subnetId ? { subnetId } : {}),
      vpcId: subnetVpc(subnetId) ?? str(r.inputs.vpcId) ?? "",
      public: r.inputs.connectivityType !== "private",
    };
  });
  const igwAttach = new Map(ofType(run, awsTypes.igwAttachment).map((a) => [str(a.inputs.internetGatewayId) ?? "", str(a.inputs.vpcId)]));
  const igws: InternetGateway[] = ofType(run, awsTypes.igw).map((r) => {
    const vpcId = str(r.inputs.vpcId) ?? igwAttach.get(r.id);
    return { id: r.id, name: r.name, ...(vpcId ? { vpcId } : {}) };
  });

  // --- Attachments ---
  const onPremPrefixes = [
    ...settings.onPrem.zones.filter((z) => settings.onPrem.advertisedZones.includes(z.name)).flatMap((z) => z.cidrs),
    ...(settings.onPrem.advertisesDefaultRoute ? ["0.0.0.0/0"] : []),
  ];
  const attachments: Attachment[] = [];
  const cgwById = firstBy(customerGateways, (c) => c.id);
  for (const r of ofType(run, awsTypes.vpcAttachment)) {
    const vpcId = str(r.inputs.vpcId) ?? "";
    const vpc = vpcById.get(vpcId);
    if (!vpc) notes.push(`VPC attachment ${r.name}: unknown VPC ${vpcId}`);
    attachments.push({
      id: r.id,
      name: r.name,
      kind: "vpc",
      vpcId,
      subnetIds: Array.isArray(r.inputs.subnetIds)
        ? (r.inputs.subnetIds as unknown[]).filter((s): s is string => typeof s === "string")
        : [],
      applianceMode: r.inputs.applianceModeSupport === "enable",
      advertises: vpc ? [vpc.cidr] : [],
    });
  }
  for (const r of ofType(run, awsTypes.vpn)) {
    const id = str(r.outputs.transitGatewayAttachmentId);
    if (!id) continue; // a VPN on a virtual private gateway is not part of the hub
    const cgwId = str(r.inputs.customerGatewayId) ?? "";
    const bandwidth = r.inputs.tunnelBandwidth === "large" ? "large" : "standard";
    const bgp = r.inputs.staticRoutesOnly !== true;
    attachments.push({
      id,
      name: r.name,
      kind: "vpn",
      subnetIds: [],
      applianceMode: false,
      vpn: {
        id: r.id,
        name: r.name,
        customerGatewayId: cgwId,
        customerGatewayName: cgwById.get(cgwId)?.name ?? cgwId,
        bgp,
        bandwidth,
        tunnelGbps: tunnelGbps[bandwidth],
      },
      advertises: bgp ? onPremPrefixes : [],
    });
  }
  const attachmentById = firstBy(attachments, (a) => a.id);
  const attachmentOf = (v: unknown) => (typeof v === "string" ? attachmentById.get(v) : undefined);
  for (const a of ofType(run, awsTypes.tgwAssociation)) {
    const att = attachmentOf(a.inputs.transitGatewayAttachmentId);
    const table = str(a.inputs.transitGatewayRouteTableId);
    if (!att || !table) {
      notes.push(`association ${a.name}: unknown attachment ${String(a.inputs.transitGatewayAttachmentId)}`);
      continue;
    }
    if (att.associatedTable && att.associatedTable !== table) notes.push(`attachment ${att.name} is associated twice (AWS allows one)`);
    att.associatedTable = table;
  }

  // --- TGW routes ---
  const tgwRoutes: TgwRoute[] = [];
  for (const p of ofType(run, awsTypes.tgwPropagation)) {
    const att = attachmentOf(p.inputs.transitGatewayAttachmentId);
    const table = str(p.inputs.transitGatewayRouteTableId);
    if (!att || !table) {
      notes.push(`propagation ${p.name}: unknown attachment ${String(p.inputs.transitGatewayAttachmentId)}`);
      continue;
    }
    for (const prefix of att.advertises) {
      tgwRoutes.push({ table, prefix, kind: "propagated", blackhole: false, attachment: att.id, resource: p.name });
    }
  }
  for (const r of ofType(run, awsTypes.tgwRoute)) {
    const table = str(r.inputs.transitGatewayRouteTableId);
    const prefix = str(r.inputs.destinationCidrBlock);
    if (!table || !prefix || !parsePrefix(prefix)) continue;
    const blackhole = r.inputs.blackhole === true;
    const attachment = str(r.inputs.transitGatewayAttachmentId);
    tgwRoutes.push({ table, prefix, kind: "static", blackhole, ...(blackhole || !attachment ? {} : { attachment }), resource: r.name });
  }
  return {
    stack: run.stack,
    ...(tgw ? { tgw } : {}),
    tables,
    attachments,
    tgwRoutes,
    vpcs,
    subnets,
    vpcTables,
    nats,
    igws,
    networkAcls,
    customerGateways,
    settings,
    notes,
  };
}

export function tableName(model: RouteModel, id: string | undefined): string {
  return model.tables.find((t) => t.id === id)?.name ?? model.vpcTables.find((t) => t.id === id)?.name ?? String(id);
}

export function attachmentLabel(att: Attachment): string {
  return att.kind === "vpn" ? `VPN ${att.name}` : `VPC attachment ${att.name}`;
}

/** Every tunnel of every VPN attachment: `<vpn>/tunnel1`, `<vpn>/tunnel2`. */
export function tunnelsOf(att: Attachment): string[] {
  return att.kind === "vpn" ? [`${att.name}/tunnel1`, `${att.name}/tunnel2`] : [];
}
