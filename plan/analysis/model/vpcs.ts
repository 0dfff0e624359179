/**
 * VPCs, their route tables and subnets: each VPC's main route table (a main-table association or a
 * managed default table overrides the VPC's own), inline and `ec2/Route` routes, the implicit local
 * route, and each subnet's table (its explicit association, else the VPC's main table).
 */
import type { NetworkSettings, SpokeSettings } from "../../../infra/settings/types";
import type { CapturedResource, CapturedRun } from "../../runtime/captured-run";
import { ofType } from "../../runtime/run-index";
import { awsTypes } from "../../runtime/types";
import { firstBy, records, str } from "./read";
import type { Subnet, Vpc, VpcRole, VpcRouteTable, VpcTarget } from "./types";

export interface VpcPart {
  vpcs: Vpc[];
  vpcTables: VpcRouteTable[];
  subnets: Subnet[];
}

/** VPC route tables in model order, and by id (the first table of an id answers lookups). */
class RouteTables {
  readonly list: VpcRouteTable[] = [];
  readonly byId = new Map<string, VpcRouteTable>();

  add(t: VpcRouteTable): void {
    this.list.push(t);
    if (!this.byId.has(t.id)) this.byId.set(t.id, t);
  }
}

export function buildVpcs(run: CapturedRun, settings: NetworkSettings, notes: string[]): VpcPart {
  const tables = new RouteTables();
  const defaultTables = ofType(run, awsTypes.defaultRouteTable);
  const vpcs = readVpcs(run, settings, defaultTables, tables);
  readRouteTables([...ofType(run, awsTypes.routeTable), ...defaultTables], vpcs, tables);
  readRoutes(run, tables, notes);
  const vpcById = firstBy(vpcs, (v) => v.id);
  addLocalRoutes(tables.list, vpcById);
  return { vpcs, vpcTables: tables.list, subnets: readSubnets(run, vpcById) };
}

/** VPCs matched to spokes and the central egress VPC by CIDR; each VPC's main table is added when the run has none. */
function readVpcs(run: CapturedRun, settings: NetworkSettings, defaultTables: CapturedResource[], tables: RouteTables): Vpc[] {
  const mainOverrides = new Map<string, string>();
  for (const a of ofType(run, awsTypes.mainRouteTableAssociation)) {
    const vpcId = str(a.inputs.vpcId);
    const rt = str(a.inputs.routeTableId);
    if (vpcId && rt) mainOverrides.set(vpcId, rt);
  }
  const defaultByTarget = firstBy(defaultTables, (d) =>
    typeof d.inputs.defaultRouteTableId === "string" ? d.inputs.defaultRouteTableId : undefined,
  );
  const spokeByCidr = firstBy(settings.spokes, (s) => s.cidr);
  return ofType(run, awsTypes.vpc).map((r) => {
    const cidr = str(r.inputs.cidrBlock) ?? "";
    let main = mainOverrides.get(r.id) ?? str(r.outputs.mainRouteTableId) ?? `${r.id}-main`;
    const target = str(r.outputs.defaultRouteTableId ?? main);
    const managedDefault = target === undefined ? undefined : defaultByTarget.get(target);
    if (managedDefault) main = managedDefault.id;
    if (!tables.byId.has(main)) tables.add({ id: main, name: `${r.name} (main)`, vpcId: r.id, routes: [] });
    return { id: r.id, name: r.name, cidr, mainRouteTableId: main, role: roleOf(settings, spokeByCidr, cidr) };
  });
}

function roleOf(settings: NetworkSettings, spokeByCidr: Map<string, SpokeSettings>, cidr: string): VpcRole {
  const spoke = spokeByCidr.get(cidr);
  if (spoke) return { kind: "spoke", spoke };
  return settings.centralEgress && settings.centralEgress.cidr === cidr ? { kind: "egress" } : { kind: "other" };
}

/** Route tables and managed default tables with their inline routes; a main table already added takes the resource's name. */
function readRouteTables(resources: CapturedResource[], vpcs: Vpc[], tables: RouteTables): void {
  const vpcByMain = firstBy(vpcs, (v) => v.mainRouteTableId);
  for (const r of resources) {
    const vpcId = str(r.inputs.vpcId) ?? vpcByMain.get(r.id)?.id ?? "";
    const existing = tables.byId.get(r.id);
    const table = existing ?? { id: r.id, name: r.name, vpcId, routes: [] };
    if (existing) existing.name = r.name;
    else tables.add(table);
    for (const [i, route] of records(r.inputs.routes).entries()) {
      const prefix = str(route.cidrBlock);
      const target = vpcTarget(route);
      if (prefix && target) table.routes.push({ table: r.id, prefix, target, resource: `${r.name}.routes[${i}]` });
    }
  }
}

/** `ec2/Route` resources, added to their table after its inline routes. */
function readRoutes(run: CapturedRun, tables: RouteTables, notes: string[]): void {
  for (const r of ofType(run, awsTypes.route)) {
    const tableId = str(r.inputs.routeTableId);
    const prefix = str(r.inputs.destinationCidrBlock);
    const target = vpcTarget(r.inputs);
    const table = tableId === undefined ? undefined : tables.byId.get(tableId);
    if (!prefix) continue; // IPv6 and prefix-list routes are not modelled
    if (!table || !target) {
      notes.push(`route ${r.name}: ${!table ? `unknown route table ${String(tableId)}` : "no target"}`);
      continue;
    }
    table.routes.push({ table: table.id, prefix, target, resource: r.name });
  }
}

/** The implicit local route of every table: the VPC's CIDR, first. */
function addLocalRoutes(tables: VpcRouteTable[], vpcById: Map<string, Vpc>): void {
  for (const t of tables) {
    const vpc = vpcById.get(t.vpcId);
    if (vpc) t.routes.unshift({ table: t.id, prefix: vpc.cidr, target: { kind: "local" }, resource: "local" });
  }
}

/** Subnets with their route table: the explicit association, else the VPC's main table. */
function readSubnets(run: CapturedRun, vpcById: Map<string, Vpc>): Subnet[] {
  const explicit = new Map<string, string>();
  for (const a of ofType(run, awsTypes.routeTableAssociation)) {
    const subnetId = str(a.inputs.subnetId);
    const rt = str(a.inputs.routeTableId);
    if (subnetId && rt) explicit.set(subnetId, rt);
  }
  return ofType(run, awsTypes.subnet).map((r) => {
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
}

/** A route's target, by the provider input that names it. */
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
