/**
 * Intent, failure and capacity by class: each rule is decided on the representative flow of a
 * pair of classes (every member pair routes alike), and only the member pairs that the result
 * names (a violation, a lost flow, a bottleneck) are evaluated one by one, in flow order, so the
 * result is the pairwise analysis's (intent.ts, failure.ts, capacity.ts) at the cost of the
 * classes plus what is reported.
 */
import type { CapacityRow, FlowCapacity } from "../capacity";
import { directionCapacity, minRow, setGbps } from "../capacity";
import type { ScenarioResult } from "../failure";
import { lostFlow, routedAround, scenarios } from "../failure";
import type { Violation } from "../intent";
import { EgressCheck, flowViolations } from "../intent";
import type { Flow } from "../reachability";
import type { ClassFlows } from "./flows";

/** The intent's violations, in the pairwise order: flow by flow, then egress spoke by spoke. */
export function intentByClass(cf: ClassFlows): Violation[] {
  const { ctx, classes } = cf;
  const out: Violation[] = [];
  for (const [i, j] of cf.pairsWhere((f) => flowViolations(ctx, f).length > 0)) out.push(...flowViolations(ctx, cf.flowAt(i, j)));
  const internet = classes.endpoints.findIndex((e) => e.kind === "internet");
  const egress = new EgressCheck(ctx);
  const spokes = ctx.model.settings.spokes;
  const flagged = classes.members.map((m) => {
    const first = m[0]!;
    const spoke = spokes[first];
    if (internet < 0 || classes.endpoints[first]?.kind !== "spoke" || !spoke) return false;
    return egress.violations(spoke, cf.classFlow(classes.classOf[first]!, classes.classOf[internet]!)).length > 0;
  });
  spokes.forEach((spoke, i) => {
    if (flagged[classes.classOf[i]!]) out.push(...egress.violations(spoke, cf.flowAt(i, internet)));
  });
  return out;
}

/** A flow that reaches and crosses the VPN: what the failure scenarios re-evaluate. */
function crossesVpn(f: Flow): boolean {
  return f.status === "reachable" && (f.forwardVpnSets.length > 0 || f.returnVpnSets.length > 0);
}

/** Each scenario's lost flows and lowest capacity left (failure.ts), per pair of classes. */
export function failuresByClass(cf: ClassFlows): ScenarioResult[] {
  const { ctx, classes } = cf;
  const { model } = ctx;
  const n = classes.count;
  const vpnIds = model.attachments.filter((a) => a.kind === "vpn").map((a) => a.id);
  const name = (i: number, j: number) => `${classes.endpoints[i]!.name} -> ${classes.endpoints[j]!.name}`;
  return scenarios(model).map((s) => {
    const gone = routedAround(model, s.down);
    const after: (Flow | undefined)[][] = classes.members.map(() => new Array<Flow | undefined>(n).fill(undefined));
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        const f = cf.classFlow(a, b);
        if (!f || !crossesVpn(f)) continue;
        const touched = cf.touched.get(f);
        const uses = !touched || (gone.size > 0 && [...touched].some((id) => gone.has(id)));
        after[a]![b] = uses ? cf.classFlowUnder(a, b, s.down) : f;
      }
    const lost = [...cf.pairsWhere((_, a, b) => after[a]![b] !== undefined && after[a]![b]!.status !== "reachable")].map(([i, j]) =>
      lostFlow(model, classes.endpoints[i]!, classes.endpoints[j]!, cf.flowAt(i, j, s.down).reason, s.down),
    );
    // The lowest capacity left, and the first flow (in flow order) that has it.
    const left: (number | undefined)[][] = after.map((row) =>
      row.map((f) => {
        if (!f || f.status !== "reachable" || f.toKind === "internet") return undefined;
        let min: number | undefined;
        for (const sets of [f.forwardVpnSets, f.returnVpnSets]) {
          if (sets.length === 0) continue;
          const v = Math.min(...sets.map((set) => setGbps(ctx, set, s.down)));
          if (min === undefined || v < min) min = v;
        }
        return min;
      }),
    );
    let minGbps: number | undefined;
    for (const row of left) for (const v of row) if (v !== undefined && (minGbps === undefined || v < minGbps)) minGbps = v;
    const first = minGbps === undefined ? undefined : cf.pairsWhere((_, a, b) => left[a]![b] === minGbps).next().value;
    return {
      kind: s.kind,
      name: s.name,
      lost,
      redundant: vpnIds.some((id) => !s.down.attachments.has(id)),
      ...(minGbps !== undefined && first ? { minGbps, bottleneck: name(first[0], first[1]) } : {}),
    };
  });
}

