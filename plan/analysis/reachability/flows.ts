/**
 * Flows: every pair of endpoints, both ways, each aggregated over every source subnet (or zone
 * CIDR) and every destination prefix. Mixed results are `partial`; the flow shows a representative
 * pair (a reachable one when there is one) and names the deciding route.
 */
import type { AnalysisContext } from "../context";
import type { FailureSet, RouteIndex } from "../lookup";
import { nothingDown } from "../lookup";
import { internetProbe } from "../ipv4";
import type { Endpoint } from "./endpoints";
import type { Flow, FlowStatus } from "./flow";
import { WalkedFlow } from "./flow";
import { pairs } from "./pair";
import type { Walk } from "./walk";
import type { WalkScope } from "./walker";
import { Walker } from "./walker";

/**
 * For each flow over the VPN, the attachment ids its walks went through (or shared ECMP with):
 * a failure that takes none of them out of routing leaves the flow as it is. A flow without a
 * record must be walked again under any failure.
 */
export type Touched = ReadonlyMap<Flow, ReadonlySet<string>>;

/** The flows of an analysis with everything up, and what each depends on. */
export interface Reachability {
  flows: Flow[];
  touched: Touched;
}

class TouchedRecord {
  readonly byFlow = new Map<Flow, ReadonlySet<string>>();
  /** One set per distinct id list: many flows touch the same attachments. */
  private readonly sets = new Map<string, ReadonlySet<string>>();

  /** Only flows over the VPN are recorded: the failure analysis re-walks only those, and any flow without a record. */
  add(flow: Flow, seen: Set<Walk>): void {
    let overVpn = false;
    for (const x of seen) if ((overVpn = x.vpnSets.length > 0)) break;
    if (!overVpn) return;
    const ids = new Set<string>();
    for (const walk of seen) {
      for (const id of walk.attachments) ids.add(id);
      for (const set of walk.vpnSets) for (const id of set) ids.add(id);
    }
    const key = [...ids].sort().join("\n");
    let shared = this.sets.get(key);
    if (!shared) this.sets.set(key, (shared = ids));
    this.byFlow.set(flow, shared);
  }
}

function evaluateWith(scope: WalkScope, w: Walker, src: Endpoint, dst: Endpoint, record?: TouchedRecord): Flow {
  const { ctx } = scope;
  const { ix, endpoints } = ctx;
  const unwalked = (verdict: { status: FlowStatus; reason: string }): Flow => ({
    from: src.name,
    to: dst.name,
    fromKind: src.kind,
    toKind: dst.kind,
    path: [],
    returnPath: [],
    nats: [],
    attachments: [],
    forwardVpnSets: [],
    returnVpnSets: [],
    ...verdict,
  });
  if (src.kind === "internet") {
    if (dst.kind !== "spoke") return unwalked({ status: "n/a", reason: "outside the model" });
    return unwalked(inbound(ix, dst));
  }
  if (src.kind === "zone" && dst.kind !== "spoke") return unwalked({ status: "n/a", reason: "on-prem internal (outside the model)" });
  const probes = endpoints.starts(src);
  const targets = endpoints.destinations(dst);
  if (probes.length === 0 || targets.length === 0) {
    const missing = probes.length === 0 ? src : dst;
    return unwalked({ status: "blocked", reason: `${missing.name} has no VPC or subnets in the program` });
  }
  const { results, seen } = pairs(w, dst, probes, targets);
  const good = results.find((r) => r.reachable);
  const bad = results.find((r) => !r.reachable);
  // Reachable over some of the paths AWS picks from (ECMP, appliance mode), not all: partial too.
  const split = !bad ? results.find((r) => r.partial !== undefined) : undefined;
  const rep = good ?? bad!;
  const delivered = !good ? results.find((r) => r.back !== undefined && r.forward.ok) : undefined;
  const flow = new WalkedFlow(scope, src, dst, !bad ? (split ? "partial" : "reachable") : !good ? "blocked" : "partial");
  flow.reason = bad ? bad.reason : (split?.partial ?? good!.reason);
  flow.nats = ctx.names.names(rep.forward.nats);
  flow.attachments = ctx.names.names(rep.forward.attachments);
  if (rep.forward.vpnSets.length > 0) flow.forwardVpnSets = rep.forward.vpnSets;
  if (rep.back && rep.back.vpnSets.length > 0) flow.returnVpnSets = rep.back.vpnSets;
  if (dst.kind === "internet" && rep.forward.terminal?.kind === "internet") flow.internetVia = rep.forward.terminal.via;
  if (delivered) flow.oneWay = delivered.forward.decidedBy;
  record?.add(flow, seen);
  return flow;
}

