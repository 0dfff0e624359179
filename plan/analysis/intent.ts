/**
 * Intent: what the settings say must and must not be reachable, compared with the flows the built
 * routes allow. Every violation names the flow and the route (or missing route) that decided it.
 *
 * - a spoke reaches each zone in its `onPremZones`; each zone in its `ingress` reaches it;
 * - a spoke and a zone that is neither of those never reach each other, either way, not even one
 *   way (a packet delivered without a way back);
 * - spokes of segments that may talk (same segment or `reachableSegments`) reach each other, all
 *   others never do, either way, not even one way;
 * - internet egress per spoke: `nat` leaves through a NAT gateway and internet gateway of the
 *   spoke's own VPC; `onprem` leaves over the VPN and the VPC has no NAT or internet gateway;
 *   `central` leaves through the central egress VPC;
 * - internal traffic (spoke to spoke, spoke and on-prem) is never NATed.
 */
import { unhandled } from "../../infra/lib/exhaustive";
import { segmentsMayTalk } from "../../infra/settings/intent";
import { egressModes } from "../../infra/vocabulary/egress";
import type { NetworkSettings, SpokeSettings } from "../../infra/settings/types";
import type { AnalysisContext } from "./context";
import type { Vpc } from "./model";
import type { Flow } from "./reachability";

export interface Violation {
  rule: "must-reach" | "must-not-reach" | "egress" | "no-nat" | "capacity" | "resilience" | "model";
  /** "from -> to". */
  flow: string;
  message: string;
  /** The deciding route (or missing route, or condition). */
  route: string;
}

export type Expectation = "reach" | "block" | "any";

/** The settings' spokes by name and which segments may talk, memoised (the analysis context holds one). */
export class IntentMemo {
  private readonly spokesByName = new Map<string, SpokeSettings>();
  private readonly talk = new Map<string, boolean>();

  constructor(private readonly settings: NetworkSettings) {
    for (const s of settings.spokes) if (!this.spokesByName.has(s.name)) this.spokesByName.set(s.name, s);
  }

  spoke(name: string): SpokeSettings | undefined {
    return this.spokesByName.get(name);
  }

  mayTalk(a: string, b: string): boolean {
    const key = `${a}\n${b}`;
    let v = this.talk.get(key);
    if (v === undefined) this.talk.set(key, (v = segmentsMayTalk(this.settings, a, b)));
    return v;
  }
}

/** What the settings expect of a flow between two named endpoints. */
export function expectation(ctx: AnalysisContext, flow: Pick<Flow, "from" | "to" | "fromKind" | "toKind">): Expectation {
  const { intent } = ctx;
  const spoke = (name: string) => intent.spoke(name);
  if (flow.fromKind === "spoke" && flow.toKind === "zone") {
    const s = spoke(flow.from)!;
    if (s.onPremZones.includes(flow.to)) return "reach";
    return s.ingress.some((i) => i.fromZone === flow.to) ? "any" : "block";
  }
  if (flow.fromKind === "zone" && flow.toKind === "spoke") {
    const s = spoke(flow.to)!;
    if (s.ingress.some((i) => i.fromZone === flow.from)) return "reach";
    return s.onPremZones.includes(flow.from) ? "any" : "block";
  }
  if (flow.fromKind === "spoke" && flow.toKind === "spoke") {
    return intent.mayTalk(spoke(flow.from)!.segment, spoke(flow.to)!.segment) ? "reach" : "block";
  }
  if (flow.fromKind === "spoke" && flow.toKind === "internet") return "reach";
  return "any";
}

function name(f: Flow): string {
  return `${f.from} -> ${f.to}`;
}

