/**
 * A mermaid diagram of the built topology, from the route model (so from the captured resources):
 * on-prem and its customer gateways, VPN connections, the TGW with its route tables (blackholes
 * listed in the table), VPCs with their egress (NAT, internet gateway), associations (solid),
 * propagations (dotted) and static routes (labelled with the prefix), the flow log of each VPC and
 * of the TGW, and who the alarm topic notifies. Sorted by name, so the same program always gives
 * the same text.
 */
import type { FlowLog, RouteModel } from "./model";
import { firstBy } from "./model/read";
import { groupBy } from "../runtime/run-index";

function id(kind: string, name: string): string {
  return `${kind}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
}

function text(s: string): string {
  return s.replace(/"/g, "'");
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** "flow logs: CloudWatch Logs, 365 d" for the flow logs of one VPC or TGW; "" without any. */
function flowLogText(logs: FlowLog[]): string {
  const where = (l: FlowLog) =>
    `${l.destinationType === "s3" ? "S3" : "CloudWatch Logs"}${l.destinationType !== "s3" ? `, ${l.retentionDays === undefined ? "kept forever" : `${l.retentionDays} d`}` : ""}`;
  const texts = [...new Set(logs.map(where))].sort();
  return texts.length > 0 ? `flow logs: ${texts.join("; ")}` : "";
}

export function mermaidDiagram(model: RouteModel): string {
  const lines = ["flowchart LR"];
  const { settings } = model;
  const vpns = model.attachments.filter((a) => a.kind === "vpn").sort(byName);
  const vpcAtts = model.attachments.filter((a) => a.kind === "vpc").sort(byName);
  // Lookups by id (the first of an id, as `find` would give): a large stack has thousands of each.
  const attById = firstBy(model.attachments, (a) => a.id);
  const vpcById = firstBy(model.vpcs, (v) => v.id);
  const tableById = firstBy(model.tables, (t) => t.id);
  const node = (attId: string | undefined): string | undefined => {
    const att = attId === undefined ? undefined : attById.get(attId);
    if (!att) return undefined;
    if (att.kind === "vpn") return id("vpn", att.name);
    const vpc = att.vpcId === undefined ? undefined : vpcById.get(att.vpcId);
    return vpc ? id("vpc", vpc.name) : id("att", att.name);
  };
  const tableName = (tableId: string) => tableById.get(tableId)?.name ?? tableId;
  const logsOf = groupBy(model.flowLogs, (l) => l.of);

  const zones = settings.onPrem.zones.map((z) => z.name).join(", ");
  lines.push(
    `  subgraph onprem["On-prem"]`,
    `    zones["zones: ${text(zones)}${settings.onPrem.advertisesDefaultRoute ? "<br/>advertises 0.0.0.0/0" : ""}"]`,
  );
  for (const c of [...model.customerGateways].sort(byName)) lines.push(`    ${id("cgw", c.name)}["CGW ${text(c.name)}"]`);
  lines.push("  end");
  for (const v of vpns) {
    const info = v.vpn!;
    lines.push(`  ${id("vpn", v.name)}{{"VPN ${text(v.name)}<br/>${info.bgp ? "BGP" : "static"}, 2 x ${info.tunnelGbps} Gbps"}}`);
    lines.push(`  ${id("cgw", info.customerGatewayName)} --- ${id("vpn", v.name)}`);
  }

  const tgwLabel = model.tgw ? `TGW ${model.tgw.name}${model.tgw.ecmp ? " (VPN ECMP)" : ""}` : "no TGW";
  const tgwLogs = model.tgw ? flowLogText(logsOf.get(model.tgw.id) ?? []) : "";
  lines.push(`  subgraph hub["${text(tgwLabel)}${tgwLogs ? `<br/>${tgwLogs}` : ""}"]`);
  const blackholes = new Map<string, string[]>();
  for (const r of model.tgwRoutes) {
    if (!r.blackhole) continue;
    const list = blackholes.get(r.table);
    if (list) list.push(r.prefix);
    else blackholes.set(r.table, [r.prefix]);
  }
  for (const t of [...model.tables].sort(byName)) {
    const holes = blackholes.get(t.id) ?? [];
    const uniq = [...new Set(holes)].sort();
    lines.push(`    ${id("rt", t.name)}[("${text(t.name)}${uniq.length > 0 ? `<br/>blackhole ${uniq.join(", ")}` : ""}")]`);
  }
  lines.push("  end");

  const internetEdges: string[] = [];
  const natCount = new Map<string, number>();
  for (const n of model.nats) natCount.set(n.vpcId, (natCount.get(n.vpcId) ?? 0) + 1);
  const withIgw = new Set(model.igws.map((g) => g.vpcId));
  const withAppliance = new Set(vpcAtts.filter((a) => a.applianceMode).map((a) => a.vpcId));
  for (const vpc of [...model.vpcs].sort(byName)) {
    const role =
      vpc.role.kind === "spoke" ? `spoke, egress ${vpc.role.spoke.egress}` : vpc.role.kind === "egress" ? "central egress" : "VPC";
    const nats = natCount.get(vpc.id) ?? 0;
    const igw = withIgw.has(vpc.id);
    const appliance = withAppliance.has(vpc.id);
    const extras = [nats > 0 ? `${nats} NAT` : "", igw ? "IGW" : "", appliance ? "appliance mode" : ""].filter(Boolean).join(", ");
    const logs = flowLogText(logsOf.get(vpc.id) ?? []);
    lines.push(
      `  ${id("vpc", vpc.name)}["VPC ${text(vpc.name)} ${vpc.cidr}<br/>${role}${extras ? `<br/>${extras}` : ""}${logs ? `<br/>${logs}` : ""}"]`,
    );
    if (igw) internetEdges.push(`  ${id("vpc", vpc.name)} --> internet`);
  }
  if (settings.onPrem.advertisesDefaultRoute) internetEdges.push("  zones --> internet");
  if (internetEdges.length > 0) lines.push("  internet((internet))", ...internetEdges);

  for (const att of [...vpns, ...vpcAtts]) {
    const from = node(att.id)!;
    if (att.associatedTable) lines.push(`  ${from} ==>|associated| ${id("rt", tableName(att.associatedTable))}`);
  }
  const propagations = new Map<string, string>();
  for (const r of model.tgwRoutes.filter((x) => x.kind === "propagated"))
    propagations.set(`${node(r.attachment)}|${r.table}`, `  ${node(r.attachment)} -.->|propagates| ${id("rt", tableName(r.table))}`);
  lines.push(...[...propagations.values()].sort());
  const statics = model.tgwRoutes
    .filter((r) => r.kind === "static" && !r.blackhole)
    .map((r) => `  ${id("rt", tableName(r.table))} -->|${r.prefix}| ${node(r.attachment) ?? "unknown"}`);
  lines.push(...[...new Set(statics)].sort());

  // Who hears the alarms: each topic with a subscription, and its endpoints.
  const subscriptions = [...model.alarmSubscriptions].sort(byName);
  for (const topic of [...new Set(subscriptions.map((x) => x.topic))].sort()) {
    lines.push(`  ${id("topic", topic)}[/"alarm topic ${text(topic)}"/]`);
    for (const x of subscriptions.filter((y) => y.topic === topic)) {
      lines.push(`  ${id("topic", topic)} -->|${text(x.protocol)}| ${id("sub", x.name)}(["${text(x.endpoint)}"])`);
    }
  }
  return lines.join("\n");
}
