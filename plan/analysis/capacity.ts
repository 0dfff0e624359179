/**
 * Capacity over the VPN: a flow's aggregate is the ECMP paths it can spread over times the tunnel
 * bandwidth (1.25 Gbps standard, 5 Gbps large, from the VpnConnection's tunnelBandwidth). With
 * VPN ECMP on the TGW and BGP, every up tunnel of every connection in the ECMP set carries flows;
 * otherwise one tunnel carries them (active/standby). One flow uses one tunnel, so the aggregate
 * needs many flows.
 */
import type { AnalysisContext } from "./context";
import type { FailureSet } from "./lookup";
import { nothingDown } from "./lookup";
import { tunnelsOf } from "./model";
import type { Flow } from "./reachability";

function tunnelUp(name: string, t: string, down: FailureSet, attId: string): boolean {
  return !down.attachments.has(attId) && !down.tunnels.has(`${name}/${t}`);
}

/** Gbps an ECMP set of VPN attachments carries with `down` failed. */
export function setGbps(ctx: AnalysisContext, ids: string[], down: FailureSet = nothingDown): number {
  const atts = ids.map((id) => ctx.ix.attachments.get(id)).filter((a) => a?.vpn !== undefined);
  const tunnels = atts.flatMap((a) =>
    ["tunnel1", "tunnel2"].filter((t) => tunnelUp(a!.name, t, down, a!.id)).map(() => a!.vpn!.tunnelGbps),
  );
  if (tunnels.length === 0) return 0;
  const ecmp = !!ctx.model.tgw?.ecmp && atts.every((a) => a!.vpn!.bgp);
  return round(ecmp ? tunnels.reduce((x, y) => x + y, 0) : Math.max(...tunnels));
}

/** Tunnels in an ECMP set that carry traffic together (all of them with ECMP, one otherwise). */
export function setPaths(ctx: AnalysisContext, ids: string[]): number {
  const atts = ids.map((id) => ctx.ix.attachments.get(id)).filter((a) => a?.vpn !== undefined);
  const ecmp = !!ctx.model.tgw?.ecmp && atts.every((a) => a!.vpn!.bgp);
  return ecmp ? atts.length * 2 : Math.min(1, atts.length);
}

export interface FlowCapacity {
  paths: number;
  gbpsAllUp: number;
  gbpsOneTunnelDown: number;
  /** The tunnel whose loss hurts most. */
  worstTunnel?: string;
}

/** Capacity of one direction of a flow: its narrowest VPN crossing, all up and with the worst single tunnel down. */
export function directionCapacity(ctx: AnalysisContext, sets: string[][]): FlowCapacity | undefined {
  if (sets.length === 0) return undefined;
  const at = (down: FailureSet) => Math.min(...sets.map((s) => setGbps(ctx, s, down)));
  const paths = Math.min(...sets.map((s) => setPaths(ctx, s)));
  const tunnels = [...new Set(sets.flat())].flatMap((id) => tunnelsOf(ctx.ix.attachments.get(id)!));
  let worst: { tunnel?: string; gbps: number } = { gbps: at(nothingDown) };
  for (const t of tunnels) {
    const g = at({ attachments: new Set(), tunnels: new Set([t]) });
    if (worst.tunnel === undefined || g < worst.gbps) worst = { tunnel: t, gbps: g };
  }
  return { paths, gbpsAllUp: at(nothingDown), gbpsOneTunnelDown: worst.gbps, ...(worst.tunnel ? { worstTunnel: worst.tunnel } : {}) };
}

export interface CapacityRow {
  /** Spoke name, or `segment <name>`. */
  scope: string;
  direction: "to on-prem" | "from on-prem";
  paths: number;
  gbpsAllUp: number;
  gbpsOneTunnelDown: number;
  /** The flow that is the bottleneck. */
  bottleneck: string;
}

/** The narrowest of `items` (the first of the narrowest, in their order) as a row; undefined without items. */
export function minRow(
  scope: string,
  direction: CapacityRow["direction"],
  items: { flow: Pick<Flow, "from" | "to">; cap: FlowCapacity }[],
): CapacityRow | undefined {
  if (items.length === 0) return undefined;
  const worst = items.reduce((a, b) =>
    b.cap.gbpsOneTunnelDown < a.cap.gbpsOneTunnelDown ||
    (b.cap.gbpsOneTunnelDown === a.cap.gbpsOneTunnelDown && b.cap.gbpsAllUp < a.cap.gbpsAllUp)
      ? b
      : a,
  );
  return {
    scope,
    direction,
    paths: worst.cap.paths,
    gbpsAllUp: worst.cap.gbpsAllUp,
    gbpsOneTunnelDown: worst.cap.gbpsOneTunnelDown,
    bottleneck: `${worst.flow.from} -> ${worst.flow.to}`,
  };
}

/** Per spoke and per segment, to and from on-prem: the narrowest reachable flow. */
export function capacityTable(ctx: AnalysisContext, flows: Flow[]): CapacityRow[] {
  const { settings } = ctx.model;
  const segmentOf = new Map<string, string>();
  for (const s of settings.spokes) if (!segmentOf.has(s.name)) segmentOf.set(s.name, s.segment);
  // One pass over the flows, in their order: each measured flow joins its spoke's and its segment's list.
  const items = new Map<string, { flow: Flow; cap: FlowCapacity }[]>();
  const push = (key: string, item: { flow: Flow; cap: FlowCapacity }) => {
    const list = items.get(key);
    if (list) list.push(item);
    else items.set(key, [item]);
  };
  for (const flow of flows) {
    if (flow.status !== "reachable") continue;
    const direction =
      flow.fromKind === "spoke" && flow.toKind === "zone" ? "to" : flow.fromKind === "zone" && flow.toKind === "spoke" ? "from" : undefined;
    if (!direction) continue;
    const spoke = direction === "to" ? flow.from : flow.to;
    if (!segmentOf.has(spoke)) continue;
    const cap = directionCapacity(ctx, flow.forwardVpnSets);
    if (!cap) continue;
    const item = { flow, cap };
    push(`${direction}\nspoke\n${spoke}`, item);
    push(`${direction}\nsegment\n${segmentOf.get(spoke)}`, item);
  }
  const scopes = [
    ...settings.spokes.map((s) => ({ scope: s.name, key: `spoke\n${s.name}` })),
    ...settings.segments.map((g) => ({ scope: `segment ${g.name}`, key: `segment\n${g.name}` })),
  ];
  const rows: CapacityRow[] = [];
  for (const { scope, key } of scopes) {
    const to = minRow(scope, "to on-prem", items.get(`to\n${key}`) ?? []);
    const from = minRow(scope, "from on-prem", items.get(`from\n${key}`) ?? []);
    if (to) rows.push(to);
    if (from) rows.push(from);
  }
  return rows;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
