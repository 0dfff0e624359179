/**
 * Reachability over the route model: a packet walk with AWS's evaluation order.
 *
 * - VPC route tables: longest prefix; the implicit local route delivers inside the VPC; a subnet
 *   reaches the TGW only when the attachment has a subnet in the same AZ.
 * - TGW route tables (the one the ingress attachment is associated with): longest prefix; for one
 *   prefix a static route beats a propagated one and VPC-propagated beats VPN-propagated; a
 *   blackhole drops; several VPN attachments propagating the prefix are ECMP paths when the TGW
 *   has VPN ECMP support (otherwise one of them is used).
 * - On-prem: its zones are local; it learns over BGP, per VPN attachment, the routes of the table
 *   that attachment is associated with, and spreads over every VPN advertising the longest match.
 *   It forwards internet-bound traffic to the internet (the on-prem security stack) and sends
 *   AWS-bound traffic back to AWS (hairpin), so a spoke's default route to on-prem is no backdoor
 *   to another spoke only if the TGW drops it.
 * - A NAT gateway translates the source; the return then comes back to the NAT and is routed from
 *   the NAT's subnet. Traffic is reachable only when the return path exists too.
 */
import { covers, internetProbe, parsePrefix, prefixLen } from "./ipv4";
import { attachmentLabel, tableName } from "./model";
import type { Attachment, RouteModel, Subnet, TgwRoute, Vpc, VpcRoute } from "./model";

/** What is down: whole VPN attachments, and single tunnels (`<vpn>/tunnel1`). */
export interface FailureSet {
  attachments: ReadonlySet<string>;
  tunnels: ReadonlySet<string>;
}

export const nothingDown: FailureSet = { attachments: new Set(), tunnels: new Set() };

export type Terminal = { kind: "vpc"; vpcId: string } | { kind: "onprem" } | { kind: "internet"; via: "igw" | "onprem" };

type Loc = { at: "subnet"; subnetId: string } | { at: "tgw"; attachmentId: string; az?: string } | { at: "onprem"; entered: boolean };

export interface Walk {
  ok: boolean;
  terminal?: Terminal;
  /** Human-readable hops, each naming the route that moved the packet on. */
  hops: string[];
  /** The route or condition that decided: the drop for a blocked walk, the first TGW route otherwise. */
  decidedBy: string;
  /** NAT gateway ids crossed, in order; the subnet of the last one. */
  nats: string[];
  /** For each crossing of the VPN: the VPN attachment ids sharing the traffic (ECMP set). */
  vpnSets: string[][];
  /** Attachments crossed (ids). */
  attachments: string[];
}

interface Ctx {
  model: RouteModel;
  down: FailureSet;
  dest: string;
  /** Return traffic: a NAT on the way would translate again (the flow breaks). */
  noNat: boolean;
}

interface Acc {
  hops: string[];
  decisions: string[];
  tgwDecision?: string;
  nats: string[];
  natted: boolean;
  vpnSets: string[][];
  attachments: string[];
  seen: Set<string>;
}

const maxHops = 32;

function cloneAcc(a: Acc): Acc {
  return {
    ...a,
    hops: [...a.hops],
    decisions: [...a.decisions],
    nats: [...a.nats],
    vpnSets: [...a.vpnSets],
    attachments: [...a.attachments],
    seen: new Set(a.seen),
  };
}

function drop(acc: Acc, reason: string): Walk {
  return {
    ok: false,
    hops: [...acc.hops, `dropped: ${reason}`],
    decidedBy: reason,
    nats: acc.nats,
    vpnSets: acc.vpnSets,
    attachments: acc.attachments,
  };
}

function deliver(acc: Acc, terminal: Terminal, hop: string): Walk {
  return {
    ok: true,
    terminal,
    hops: [...acc.hops, hop],
    decidedBy: acc.tgwDecision ?? acc.decisions.at(-1) ?? hop,
    nats: acc.nats,
    vpnSets: acc.vpnSets,
    attachments: acc.attachments,
  };
}

function tunnelsUp(att: Attachment, down: FailureSet): number {
  if (down.attachments.has(att.id)) return 0;
  return [1, 2].filter((t) => !down.tunnels.has(`${att.name}/tunnel${t}`)).length;
}

function isUp(att: Attachment, down: FailureSet): boolean {
  return att.kind === "vpc" || tunnelsUp(att, down) > 0;
}

