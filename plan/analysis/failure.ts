/**
 * Failure analysis: for each single tunnel, VPN connection and customer gateway, which flows that
 * are reachable with everything up lose reachability, and what VPN capacity the flows keep.
 * A loss counts against the design only where redundancy exists: when another VPN connection that
 * carries the flow (`vpnCarriers`) is still up after the failure, the flow must survive.
 */
import { setGbps } from "./capacity";
import type { AnalysisContext } from "./context";
import type { FailureSet } from "./lookup";
import { within } from "./ipv4";
import { isUp } from "./lookup";
import type { Attachment, RouteModel } from "./model";
import { tunnelsOf } from "./model";
import type { Endpoint, Flow, Reachability } from "./reachability";
import { evaluateFlow } from "./reachability";

export interface Scenario {
  kind: "tunnel" | "vpn" | "customer-gateway";
  name: string;
  down: FailureSet;
}

export interface ScenarioResult {
  kind: Scenario["kind"];
  name: string;
  /** Flows reachable with everything up and blocked (or partial) after the failure. */
  lost: LostFlow[];
  /** Whether another VPN connection stays up. */
  redundant: boolean;
  /** Lowest aggregate Gbps left over the VPN among the spoke <-> on-prem flows (undefined: none cross it). */
  minGbps?: number;
  /** The flow with the lowest capacity left. */
  bottleneck?: string;
}

export interface LostFlow {
  flow: string;
  reason: string;
  /** A VPN connection that carries the flow and stays up (the flow should have moved to it); undefined: none does. */
  failover?: string;
}

/**
 * The VPN attachments able to carry a flow's on-prem side: for a zone, the targets of a static TGW
 * route for one of its CIDRs, else those announcing over BGP a prefix that covers one (the zone's
 * own, or the default route) or targeted by a covering static route; for spoke -> internet, the
 * same for 0.0.0.0/0; every VPN attachment for any other flow (a spoke pair hairpinning through
 * on-prem).
 * A static TGW route has a single target attachment (Transit Gateway guide, "Transit gateway route
 * tables": a static route points to one attachment or is a blackhole) and stays on it when that
 * connection fails, so a zone only one connection carries has nowhere to fail over to.
 */
export function vpnCarriers(model: RouteModel, from: Endpoint, to: Endpoint): Attachment[] {
  const vpns = model.attachments.filter((a) => a.kind === "vpn");
  const zone = from.kind === "zone" ? from : to.kind === "zone" ? to : undefined;
  const prefixes = zone ? zone.cidrs : to.kind === "internet" || from.kind === "internet" ? ["0.0.0.0/0"] : undefined;
  if (!prefixes) return vpns;
  // A static route for the exact prefix decides (it beats any propagated one) and stays on its
  // target: only its connections carry the flow. Otherwise every BGP connection announcing a
  // covering prefix does (a withdrawn route leaves the others), and a covering static route's.
  const statics = model.tgwRoutes.filter((r) => r.kind === "static" && !r.blackhole);
  const exact = new Set(statics.filter((r) => prefixes.includes(r.prefix)).map((r) => r.attachment));
  if (exact.size > 0) return vpns.filter((a) => exact.has(a.id));
  const covers = (p: string) => prefixes.some((x) => within(x, p));
  const covering = new Set(statics.filter((r) => covers(r.prefix)).map((r) => r.attachment));
  return vpns.filter((a) => covering.has(a.id) || a.advertises.some(covers));
}

/** A flow lost under a failure, with the carrier it should have moved to. */
export function lostFlow(model: RouteModel, from: Endpoint, to: Endpoint, reason: string, down: FailureSet): LostFlow {
  const failover = vpnCarriers(model, from, to).find((a) => isUp(a, down));
  return { flow: `${from.name} -> ${to.name}`, reason, ...(failover ? { failover: failover.name } : {}) };
}

export function scenarios(model: RouteModel): Scenario[] {
  const vpns = model.attachments.filter((a) => a.kind === "vpn").sort((a, b) => a.name.localeCompare(b.name));
  const none = new Set<string>();
  return [
    ...vpns.flatMap((a) =>
      tunnelsOf(a).map((t): Scenario => ({ kind: "tunnel", name: t, down: { attachments: none, tunnels: new Set([t]) } })),
    ),
    ...vpns.map((a): Scenario => ({ kind: "vpn", name: a.name, down: { attachments: new Set([a.id]), tunnels: none } })),
    ...[...model.customerGateways]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c): Scenario => ({
        kind: "customer-gateway",
        name: c.name,
        down: { attachments: new Set(vpns.filter((a) => a.vpn?.customerGatewayId === c.id).map((a) => a.id)), tunnels: none },
      })),
  ];
}

/**
 * Attachment ids a failure takes out of routing: a connection with no tunnel left. One tunnel down
 * leaves the connection up (its routes stay; only its capacity drops), so it reroutes nothing.
 */
export function routedAround(model: RouteModel, down: FailureSet): Set<string> {
  return new Set(model.attachments.filter((a) => !isUp(a, down)).map((a) => a.id));
}

/**
 * Re-evaluates every baseline-reachable flow that crosses the VPN under each scenario. Only flows
 * whose walks went through (or shared ECMP with) an attachment the scenario takes down are walked
 * again (`baseline.touched`); every other flow routes exactly as with everything up, so its
 * baseline result stands.
 */
export function failureAnalysis(ctx: AnalysisContext, baseline: Reachability): ScenarioResult[] {
  const { model, endpoints } = ctx;
  const find = (name: string, kind: Flow["fromKind"]) => endpoints.find(name, kind)!;
  const crossing = baseline.flows.filter((f) => f.status === "reachable" && (f.forwardVpnSets.length > 0 || f.returnVpnSets.length > 0));
  const vpnIds = model.attachments.filter((a) => a.kind === "vpn").map((a) => a.id);
  return scenarios(model).map((s) => {
    const gone = routedAround(model, s.down);
    const uses = (f: Flow) => {
      const touched = baseline.touched.get(f);
      return !touched || (gone.size > 0 && [...touched].some((id) => gone.has(id)));
    };
    const after = crossing.map((f) => (uses(f) ? evaluateFlow(ctx, find(f.from, f.fromKind), find(f.to, f.toKind), s.down) : f));
    const lost = after
      .filter((f) => f.status !== "reachable")
      .map((f) => lostFlow(model, find(f.from, f.fromKind), find(f.to, f.toKind), f.reason, s.down));
    let min: { gbps: number; flow: string } | undefined;
    for (const f of after) {
      if (f.status !== "reachable" || f.toKind === "internet") continue;
      for (const sets of [f.forwardVpnSets, f.returnVpnSets]) {
        if (sets.length === 0) continue;
        const left = Math.min(...sets.map((set) => setGbps(ctx, set, s.down)));
        if (!min || left < min.gbps) min = { gbps: left, flow: `${f.from} -> ${f.to}` };
      }
    }
    return {
      kind: s.kind,
      name: s.name,
      lost,
      redundant: vpnIds.some((id) => !s.down.attachments.has(id)),
      ...(min ? { minGbps: min.gbps, bottleneck: min.flow } : {}),
    };
  });
}
