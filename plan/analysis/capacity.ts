/**
 * Capacity over the VPN: a flow's aggregate is the ECMP paths it can spread over times the tunnel
 * bandwidth (1.25 Gbps standard, 5 Gbps large, from the VpnConnection's tunnelBandwidth). With
 * VPN ECMP on the TGW and BGP, every up tunnel of every connection in the ECMP set carries flows;
 * otherwise one tunnel carries them (active/standby). One flow uses one tunnel, so the aggregate
 * needs many flows.
 */
import type { RouteModel } from "./model";
import { tunnelsOf } from "./model";
import type { FailureSet, Flow } from "./reachability";
import { nothingDown } from "./reachability";

function tunnelUp(name: string, t: string, down: FailureSet, attId: string): boolean {
  return !down.attachments.has(attId) && !down.tunnels.has(`${name}/${t}`);
}

/** Gbps an ECMP set of VPN attachments carries with `down` failed. */
export function setGbps(model: RouteModel, ids: string[], down: FailureSet = nothingDown): number {
  const atts = ids.map((id) => model.attachments.find((a) => a.id === id)).filter((a) => a?.vpn !== undefined);
  const tunnels = atts.flatMap((a) =>
    ["tunnel1", "tunnel2"].filter((t) => tunnelUp(a!.name, t, down, a!.id)).map(() => a!.vpn!.tunnelGbps),
  );
  if (tunnels.length === 0) return 0;
  const ecmp = !!model.tgw?.ecmp && atts.every((a) => a!.vpn!.bgp);
  return round(ecmp ? tunnels.reduce((x, y) => x + y, 0) : Math.max(...tunnels));
}

/** Tunnels in an ECMP set that carry traffic together (all of them with ECMP, one otherwise). */
export function setPaths(model: RouteModel, ids: string[]): number {
  const atts = ids.map((id) => model.attachments.find((a) => a.id === id)).filter((a) => a?.vpn !== undefined);
  const ecmp = !!model.tgw?.ecmp && atts.every((a) => a!.vpn!.bgp);
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
export function directionCapacity(model: RouteModel, sets: string[][]): FlowCapacity | undefined {
  if (sets.length === 0) return undefined;
  const at = (down: FailureSet) => Math.min(...sets.map((s) => setGbps(model, s, down)));
  const paths = Math.min(...sets.map((s) => setPaths(model, s)));
  const tunnels = [...new Set(sets.flat())].flatMap((id) => tunnelsOf(model.attachments.find((a) => a.id === id)!));
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

function minRow(scope: string, direction: CapacityRow["direction"], items: { flow: Flow; cap: FlowCapacity }[]): CapacityRow | undefined {
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
export function capacityTable(model: RouteModel, flows: Flow[]): CapacityRow[] {
  const rows: CapacityRow[] = [];
  const measured = (pred: (f: Flow) => boolean, sets: (f: Flow) => string[][]) =>
    flows
      .filter((f) => f.status === "reachable" && pred(f))
      .map((flow) => ({ flow, cap: directionCapacity(model, sets(flow)) }))
      .filter((x): x is { flow: Flow; cap: FlowCapacity } => x.cap !== undefined);
  const scopes = [
    ...model.settings.spokes.map((s) => ({ scope: s.name, spokes: [s.name] })),
    ...model.settings.segments.map((g) => ({
      scope: `segment ${g.name}`,
      spokes: model.settings.spokes.filter((s) => s.segment === g.name).map((s) => s.name),
    })),
  ];
  for (const { scope, spokes } of scopes) {
    const to = minRow(
      scope,
      "to on-prem",
      measured(
        (f) => spokes.includes(f.from) && f.toKind === "zone",
        (f) => f.forwardVpnSets,
      ),
    );
    const from = minRow(
      scope,
      "from on-prem",
      measured(
        (f) => spokes.includes(f.to) && f.fromKind === "zone",
        (f) => f.forwardVpnSets,
      ),
    );
    if (to) rows.push(to);
    if (from) rows.push(from);
  }
  return rows;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