function describeVpcTarget(model: RouteModel, r: VpcRoute): string {
  const t = r.target;
  switch (t.kind) {
    case "local":
      return "local";
    case "tgw":
      return "TGW";
    case "nat":
      return `NAT ${model.nats.find((n) => n.id === t.id)?.name ?? t.id}`;
    case "igw":
      return `internet gateway ${model.igws.find((g) => g.id === t.id)?.name ?? t.id}`;
    default:
      return t.id;
  }
}

function describeTgwRoutes(model: RouteModel, routes: TgwRoute[]): string {
  const [first] = routes;
  const where = `TGW route table ${tableName(model, first.table)}: ${first.prefix}`;
  if (first.blackhole) return `${where} blackhole (static route ${first.resource})`;
  const targets = routes.map((r) => model.attachments.find((a) => a.id === r.attachment));
  const names = targets.map((a) => (a ? attachmentLabel(a) : "unknown attachment")).join(", ");
  const how = first.kind === "static" ? `static route ${first.resource}` : `propagated by ${routes.map((r) => r.resource).join(", ")}`;
  return `${where} -> ${names} (${how}${routes.length > 1 ? `, ECMP x${routes.length}` : ""})`;
}

/** The TGW routes that win for `dest` in `table`: one static route, or the winning propagated ones (several = ECMP). */
export function tgwLookup(model: RouteModel, table: string, dest: string, down: FailureSet = nothingDown): TgwRoute[] {
  const live = model.tgwRoutes.filter((r) => {
    if (r.table !== table || !covers(r.prefix, dest)) return false;
    if (r.kind === "static") return true;
    const att = model.attachments.find((a) => a.id === r.attachment);
    return !!att && isUp(att, down);
  });
  if (live.length === 0) return [];
  const longest = Math.max(...live.map((r) => prefixLen(r.prefix)));
  const best = live.filter((r) => prefixLen(r.prefix) === longest);
  const statics = best.filter((r) => r.kind === "static");
  if (statics.length > 0) return [statics[0]];
  const kindOf = (r: TgwRoute) => model.attachments.find((a) => a.id === r.attachment)?.kind;
  const vpcs = best.filter((r) => kindOf(r) === "vpc");
  if (vpcs.length > 0) return [vpcs[0]];
  const vpns = best.filter((r, i) => best.findIndex((x) => x.attachment === r.attachment) === i);
  const ecmp = !!model.tgw?.ecmp && vpns.every((r) => model.attachments.find((a) => a.id === r.attachment)?.vpn?.bgp);
  return ecmp ? vpns : vpns.slice(0, 1);
}

/** The VPC route that wins for `dest` in a VPC route table. */
export function vpcLookup(model: RouteModel, tableId: string, dest: string): VpcRoute | undefined {
  const table = model.vpcTables.find((t) => t.id === tableId);
  const matching = (table?.routes ?? []).filter((r) => covers(r.prefix, dest));
  if (matching.length === 0) return undefined;
  const longest = Math.max(...matching.map((r) => prefixLen(r.prefix)));
  return matching.find((r) => prefixLen(r.prefix) === longest);
}

/** Routes on-prem learns from AWS: per live VPN attachment, the non-blackhole routes of its associated table. */
function onPremLookup(model: RouteModel, dest: string, down: FailureSet): { attachments: Attachment[]; prefix: string } | undefined {
  let best: { attachments: Attachment[]; prefix: string; len: number } | undefined;
  for (const att of model.attachments) {
    if (att.kind !== "vpn" || !isUp(att, down) || !att.associatedTable) continue;
    const learned = model.tgwRoutes.filter(
      (r) => r.table === att.associatedTable && !r.blackhole && covers(r.prefix, dest) && r.attachment !== att.id,
    );
    // A route is advertised only while its target is up; VPN-learned prefixes are not re-advertised to the VPN.
    const usable = learned.filter((r) => {
      const target = model.attachments.find((a) => a.id === r.attachment);
      return !!target && isUp(target, down) && target.kind === "vpc";
    });
    if (usable.length === 0) continue;
    const len = Math.max(...usable.map((r) => prefixLen(r.prefix)));
    const prefix = usable.find((r) => prefixLen(r.prefix) === len)?.prefix ?? "";
    if (!best || len > best.len) best = { attachments: [att], prefix, len };
    else if (len === best.len) best.attachments.push(att);
  }
  return best;
}

function inZone(model: RouteModel, dest: string): string | undefined {
  return model.settings.onPrem.zones.find((z) => z.cidrs.some((c) => covers(c, dest)))?.name;
}

