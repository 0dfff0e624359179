/**
 * The Transit Gateway hub: the TGW (`vpnEcmpSupport`), its route tables and their routes. A
 * `RouteTablePropagation` puts what its attachment advertises into the table; an
 * `ec2transitgateway/Route` is static (`destinationCidrBlock`, `blackhole`, `transitGatewayAttachmentId`).
 */
import type { CapturedRun } from "../../runtime/captured-run";
import { ofType } from "../../runtime/run-index";
import { awsTypes } from "../../runtime/types";
import { parsePrefix } from "../ipv4";
import type { AttachmentFinder } from "./attachments";
import { str } from "./read";
import type { Tgw, TgwRoute, TgwTable } from "./types";

/** The first transit gateway; the analysis covers one hub. */
export function buildTgw(run: CapturedRun, notes: string[]): Tgw | undefined {
  const all = ofType(run, awsTypes.tgw);
  const [first] = all;
  if (all.length > 1) notes.push("more than one transit gateway: only the first is analysed");
  return first ? { id: first.id, name: first.name, ecmp: first.inputs.vpnEcmpSupport === "enable" } : undefined;
}

export function buildTgwTables(run: CapturedRun): TgwTable[] {
  return ofType(run, awsTypes.tgwRouteTable).map((r) => ({ id: r.id, name: r.name }));
}

/** Propagated routes (one per prefix the attachment advertises), then static and blackhole routes. */
export function buildTgwRoutes(run: CapturedRun, attachmentOf: AttachmentFinder, notes: string[]): TgwRoute[] {
  const routes: TgwRoute[] = [];
  for (const p of ofType(run, awsTypes.tgwPropagation)) {
    const att = attachmentOf(p.inputs.transitGatewayAttachmentId);
    const table = str(p.inputs.transitGatewayRouteTableId);
    if (!att || !table) {
      notes.push(`propagation ${p.name}: unknown attachment ${String(p.inputs.transitGatewayAttachmentId)}`);
      continue;
    }
    for (const prefix of att.advertises) {
      routes.push({ table, prefix, kind: "propagated", blackhole: false, attachment: att.id, resource: p.name });
    }
  }
  for (const r of ofType(run, awsTypes.tgwRoute)) {
    const table = str(r.inputs.transitGatewayRouteTableId);
    const prefix = str(r.inputs.destinationCidrBlock);
    if (!table || !prefix || !parsePrefix(prefix)) continue;
    const blackhole = r.inputs.blackhole === true;
    const attachment = str(r.inputs.transitGatewayAttachmentId);
    routes.push({ table, prefix, kind: "static", blackhole, ...(blackhole || !attachment ? {} : { attachment }), resource: r.name });
  }
  return routes;
}