/** The violations of one flow's own rules (reach, block, one-way delivery, NAT on internal traffic). */
export function flowViolations(ctx: AnalysisContext, f: Flow): Violation[] {
  const out: Violation[] = [];
  if (f.status === "n/a") return out;
  const want = expectation(ctx, f);
  if (want === "reach" && f.status !== "reachable") {
    out.push({
      rule: "must-reach",
      flow: name(f),
      message: `${name(f)} must be reachable but is ${f.status}`,
      route: f.reason,
    });
  }
  if (want === "block" && f.status !== "blocked") {
    out.push({
      rule: "must-not-reach",
      flow: name(f),
      message: `${name(f)} must be blocked but is ${f.status}`,
      route: f.status === "partial" ? f.reason : `allowed by ${f.reason}`,
    });
  }
  // One-way delivery breaks isolation even when the replies are dropped: unsolicited packets (UDP,
  // ICMP, SYN) still reach the workloads, or leave a spoke for a zone it may not reach. On-prem
  // sources share one TGW table, and a segment's table routes every zone one of its spokes may
  // reach: a forbidden zone is stopped, both ways, by the spoke's network ACL.
  if (
    want === "block" &&
    f.status === "blocked" &&
    f.oneWay &&
    (f.toKind === "spoke" || f.toKind === "zone") &&
    (f.fromKind === "spoke" || f.fromKind === "zone")
  ) {
    out.push({
      rule: "must-not-reach",
      flow: name(f),
      message: `${name(f)} must be blocked but is delivered one way (only its return path is blocked: ${f.reason})`,
      route: `allowed by ${f.oneWay}`,
    });
  }
  const internal = f.toKind !== "internet" && f.fromKind !== "internet";
  if (internal && f.status !== "blocked" && f.nats.length > 0) {
    out.push({
      rule: "no-nat",
      flow: name(f),
      message: `internal traffic ${name(f)} is NATed by ${f.nats.join(", ")}`,
      route: f.path.join(" | "),
    });
  }
  return out;
}

export function checkIntent(ctx: AnalysisContext, flows: Iterable<Flow>): Violation[] {
  const out: Violation[] = [];
  const toInternet = new Map<string, Flow>();
  for (const f of flows) {
    out.push(...flowViolations(ctx, f));
    if (f.toKind === "internet" && !toInternet.has(f.from)) toInternet.set(f.from, f);
  }
  const egress = new EgressCheck(ctx);
  for (const spoke of ctx.model.settings.spokes) out.push(...egress.violations(spoke, toInternet.get(spoke.name)));
  return out;
}

/** Internet egress per spoke: where its egress mode says its internet traffic leaves. */
export class EgressCheck {
  private readonly natVpc = new Map<string, string>();
  private readonly egressVpc: Vpc | undefined;

  constructor(private readonly ctx: AnalysisContext) {
    const { model } = ctx;
    for (const n of model.nats) if (!this.natVpc.has(n.name)) this.natVpc.set(n.name, n.vpcId);
    this.egressVpc = model.vpcs.find((v) => v.role.kind === "egress");
  }

  /** The egress violations of a spoke whose flow to the internet is `f` (none when unreachable: must-reach reports it). */
  violations(spoke: SpokeSettings, f: Flow | undefined): Violation[] {
    const out: Violation[] = [];
    const { model, ix: index } = this.ctx;
    const vpc = index.spokeVpcs.get(spoke.name);
    if (!f || !vpc || f.status !== "reachable") return out;
    const flow = `${spoke.name} -> internet`;
    const natsInVpc = model.nats.filter((n) => n.vpcId === vpc.id);
    const igwsInVpc = model.igws.filter((g) => g.vpcId === vpc.id);
    const natVpcs = f.nats.map((n) => this.natVpc.get(n));
    const egressVpc = this.egressVpc;
    const fail = (message: string) => out.push({ rule: "egress", flow, message, route: f.reason });
    const mode = `egress "${spoke.egress}"`;
    // Where the spoke's egress mode says the traffic leaves (infra/vocabulary/egress.ts).
    const exit = egressModes[spoke.egress].internetExit;
    switch (exit) {
      case "own-nat-gateway":
        if (f.internetVia !== "igw" || !natVpcs.includes(vpc.id) || f.attachments.length > 0) {
          fail(`${mode}: ${flow} must leave through a NAT gateway in ${vpc.name}, but goes ${f.path.join(" | ")}`);
        }
        break;
      case "onprem":
        if (f.internetVia !== "onprem") fail(`${mode}: ${flow} must go over the VPN, but goes ${f.path.join(" | ")}`);
        if (f.nats.length > 0) fail(`${mode}: ${flow} passes NAT ${f.nats.join(", ")}`);
        for (const g of [...natsInVpc.map((n) => `NAT gateway ${n.name}`), ...igwsInVpc.map((g) => `internet gateway ${g.name}`)]) {
          out.push({ rule: "egress", flow, message: `${mode}: ${vpc.name} still has ${g}`, route: g });
        }
        break;
      case "central-egress-vpc":
        if (!egressVpc || !natVpcs.includes(egressVpc.id) || f.internetVia !== "igw") {
          fail(`${mode}: ${flow} must leave through the central egress VPC, but goes ${f.path.join(" | ")}`);
        }
        break;
      default:
        unhandled(exit, "internet exit");
    }
    return out;
  }
}