function step(ctx: Ctx, loc: Loc, acc: Acc): Walk {
  const { model } = ctx;
  const key = loc.at === "subnet" ? `s:${loc.subnetId}` : loc.at === "tgw" ? `t:${loc.attachmentId}` : "onprem";
  if (acc.seen.has(key) || acc.hops.length > maxHops) return drop(acc, `routing loop (back at ${key.replace(/^\w:/, "")})`);
  acc.seen.add(key);

  if (loc.at === "subnet") {
    const subnet = model.subnets.find((s) => s.id === loc.subnetId);
    if (!subnet) return drop(acc, `unknown subnet ${loc.subnetId}`);
    const rtName = tableName(model, subnet.routeTableId);
    const route = vpcLookup(model, subnet.routeTableId, ctx.dest);
    if (!route) return drop(acc, `route table ${rtName} (subnet ${subnet.name}) has no route for ${ctx.dest}`);
    const decision = `route table ${rtName}: ${route.prefix} -> ${describeVpcTarget(model, route)}${route.resource === "local" ? "" : ` (${route.resource})`}`;
    acc.decisions.push(decision);
    acc.hops.push(`subnet ${subnet.name} [${decision}]`);
    const t = route.target;
    switch (t.kind) {
      case "local":
        return deliver(acc, { kind: "vpc", vpcId: subnet.vpcId }, `delivered in VPC ${vpcName(model, subnet.vpcId)}`);
      case "tgw": {
        const att = model.attachments.find((a) => a.kind === "vpc" && a.vpcId === subnet.vpcId);
        if (!att) return drop(acc, `${decision}, but VPC ${vpcName(model, subnet.vpcId)} has no TGW attachment`);
        const azs = att.subnetIds.map((id) => model.subnets.find((s) => s.id === id)?.az);
        if (!azs.includes(subnet.az)) return drop(acc, `${decision}, but attachment ${att.name} has no subnet in ${subnet.az}`);
        return step(ctx, { at: "tgw", attachmentId: att.id, az: subnet.az }, acc);
      }
      case "nat": {
        const nat = model.nats.find((n) => n.id === t.id);
        if (!nat || !nat.subnetId) return drop(acc, `${decision}: NAT gateway ${t.id} is unknown or has no subnet`);
        if (ctx.noNat) return drop(acc, `${decision}: return traffic would be translated by another NAT`);
        acc.nats.push(nat.id);
        acc.natted = acc.natted || nat.public;
        return step(ctx, { at: "subnet", subnetId: nat.subnetId }, acc);
      }
      case "igw": {
        const igw = model.igws.find((g) => g.id === t.id);
        if (!igw || igw.vpcId !== subnet.vpcId) return drop(acc, `${decision}: the internet gateway is not attached to this VPC`);
        if (inZone(model, ctx.dest) || !isPublic(ctx.dest)) return drop(acc, `${decision}: private destination sent to the internet`);
        if (!acc.natted) return drop(acc, `${decision}: private source without NAT`);
        return deliver(acc, { kind: "internet", via: "igw" }, `internet via ${igw.name}`);
      }
      default:
        return drop(acc, `${decision}: target not modelled`);
    }
  }

  if (loc.at === "tgw") {
    const att = model.attachments.find((a) => a.id === loc.attachmentId);
    if (!att) return drop(acc, `unknown attachment ${loc.attachmentId}`);
    if (!isUp(att, ctx.down)) return drop(acc, `${attachmentLabel(att)} is down`);
    acc.attachments.push(att.id);
    if (!att.associatedTable) return drop(acc, `${attachmentLabel(att)} is not associated with a TGW route table`);
    const routes = tgwLookup(model, att.associatedTable, ctx.dest, ctx.down);
    if (routes.length === 0) return drop(acc, `TGW route table ${tableName(model, att.associatedTable)} has no route for ${ctx.dest}`);
    const decision = describeTgwRoutes(model, routes);
    acc.decisions.push(decision);
    acc.tgwDecision ??= decision;
    acc.hops.push(`TGW from ${attachmentLabel(att)} [${decision}]`);
    if (routes[0].blackhole) return drop(acc, decision);
    const targets = routes.map((r) => model.attachments.find((a) => a.id === r.attachment));
    if (targets.some((a) => !a)) return drop(acc, `${decision}: the target attachment does not exist`);
    const live = (targets as Attachment[]).filter((a) => isUp(a, ctx.down));
    if (live.length === 0) return drop(acc, `${decision}: the target attachment is down`);
    const [target] = live;
    if (target.kind === "vpn") {
      acc.vpnSets.push(live.map((a) => a.id));
      acc.attachments.push(...live.map((a) => a.id));
      return step(ctx, { at: "onprem", entered: true }, acc);
    }
    acc.attachments.push(target.id);
    const subnets = target.subnetIds.map((id) => model.subnets.find((s) => s.id === id)).filter((s): s is Subnet => !!s);
    const entry = subnets.find((s) => s.az === loc.az) ?? subnets[0];
    if (!entry) return drop(acc, `${decision}: attachment ${target.name} has no subnets`);
    return step(ctx, { at: "subnet", subnetId: entry.id }, acc);
  }

  // On-prem.
  const zone = inZone(model, ctx.dest);
  if (zone) return deliver(acc, { kind: "onprem" }, `on-prem zone ${zone}`);
  if (loc.entered && isPublic(ctx.dest))
    return deliver(acc, { kind: "internet", via: "onprem" }, "internet via the on-prem security stack");
  const learned = onPremLookup(model, ctx.dest, ctx.down);
  if (!learned) return drop(acc, `on-prem learns no route for ${ctx.dest} from AWS`);
  const decision = `on-prem BGP: ${learned.prefix} via ${learned.attachments.map((a) => a.name).join(", ")}${learned.attachments.length > 1 ? ` (ECMP x${learned.attachments.length})` : ""}`;
  acc.decisions.push(decision);
  acc.hops.push(`on-prem${loc.entered ? " router (hairpin back to AWS)" : ""} [${decision}]`);
  acc.vpnSets.push(learned.attachments.map((a) => a.id));
  // Each ECMP path may land in a different TGW route table: walk them all; all must deliver.
  const branches = learned.attachments.map((a) => step(ctx, { at: "tgw", attachmentId: a.id }, cloneAcc(acc)));
  const failed = branches.find((b) => !b.ok);
  if (failed && learned.attachments.length > 1) {
    const i = branches.indexOf(failed);
    return { ...failed, decidedBy: `ECMP path via ${learned.attachments[i].name}: ${failed.decidedBy}` };
  }
  return failed ?? branches[0];
}