type Cap = FlowCapacity | undefined;

/** a is narrower than b, as `minRow` compares them. */
function narrower(a: FlowCapacity, b: FlowCapacity): boolean {
  return a.gbpsOneTunnelDown < b.gbpsOneTunnelDown || (a.gbpsOneTunnelDown === b.gbpsOneTunnelDown && a.gbpsAllUp < b.gbpsAllUp);
}

/** Per spoke and per segment, to and from on-prem, the narrowest flow (capacity.ts), per class. */
export function capacityByClass(cf: ClassFlows): CapacityRow[] {
  const { ctx, classes } = cf;
  const { settings } = ctx.model;
  const zones = classes.endpoints.flatMap((e, i) => (e.kind === "zone" ? [i] : []));
  const capOf = (i: number, j: number): Cap => {
    const f = cf.classFlow(classes.classOf[i]!, classes.classOf[j]!);
    return f && f.status === "reachable" ? directionCapacity(ctx, f.forwardVpnSets) : undefined;
  };
  // Per spoke class: the capacity to and from each zone (zones in order).
  const to = new Map<number, Cap[]>();
  const from = new Map<number, Cap[]>();
  settings.spokes.forEach((_, i) => {
    const a = classes.classOf[i]!;
    if (to.has(a)) return;
    to.set(
      a,
      zones.map((z) => capOf(i, z)),
    );
    from.set(
      a,
      zones.map((z) => capOf(z, i)),
    );
  });
  const spokeName = (i: number) => classes.endpoints[i]!.name;
  const zoneName = (k: number) => classes.endpoints[zones[k]!]!.name;
  const items = (caps: Cap[], flow: (k: number) => { from: string; to: string }) =>
    caps.flatMap((cap, k) => (cap ? [{ flow: flow(k), cap }] : []));
  const rows: CapacityRow[] = [];
  const push = (row: CapacityRow | undefined) => {
    if (row) rows.push(row);
  };
  settings.spokes.forEach((s, i) => {
    const a = classes.classOf[i]!;
    push(
      minRow(
        s.name,
        "to on-prem",
        items(to.get(a)!, (k) => ({ from: spokeName(i), to: zoneName(k) })),
      ),
    );
    push(
      minRow(
        s.name,
        "from on-prem",
        items(from.get(a)!, (k) => ({ from: zoneName(k), to: spokeName(i) })),
      ),
    );
  });
  for (const g of settings.segments) {
    const scope = `segment ${g.name}`;
    const members = settings.spokes.flatMap((s, i) => (s.segment === g.name ? [i] : []));
    // To on-prem: flows spoke by spoke, zones in order; the first narrowest is the first spoke whose
    // class has the narrowest, at that class's first narrowest zone.
    const worstTo = new Map<number, { k: number; cap: FlowCapacity } | undefined>();
    for (const i of members) {
      const a = classes.classOf[i]!;
      if (worstTo.has(a)) continue;
      let w: { k: number; cap: FlowCapacity } | undefined;
      to.get(a)!.forEach((cap, k) => {
        if (cap && (!w || narrower(cap, w.cap))) w = { k, cap };
      });
      worstTo.set(a, w);
    }
    let best: { i: number; k: number; cap: FlowCapacity } | undefined;
    for (const i of members) {
      const w = worstTo.get(classes.classOf[i]!);
      if (w && (!best || narrower(w.cap, best.cap))) best = { i, ...w };
    }
    if (best) push(minRow(scope, "to on-prem", [{ flow: { from: spokeName(best.i), to: zoneName(best.k) }, cap: best.cap }]));
    // From on-prem: flows zone by zone, spokes in order.
    let bestFrom: { i: number; k: number; cap: FlowCapacity } | undefined;
    zones.forEach((_, k) => {
      for (const i of members) {
        const cap = from.get(classes.classOf[i]!)![k];
        if (cap && (!bestFrom || narrower(cap, bestFrom.cap))) bestFrom = { i, k, cap };
      }
    });
    if (bestFrom)
      push(minRow(scope, "from on-prem", [{ flow: { from: zoneName(bestFrom.k), to: spokeName(bestFrom.i) }, cap: bestFrom.cap }]));
  }
  return rows;
}