/** One flow between two endpoints under a failure set, aggregated over every source subnet and every destination prefix. */
export function evaluateFlow(ctx: AnalysisContext, src: Endpoint, dst: Endpoint, down: FailureSet = nothingDown): Flow {
  const scope = ctx.walksUnder(down);
  return evaluateWith(scope, Walker.deciding(scope), src, dst);
}

/** Internet-initiated traffic reaches a spoke only through a workload subnet routed to an internet gateway. */
function inbound(ix: RouteIndex, dst: Extract<Endpoint, { kind: "spoke" }>): { status: FlowStatus; reason: string } {
  if (!dst.vpc) return { status: "blocked", reason: `${dst.name} has no VPC in the program` };
  for (const s of ix.workloadSubnets(dst.vpc)) {
    const r = ix.vpcLookup(s.routeTableId, internetProbe);
    if (r?.target.kind === "igw")
      return {
        status: "reachable",
        reason: `route table ${ix.tableName(s.routeTableId)}: ${r.prefix} -> internet gateway (public workload subnet ${s.name})`,
      };
  }
  return {
    status: "blocked",
    reason: `no workload subnet of ${dst.vpc.name} routes to an internet gateway; NAT gateways pass only return traffic`,
  };
}

/** Every flow between every pair of endpoints, both directions (pairs outside the model are "n/a"), and what each depends on. */
export function allFlows(ctx: AnalysisContext, down: FailureSet = nothingDown): Reachability {
  const eps = ctx.endpoints.all;
  const n = eps.length;
  // A flow's return walks are the reverse flow's forward walks: both directions of a pair share one
  // walker, so each walk is taken once. The flows keep the order source by source.
  const flows = new Array<Flow>(n * (n - 1));
  const at = (i: number, j: number) => i * (n - 1) + (j < i ? j : j - 1);
  const scope = ctx.walksUnder(down);
  const pairWalker = Walker.deciding(scope);
  const record = new TouchedRecord();
  eps.forEach((a, i) => {
    eps.forEach((b, j) => {
      if (j <= i) return;
      const w = pairWalker.reset();
      flows[at(i, j)] = evaluateWith(scope, w, a, b, record);
      flows[at(j, i)] = evaluateWith(scope, w, b, a, record);
    });
  });
  return { flows, touched: record.byFlow };
}

/**
 * The flows between given pairs of endpoints, each pair both ways with one walker (as `allFlows`):
 * `[a -> b, b -> a]` per pair, and what each flow depends on. The class analysis evaluates its
 * representatives' pairs with it.
 */
export function pairFlows(
  ctx: AnalysisContext,
  pairs: readonly (readonly [Endpoint, Endpoint])[],
  down: FailureSet = nothingDown,
): { flows: [Flow, Flow][]; touched: Touched } {
  const scope = ctx.walksUnder(down);
  const w = Walker.deciding(scope);
  const record = new TouchedRecord();
  const flows = pairs.map(([a, b]): [Flow, Flow] => {
    w.reset();
    return [evaluateWith(scope, w, a, b, record), evaluateWith(scope, w, b, a, record)];
  });
  return { flows, touched: record.byFlow };
}