/** True for an address outside the private ranges (RFC 1918, CGNAT, link-local). */
function isPublic(dest: string): boolean {
  return !["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"].some((p) => covers(p, dest));
}

function vpcName(model: RouteModel, id: string): string {
  return model.vpcs.find((v) => v.id === id)?.name ?? id;
}

export type Start = { kind: "subnet"; subnetId: string } | { kind: "onprem" };

export function walk(model: RouteModel, start: Start, dest: string, down: FailureSet = nothingDown, noNat = false): Walk {
  const acc: Acc = { hops: [], decisions: [], nats: [], natted: false, vpnSets: [], attachments: [], seen: new Set() };
  if (!parsePrefix(dest)) return drop(acc, `not an IPv4 prefix: ${dest}`);
  const loc: Loc = start.kind === "subnet" ? { at: "subnet", subnetId: start.subnetId } : { at: "onprem", entered: false };
  return step({ model, down, dest, noNat }, loc, acc);
}

// --- Endpoints and flows ---

export type Endpoint =
  | { kind: "spoke"; name: string; segment: string; vpc?: Vpc }
  | { kind: "zone"; name: string; cidrs: string[] }
  | { kind: "internet"; name: "internet" };

export function endpoints(model: RouteModel): Endpoint[] {
  const { settings } = model;
  return [
    ...settings.spokes.map((s): Endpoint => {
      const vpc = model.vpcs.find((v) => v.role.kind === "spoke" && v.role.spoke.name === s.name);
      return { kind: "spoke", name: s.name, segment: s.segment, ...(vpc ? { vpc } : {}) };
    }),
    ...settings.onPrem.zones.map((z): Endpoint => ({ kind: "zone", name: z.name, cidrs: z.cidrs })),
    { kind: "internet", name: "internet" },
  ];
}

/** Subnets that host workloads: not attachment subnets, not NAT (public) subnets. */
export function workloadSubnets(model: RouteModel, vpc: Vpc): Subnet[] {
  const all = model.subnets.filter((s) => s.vpcId === vpc.id);
  const infra = new Set([...model.attachments.flatMap((a) => a.subnetIds), ...model.nats.flatMap((n) => (n.subnetId ? [n.subnetId] : []))]);
  const work = all.filter((s) => !infra.has(s.id));
  return work.length > 0 ? work : all;
}

