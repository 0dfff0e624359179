/**
 * One source probe against one destination target: the forward walk, the network ACL where it is
 * delivered, and the return path. A flow is reachable only when the reply gets back: through a NAT
 * the reply returns to the NAT (each of the destination's sources must reach the NAT's VPC) and is
 * routed from the NAT's subnet; a reply from the internet comes back from on-prem's view; otherwise
 * every source of the destination must reach the source's address. Network ACLs are stateless
 * (Amazon VPC User Guide, "Control subnet traffic with network access control lists": "responses to
 * allowed inbound traffic are subject to the rules for outbound traffic", and the other way round),
 * so the reply passes the ACLs again: outbound where it leaves (the walk), inbound where it lands in
 * the source's subnet (here).
 */
import type { RouteIndex } from "../lookup";
import type { Endpoint, Probe, Target } from "./endpoints";
import type { Start, Terminal, Walk } from "./walk";
import { vpcName } from "./walk";
import type { Walker } from "./walker";

export interface PairResult {
  reachable: boolean;
  forward: Walk;
  back?: Walk;
  reason: string;
  /** Reachable over some of the paths AWS may pick, not all (Walk.partial): why another fails. */
  partial?: string;
}

/** The pairs of one source and destination, and every walk they took (for the failure analysis). */
export interface Evaluated {
  results: PairResult[];
  seen: Set<Walk>;
}

const onPremStart: Start = { kind: "onprem" };

/** Every source probe against every destination target. */
export function pairs(w: Walker, dst: Endpoint, probes: Probe[], targets: Target[]): Evaluated {
  const dstStarts = w.ctx.endpoints.starts(dst);
  const seen = new Set<Walk>();
  const results = probes.flatMap((p) => targets.map((t) => evaluatePair(w, p, dst, dstStarts, t, seen)));
  return { results, seen };
}

/** The pair shown for a flow: a reachable one when there is one. */
export function representative(results: PairResult[]): PairResult {
  return results.find((r) => r.reachable) ?? results.find((r) => !r.reachable)!;
}

function back(w: Walker, seen: Set<Walk>, start: Start, dest: string): Walk {
  const b = w.walk(start, dest, true);
  seen.add(b);
  return b;
}

/** The pair's result once the reply `b` from `replySource` is walked; `why` (two parts, joined only when needed) names where it came from. */
function backOk(w: Walker, forward: Walk, src: Probe, replySource: string, b: Walk, why: string, whyName: string): PairResult {
  const { ix, acls } = w.ctx;
  if (b.ok && returnsHome(ix, b, src)) {
    const refused = src.start.kind === "subnet" ? acls.inboundRefusalAt(src.start.subnetId, replySource) : undefined;
    if (refused) return { reachable: false, forward, back: b, reason: `return path ${why}${whyName}: ${refused}` };
    const partial = forward.partial ?? (b.partial !== undefined ? `return path ${why}${whyName}: ${b.partial}` : undefined);
    return { reachable: true, forward, back: b, reason: forward.decidedBy, ...(partial !== undefined ? { partial } : {}) };
  }
  return {
    reachable: false,
    forward,
    back: b,
    reason: `return path ${why}${whyName}: ${b.ok ? `${b.decidedBy} delivers it to ${terminalLabel(ix, b.terminal)}` : b.decidedBy}`,
  };
}

function evaluatePair(w: Walker, src: Probe, dst: Endpoint, dstStarts: Probe[], target: Target, seen: Set<Walk>): PairResult {
  const { ix } = w.ctx;
  const forward = w.walk(src.start, target.probe);
  seen.add(forward);
  if (!forward.ok) return { reachable: false, forward, reason: forward.decidedBy };
  if (!forward.terminal || !target.matches(forward.terminal)) {
    return {
      reachable: false,
      forward,
      reason: `${forward.decidedBy} delivers ${target.probe} to ${terminalLabel(ix, forward.terminal)}`,
    };
  }
  if (forward.terminal.kind === "vpc") {
    const refusal = w.ctx.acls.refusal(forward.terminal.vpcId, src.address);
    if (refusal) return { reachable: false, forward, reason: refusal };
  }
  const natId = forward.nats.at(-1);
  if (natId) {
    const nat = ix.nats.get(natId)!;
    const natVpc = ix.vpcs.get(nat.vpcId);
    if (dst.kind !== "internet" && natVpc) {
      for (const s of dstStarts) {
        const toNat = back(w, seen, s.start, natVpc.cidr);
        if (!toNat.ok || toNat.terminal?.kind !== "vpc" || toNat.terminal.vpcId !== natVpc.id) {
          return { reachable: false, forward, back: toNat, reason: `return path to NAT ${nat.name}: ${toNat.decidedBy}` };
        }
      }
    }
    const b = back(w, seen, { kind: "subnet", subnetId: nat.subnetId! }, src.address);
    return backOk(w, forward, src, target.probe, b, "from NAT ", nat.name);
  }
  if (forward.terminal.kind === "internet")
    return backOk(w, forward, src, target.probe, back(w, seen, onPremStart, src.address), "from on-prem", "");
  let last: PairResult | undefined;
  for (const s of dstStarts) {
    const result = backOk(w, forward, src, target.probe, back(w, seen, s.start, src.address), "from ", dst.name);
    if (!result.reachable) return result;
    if (!last || (last.partial === undefined && result.partial !== undefined)) last = result;
  }
  return last ?? { reachable: false, forward, reason: `${dst.name} has no source to reply from` };
}

function returnsHome(ix: RouteIndex, w: Walk, src: Probe): boolean {
  if (!w.terminal) return false;
  if (src.start.kind === "onprem") return w.terminal.kind === "onprem";
  const subnet = ix.subnets.get(src.start.subnetId);
  return w.terminal.kind === "vpc" && w.terminal.vpcId === subnet?.vpcId;
}

export function terminalLabel(ix: RouteIndex, t: Terminal | undefined): string {
  if (!t) return "nowhere";
  if (t.kind === "vpc") return `VPC ${vpcName(ix, t.vpcId)}`;
  return t.kind === "onprem" ? "on-prem" : "the internet";
}