export type FlowStatus = "reachable" | "blocked" | "partial" | "n/a";

export interface Flow {
  from: string;
  to: string;
  fromKind: Endpoint["kind"];
  toKind: Endpoint["kind"];
  status: FlowStatus;
  /** Forward hops of a representative walk (a reachable one when there is one). */
  path: string[];
  returnPath: string[];
  /** Why: the deciding route (the drop for a blocked flow, the first TGW route for a reachable one). */
  reason: string;
  /** NAT gateway names crossed forward. */
  nats: string[];
  /** Attachment names crossed forward. */
  attachments: string[];
  /** ECMP VPN sets crossed forward and back (attachment ids), for capacity. */
  forwardVpnSets: string[][];
  returnVpnSets: string[][];
  /** How internet traffic leaves, for spoke -> internet flows. */
  internetVia?: "igw" | "onprem";
  /** For a flow blocked only on the way back: the route that delivers it one way. */
  oneWay?: string;
}

interface Probe {
  start: Start;
  /** Address (prefix) the reply goes back to. */
  address: string;
}

function starts(model: RouteModel, e: Endpoint): Probe[] {
  if (e.kind === "spoke")
    return e.vpc ? workloadSubnets(model, e.vpc).map((s) => ({ start: { kind: "subnet", subnetId: s.id }, address: e.vpc!.cidr })) : [];
  if (e.kind === "zone") return e.cidrs.map((c) => ({ start: { kind: "onprem" }, address: c }));
  return [];
}

function destinations(e: Endpoint): { probe: string; matches: (t: Terminal) => boolean }[] {
  if (e.kind === "spoke") return e.vpc ? [{ probe: e.vpc.cidr, matches: (t) => t.kind === "vpc" && t.vpcId === e.vpc!.id }] : [];
  if (e.kind === "zone") return e.cidrs.map((c) => ({ probe: c, matches: (t) => t.kind === "onprem" }));
  return [{ probe: internetProbe, matches: (t) => t.kind === "internet" }];
}

function terminalLabel(model: RouteModel, t: Terminal | undefined): string {
  if (!t) return "nowhere";
  if (t.kind === "vpc") return `VPC ${vpcName(model, t.vpcId)}`;
  return t.kind === "onprem" ? "on-prem" : "the internet";
}

interface PairResult {
  reachable: boolean;
  forward: Walk;
  back?: Walk;
  reason: string;
}

function evaluatePair(
  model: RouteModel,
  src: Probe,
  dst: Endpoint,
  target: { probe: string; matches: (t: Terminal) => boolean },
  down: FailureSet,
): PairResult {
  const forward = walk(model, src.start, target.probe, down);
  if (!forward.ok) return { reachable: false, forward, reason: forward.decidedBy };
  if (!forward.terminal || !target.matches(forward.terminal)) {
    return {
      reachable: false,
      forward,
      reason: `${forward.decidedBy} delivers ${target.probe} to ${terminalLabel(model, forward.terminal)}`,
    };
  }
  const backOk = (w: Walk, why: string): PairResult =>
    w.ok && returnsHome(model, w, src)
      ? { reachable: true, forward, back: w, reason: forward.decidedBy }
      : {
          reachable: false,
          forward,
          back: w,
          reason: `return path ${why}: ${w.ok ? `${w.decidedBy} delivers it to ${terminalLabel(model, w.terminal)}` : w.decidedBy}`,
        };
  const natId = forward.nats.at(-1);
  if (natId) {
    const nat = model.nats.find((n) => n.id === natId)!;
    const natVpc = model.vpcs.find((v) => v.id === nat.vpcId);
    if (dst.kind !== "internet" && natVpc) {
      for (const s of starts(model, dst)) {
        const toNat = walk(model, s.start, natVpc.cidr, down, true);
        if (!toNat.ok || toNat.terminal?.kind !== "vpc" || toNat.terminal.vpcId !== natVpc.id) {
          return { reachable: false, forward, back: toNat, reason: `return path to NAT ${nat.name}: ${toNat.decidedBy}` };
        }
      }
    }
    return backOk(walk(model, { kind: "subnet", subnetId: nat.subnetId! }, src.address, down, true), `from NAT ${nat.name}`);
  }
  if (forward.terminal.kind === "internet") return backOk(walk(model, { kind: "onprem" }, src.address, down, true), "from on-prem");
  let last: PairResult | undefined;
  for (const s of starts(model, dst)) {
    last = backOk(walk(model, s.start, src.address, down, true), `from ${dst.name}`);
    if (!last.reachable) return last;
  }
  return last ?? { reachable: false, forward, reason: `${dst.name} has no source to reply from` };
}

function returnsHome(model: RouteModel, w: Walk, src: Probe): boolean {
  if (!w.terminal) return false;
  if (src.start.kind === "onprem") return w.terminal.kind === "onprem";
  const subnet = model.subnets.find((s) => src.start.kind === "subnet" && s.id === src.start.subnetId);
  return w.terminal.kind === "vpc" && w.terminal.vpcId === subnet?.vpcId;
}

function names(model: RouteModel, ids: string[]): string[] {
  return [...new Set(ids)].map((id) => model.attachments.find((a) => a.id === id)?.name ?? model.nats.find((n) => n.id === id)?.name ?? id);
}

/** One flow between two endpoints, aggregated over every source subnet and every destination prefix. */
export function evaluateFlow(model: RouteModel, src: Endpoint, dst: Endpoint, down: FailureSet = nothingDown): Flow {
  const base = { from: src.name, to: dst.name, fromKind: src.kind, toKind: dst.kind };
  const empty = { path: [], returnPath: [], nats: [], attachments: [], forwardVpnSets: [], returnVpnSets: [] };
  if (src.kind === "internet") {
    if (dst.kind !== "spoke") return { ...base, ...empty, status: "n/a", reason: "outside the model" };
    return { ...base, ...empty, ...inbound(model, dst) };
  }
  if (src.kind === "zone" && dst.kind !== "spoke")
    return { ...base, ...empty, status: "n/a", reason: "on-prem internal (outside the model)" };
  const probes = starts(model, src);
  const targets = destinations(dst);
  if (probes.length === 0 || targets.length === 0) {
    const missing = probes.length === 0 ? src : dst;
    return { ...base, ...empty, status: "blocked", reason: `${missing.name} has no VPC or subnets in the program` };
  }
  const results = probes.flatMap((p) => targets.map((t) => evaluatePair(model, p, dst, t, down)));
  const good = results.find((r) => r.reachable);
  const bad = results.find((r) => !r.reachable);
  const rep = good ?? bad!;
  const delivered = !good ? results.find((r) => r.back !== undefined && r.forward.ok) : undefined;
  return {
    ...base,
    status: !bad ? "reachable" : !good ? "blocked" : "partial",
    path: rep.forward.hops,
    returnPath: rep.back?.hops ?? [],
    reason: bad ? bad.reason : good!.reason,
    nats: names(model, rep.forward.nats),
    attachments: names(model, rep.forward.attachments),
    forwardVpnSets: rep.forward.vpnSets,
    returnVpnSets: rep.back?.vpnSets ?? [],
    ...(dst.kind === "internet" && rep.forward.terminal?.kind === "internet" ? { internetVia: rep.forward.terminal.via } : {}),
    ...(delivered ? { oneWay: delivered.forward.decidedBy } : {}),
  };
}

/** Internet-initiated traffic reaches a spoke only through a workload subnet routed to an internet gateway. */
function inbound(model: RouteModel, dst: Extract<Endpoint, { kind: "spoke" }>): { status: FlowStatus; reason: string } {
  if (!dst.vpc) return { status: "blocked", reason: `${dst.name} has no VPC in the program` };
  for (const s of workloadSubnets(model, dst.vpc)) {
    const r = vpcLookup(model, s.routeTableId, internetProbe);
    if (r?.target.kind === "igw")
      return {
        status: "reachable",
        reason: `route table ${tableName(model, s.routeTableId)}: ${r.prefix} -> internet gateway (public workload subnet ${s.name})`,
      };
  }
  return {
    status: "blocked",
    reason: `no workload subnet of ${dst.vpc.name} routes to an internet gateway; NAT gateways pass only return traffic`,
  };
}

/** Every flow between every pair of endpoints, both directions (pairs outside the model are "n/a"). */
export function allFlows(model: RouteModel, down: FailureSet = nothingDown): Flow[] {
  const eps = endpoints(model);
  const flows: Flow[] = [];
  for (const a of eps) for (const b of eps) if (a !== b) flows.push(evaluateFlow(model, a, b, down));
  return flows;
}
