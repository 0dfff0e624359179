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
import { internetProbe } from "./ipv4";
import type { Prefix } from "./ipv4";
import type { FailureSet, RouteIndex } from "./lookup";
import { isUp, nothingDown, routeIndex } from "./lookup";
import { attachmentLabel } from "./model";
import type { Attachment, NetworkAcl, RouteModel, Subnet, TgwRoute, Vpc, VpcRoute } from "./model";

export type { FailureSet };
export { nothingDown };

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
  ix: RouteIndex;
  down: FailureSet;
  dest: string;
  /** Return traffic: a NAT on the way would translate again (the flow breaks). */
  noNat: boolean;
  prefix: Prefix;
  /** Walks on from a TGW route table, shared by every attachment associated with it (untraced walks only). */
  suffixes: Suffixes | undefined;
}

/** The rest of a walk from entering a TGW route table, and the places it went through (for loops). */
interface Suffix {
  walk: Walk;
  /** Subnet and attachment ids it went through. */
  subnets: ReadonlySet<string>;
  atts: ReadonlySet<string>;
  /** False when the rest crosses on-prem or loops: then each walk goes its own way. */
  shareable: boolean;
}

/** Suffixes by table, AZ, destination and noNat (nested maps: the keys are strings the model already holds). */
type Suffixes = Map<string, Map<string, Map<string, [Suffix?, Suffix?]>>>;

function nested<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

interface Acc {
  hops: string[];
  /** Hops taken (counted with or without tracing), for the loop guard. */
  depth: number;
  /** Record the hops (text); without, a walk only decides (the hops of most walks are never read). */
  trace: boolean;
  /** The last route that decided (the deciding route of a walk that delivers without a TGW). */
  lastDecision?: string;
  tgwDecision?: string;
  nats: string[];
  natted: boolean;
  vpnSets: string[][];
  attachments: string[];
  /** Places visited (loop keys); a walk visits a handful, so a list beats a set. */
  seen: string[];
}

const maxHops = 32;

function cloneAcc(a: Acc): Acc {
  return {
    ...a,
    hops: [...a.hops],
    nats: [...a.nats],
    vpnSets: [...a.vpnSets],
    attachments: [...a.attachments],
    seen: [...a.seen],
  };
}

const untraced: string[] = [];

function hop(acc: Acc, text: () => string): void {
  acc.depth++;
  if (acc.trace) acc.hops.push(text());
}

function drop(acc: Acc, reason: string): Walk {
  return {
    ok: false,
    hops: acc.trace ? [...acc.hops, `dropped: ${reason}`] : untraced,
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
    hops: acc.trace ? [...acc.hops, hop] : untraced,
    decidedBy: acc.tgwDecision ?? acc.lastDecision ?? hop,
    nats: acc.nats,
    vpnSets: acc.vpnSets,
    attachments: acc.attachments,
  };
}

function describeVpcTarget(ix: RouteIndex, r: VpcRoute): string {
  const t = r.target;
  switch (t.kind) {
    case "local":
      return "local";
    case "tgw":
      return "TGW";
    case "nat":
      return `NAT ${ix.nats.get(t.id)?.name ?? t.id}`;
    case "igw":
      return `internet gateway ${ix.igws.get(t.id)?.name ?? t.id}`;
    default:
      return t.id;
  }
}

const vpcDecisions = new WeakMap<VpcRoute, string>();

/** The decision text of a VPC route (memoised: one string per route). */
function vpcDecision(ix: RouteIndex, tableId: string, route: VpcRoute): string {
  let d = vpcDecisions.get(route);
  if (d === undefined) {
    d = `route table ${ix.tableName(tableId)}: ${route.prefix} -> ${describeVpcTarget(ix, route)}${route.resource === "local" ? "" : ` (${route.resource})`}`;
    vpcDecisions.set(route, d);
  }
  return d;
}

const tgwDecisions = new WeakMap<TgwRoute[], string>();

function describeTgwRoutes(ix: RouteIndex, routes: TgwRoute[]): string {
  let d = tgwDecisions.get(routes);
  if (d !== undefined) return d;
  const [first] = routes;
  const where = `TGW route table ${ix.tableName(first.table)}: ${first.prefix}`;
  if (first.blackhole) d = `${where} blackhole (static route ${first.resource})`;
  else {
    const targets = routes.map((r) => (r.attachment === undefined ? undefined : ix.attachments.get(r.attachment)));
    const names = targets.map((a) => (a ? attachmentLabel(a) : "unknown attachment")).join(", ");
    const how = first.kind === "static" ? `static route ${first.resource}` : `propagated by ${routes.map((r) => r.resource).join(", ")}`;
    d = `${where} -> ${names} (${how}${routes.length > 1 ? `, ECMP x${routes.length}` : ""})`;
  }
  tgwDecisions.set(routes, d);
  return d;
}

/** The TGW routes that win for `dest` in `table`: one static route, or the winning propagated ones (several = ECMP). */
export function tgwLookup(model: RouteModel, table: string, dest: string, down: FailureSet = nothingDown): TgwRoute[] {
  return routeIndex(model).tgwLookup(table, dest, down);
}

/** The VPC route that wins for `dest` in a VPC route table. */
export function vpcLookup(model: RouteModel, tableId: string, dest: string): VpcRoute | undefined {
  return routeIndex(model).vpcLookup(tableId, dest);
}

function step(ctx: Ctx, loc: Loc, acc: Acc): Walk {
  const { ix } = ctx;
  const key = loc.at === "subnet" ? ix.seenKey("s:", loc.subnetId) : loc.at === "tgw" ? ix.seenKey("t:", loc.attachmentId) : "onprem";
  if (acc.seen.includes(key) || acc.depth > maxHops) return drop(acc, `routing loop (back at ${key.replace(/^\w:/, "")})`);
  acc.seen.push(key);

  if (loc.at === "subnet") {
    const subnet = ix.subnets.get(loc.subnetId);
    if (!subnet) return drop(acc, `unknown subnet ${loc.subnetId}`);
    const route = ix.vpcLookupPrefix(subnet.routeTableId, ctx.prefix);
    if (!route) return drop(acc, `route table ${ix.tableName(subnet.routeTableId)} (subnet ${subnet.name}) has no route for ${ctx.dest}`);
    const decision = vpcDecision(ix, subnet.routeTableId, route);
    acc.lastDecision = decision;
    hop(acc, () => `subnet ${subnet.name} [${decision}]`);
    const t = route.target;
    switch (t.kind) {
      case "local":
        return deliver(acc, { kind: "vpc", vpcId: subnet.vpcId }, `delivered in VPC ${vpcName(ix, subnet.vpcId)}`);
      case "tgw": {
        const att = ix.vpcAttachment.get(subnet.vpcId);
        if (!att) return drop(acc, `${decision}, but VPC ${vpcName(ix, subnet.vpcId)} has no TGW attachment`);
        if (!ix.attachmentAzs(att).has(subnet.az))
          return drop(acc, `${decision}, but attachment ${att.name} has no subnet in ${subnet.az}`);
        const shared = sharedSuffix(ctx, acc, att, subnet);
        if (shared) return shared;
        return step(ctx, { at: "tgw", attachmentId: att.id, az: subnet.az }, acc);
      }
      case "nat": {
        const nat = ix.nats.get(t.id);
        if (!nat || !nat.subnetId) return drop(acc, `${decision}: NAT gateway ${t.id} is unknown or has no subnet`);
        if (ctx.noNat) return drop(acc, `${decision}: return traffic would be translated by another NAT`);
        acc.nats.push(nat.id);
        acc.natted = acc.natted || nat.public;
        return step(ctx, { at: "subnet", subnetId: nat.subnetId }, acc);
      }
      case "igw": {
        const igw = ix.igws.get(t.id);
        if (!igw || igw.vpcId !== subnet.vpcId) return drop(acc, `${decision}: the internet gateway is not attached to this VPC`);
        if (ix.inZone(ctx.dest) || !ix.isPublic(ctx.dest)) return drop(acc, `${decision}: private destination sent to the internet`);
        if (!acc.natted) return drop(acc, `${decision}: private source without NAT`);
        return deliver(acc, { kind: "internet", via: "igw" }, `internet via ${igw.name}`);
      }
      default:
        return drop(acc, `${decision}: target not modelled`);
    }
  }

  if (loc.at === "tgw") {
    const att = ix.attachments.get(loc.attachmentId);
    if (!att) return drop(acc, `unknown attachment ${loc.attachmentId}`);
    if (!isUp(att, ctx.down)) return drop(acc, `${attachmentLabel(att)} is down`);
    acc.attachments.push(att.id);
    if (!att.associatedTable) return drop(acc, `${attachmentLabel(att)} is not associated with a TGW route table`);
    const routes = ix.tgwLookup(att.associatedTable, ctx.dest, ctx.down);
    if (routes.length === 0) return drop(acc, `TGW route table ${ix.tableName(att.associatedTable)} has no route for ${ctx.dest}`);
    const decision = describeTgwRoutes(ix, routes);
    acc.lastDecision = decision;
    acc.tgwDecision ??= decision;
    hop(acc, () => `TGW from ${attachmentLabel(att)} [${decision}]`);
    if (routes[0].blackhole) return drop(acc, decision);
    const targets = routes.map((r) => (r.attachment === undefined ? undefined : ix.attachments.get(r.attachment)));
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
    const subnets = target.subnetIds.map((id) => ix.subnets.get(id)).filter((s): s is Subnet => !!s);
    const entry = subnets.find((s) => s.az === loc.az) ?? subnets[0];
    if (!entry) return drop(acc, `${decision}: attachment ${target.name} has no subnets`);
    return step(ctx, { at: "subnet", subnetId: entry.id }, acc);
  }

  // On-prem.
  const zone = ix.inZone(ctx.dest);
  if (zone) return deliver(acc, { kind: "onprem" }, `on-prem zone ${zone}`);
  if (loc.entered && ix.isPublic(ctx.dest))
    return deliver(acc, { kind: "internet", via: "onprem" }, "internet via the on-prem security stack");
  const learned = ix.onPremLookup(ctx.dest, ctx.down);
  if (!learned) return drop(acc, `on-prem learns no route for ${ctx.dest} from AWS`);
  const decision = `on-prem BGP: ${learned.prefix} via ${learned.attachments.map((a) => a.name).join(", ")}${learned.attachments.length > 1 ? ` (ECMP x${learned.attachments.length})` : ""}`;
  acc.lastDecision = decision;
  hop(acc, () => `on-prem${loc.entered ? " router (hairpin back to AWS)" : ""} [${decision}]`);
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

/**
 * Spoke walks mostly go subnet -> TGW -> the destination's VPC: after the first hop they depend on
 * the TGW route table, the AZ and the destination only, not on the spoke. That rest is walked once
 * per (table, AZ, destination) and shared, when it is exactly what this walk would do: the walk is
 * untraced and at its first hop, the rest does not cross on-prem (whose ECMP branches keep their own
 * loop state) and does not come back to this walk's subnet or attachment (a loop).
 */
function sharedSuffix(ctx: Ctx, acc: Acc, att: Attachment, subnet: Subnet): Walk | undefined {
  if (!ctx.suffixes || acc.trace || acc.depth !== 1 || acc.nats.length > 0 || !att.associatedTable || !isUp(att, ctx.down))
    return undefined;
  let byAz = ctx.suffixes.get(att.associatedTable);
  if (!byAz) ctx.suffixes.set(att.associatedTable, (byAz = new Map()));
  let byDest = byAz.get(subnet.az);
  if (!byDest) byAz.set(subnet.az, (byDest = new Map()));
  let pair = byDest.get(ctx.dest);
  if (!pair) byDest.set(ctx.dest, (pair = [undefined, undefined]));
  const slot = ctx.noNat ? 1 : 0;
  let suffix = pair[slot];
  if (!suffix) {
    const fresh: Acc = {
      hops: [],
      depth: 1,
      trace: false,
      nats: [],
      natted: false,
      vpnSets: [],
      attachments: [],
      seen: [],
    };
    const walk = step(ctx, { at: "tgw", attachmentId: att.id, az: subnet.az }, fresh);
    const ids = (p: string) => new Set(fresh.seen.filter((k) => k.startsWith(p)).map((k) => k.slice(p.length)));
    const shareable = walk.vpnSets.length === 0 && !walk.decidedBy.startsWith("routing loop");
    suffix = { walk, subnets: ids("s:"), atts: ids("t:"), shareable };
    pair[slot] = suffix;
  }
  const { walk } = suffix;
  if (!suffix.shareable || suffix.subnets.has(subnet.id) || (walk.attachments[0] !== att.id && suffix.atts.has(att.id))) return undefined;
  return { ...walk, attachments: [att.id, ...walk.attachments.slice(1)] };
}

function vpcName(ix: RouteIndex, id: string): string {
  return ix.vpcs.get(id)?.name ?? id;
}

export type Start = { kind: "subnet"; subnetId: string } | { kind: "onprem" };

function walkIn(ix: RouteIndex, start: Start, dest: string, down: FailureSet, noNat: boolean, trace = true, suffixes?: Suffixes): Walk {
  const acc: Acc = { hops: [], depth: 0, trace, nats: [], natted: false, vpnSets: [], attachments: [], seen: [] };
  const prefix = ix.prefix(dest);
  if (!prefix) return drop(acc, `not an IPv4 prefix: ${dest}`);
  const loc: Loc = start.kind === "subnet" ? { at: "subnet", subnetId: start.subnetId } : { at: "onprem", entered: false };
  return step({ ix, down, dest, noNat, prefix, suffixes }, loc, acc);
}

export function walk(model: RouteModel, start: Start, dest: string, down: FailureSet = nothingDown, noNat = false): Walk {
  return walkIn(routeIndex(model), start, dest, down, noNat);
}

/**
 * Walks shared between flows. A walk from on-prem does not depend on the zone it starts in, so it
 * is kept for the whole analysis (per failure set); walks from a subnet are kept for one flow (its
 * return walks repeat for every source subnet). A walk that crosses no NAT is the same with
 * `noNat`, so it answers both.
 */
class Walker {
  private readonly local: WalkCache = new Map();
  constructor(
    readonly ix: RouteIndex,
    readonly down: FailureSet,
    private readonly shared: WalkCache,
    private readonly trace: boolean,
    private readonly suffixes?: Suffixes,
  ) {}

  /** Forgets the walks kept for one flow, to serve the next pair (the shared ones stay). */
  reset(): this {
    this.local.clear();
    return this;
  }

  walk(start: Start, dest: string, noNat = false): Walk {
    const cache = start.kind === "onprem" ? this.shared : this.local;
    const at = start.kind === "onprem" ? "onprem" : start.subnetId;
    let byDest = cache.get(at);
    if (!byDest) cache.set(at, (byDest = new Map()));
    let pair = byDest.get(dest);
    if (!pair) byDest.set(dest, (pair = [undefined, undefined]));
    const plain = pair[0];
    if (plain && (!noNat || plain.nats.length === 0)) return plain;
    if (noNat) {
      let w = pair[1];
      if (!w) pair[1] = w = walkIn(this.ix, start, dest, this.down, true, this.trace, this.suffixes);
      if (w.nats.length === 0) pair[0] = w;
      return w;
    }
    const w = walkIn(this.ix, start, dest, this.down, false, this.trace, this.suffixes);
    pair[0] = w;
    return w;
  }
}

/** Walks by start and destination: [plain, noNat]. */
type WalkCache = Map<string, Map<string, [Walk?, Walk?]>>;

interface Shared {
  walks: WalkCache;
  suffixes: Suffixes;
}

const sharedWalks = new WeakMap<RouteIndex, WeakMap<FailureSet, Shared>>();

/** Walks that decide (untraced, shared from on-prem); `trace` records the hops too (nothing shared). */
function walker(ix: RouteIndex, down: FailureSet, trace = false): Walker {
  if (trace) return new Walker(ix, down, new Map(), true);
  let perDown = sharedWalks.get(ix);
  if (!perDown) sharedWalks.set(ix, (perDown = new WeakMap()));
  let shared = perDown.get(down);
  if (!shared) perDown.set(down, (shared = { walks: new Map(), suffixes: new Map() }));
  return new Walker(ix, down, shared.walks, false, shared.suffixes);
}

// --- Endpoints and flows ---

export type Endpoint =
  | { kind: "spoke"; name: string; segment: string; vpc?: Vpc }
  | { kind: "zone"; name: string; cidrs: string[] }
  | { kind: "internet"; name: "internet" };

export function endpoints(model: RouteModel): Endpoint[] {
  const { settings } = model;
  const ix = routeIndex(model);
  return [
    ...settings.spokes.map((s): Endpoint => {
      const vpc = ix.spokeVpcs.get(s.name);
      return { kind: "spoke", name: s.name, segment: s.segment, ...(vpc ? { vpc } : {}) };
    }),
    ...settings.onPrem.zones.map((z): Endpoint => ({ kind: "zone", name: z.name, cidrs: z.cidrs })),
    { kind: "internet", name: "internet" },
  ];
}

/** Subnets that host workloads: not attachment subnets, not NAT (public) subnets. */
export function workloadSubnets(model: RouteModel, vpc: Vpc): Subnet[] {
  return routeIndex(model).workloadSubnets(vpc);
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

const startsOf = new WeakMap<RouteIndex, WeakMap<Endpoint, Probe[]>>();

/** Where an endpoint's traffic starts (memoised per endpoint: every flow of a source shares it). */
function starts(ix: RouteIndex, e: Endpoint): Probe[] {
  let perIx = startsOf.get(ix);
  if (!perIx) startsOf.set(ix, (perIx = new WeakMap()));
  let out = perIx.get(e);
  if (!out) perIx.set(e, (out = startsUncached(ix, e)));
  return out;
}

function startsUncached(ix: RouteIndex, e: Endpoint): Probe[] {
  if (e.kind === "spoke")
    return e.vpc ? ix.workloadSubnets(e.vpc).map((s) => ({ start: { kind: "subnet", subnetId: s.id }, address: e.vpc!.cidr })) : [];
  if (e.kind === "zone") return e.cidrs.map((c) => ({ start: { kind: "onprem" }, address: c }));
  return [];
}

interface Target {
  probe: string;
  matches: (t: Terminal) => boolean;
}

const destinationsOf = new WeakMap<Endpoint, Target[]>();

function destinations(e: Endpoint): Target[] {
  let out = destinationsOf.get(e);
  if (!out) destinationsOf.set(e, (out = destinationsUncached(e)));
  return out;
}

function destinationsUncached(e: Endpoint): Target[] {
  if (e.kind === "spoke") return e.vpc ? [{ probe: e.vpc.cidr, matches: (t) => t.kind === "vpc" && t.vpcId === e.vpc!.id }] : [];
  if (e.kind === "zone") return e.cidrs.map((c) => ({ probe: c, matches: (t) => t.kind === "onprem" }));
  return [{ probe: internetProbe, matches: (t) => t.kind === "internet" }];
}

function terminalLabel(ix: RouteIndex, t: Terminal | undefined): string {
  if (!t) return "nowhere";
  if (t.kind === "vpc") return `VPC ${vpcName(ix, t.vpcId)}`;
  return t.kind === "onprem" ? "on-prem" : "the internet";
}

interface PairResult {
  reachable: boolean;
  forward: Walk;
  back?: Walk;
  reason: string;
}

const onPremStart: Start = { kind: "onprem" };

function back(w: Walker, seen: Set<Walk>, start: Start, dest: string): Walk {
  const b = w.walk(start, dest, true);
  seen.add(b);
  return b;
}

/** The pair's result once the reply `b` is walked; `why` (two parts, joined only when needed) names where it came from. */
function backOk(ix: RouteIndex, forward: Walk, src: Probe, b: Walk, why: string, whyName: string): PairResult {
  if (b.ok && returnsHome(ix, b, src)) return { reachable: true, forward, back: b, reason: forward.decidedBy };
  return {
    reachable: false,
    forward,
    back: b,
    reason: `return path ${why}${whyName}: ${b.ok ? `${b.decidedBy} delivers it to ${terminalLabel(ix, b.terminal)}` : b.decidedBy}`,
  };
}

function evaluatePair(
  ix: RouteIndex,
  w: Walker,
  src: Probe,
  dst: Endpoint,
  dstStarts: Probe[],
  target: Target,
  seen: Set<Walk>,
): PairResult {
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
    const refusal = aclRefusal(ix, forward.terminal.vpcId, src.address);
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
    return backOk(ix, forward, src, back(w, seen, { kind: "subnet", subnetId: nat.subnetId! }, src.address), "from NAT ", nat.name);
  }
  if (forward.terminal.kind === "internet") return backOk(ix, forward, src, back(w, seen, onPremStart, src.address), "from on-prem", "");
  let last: PairResult | undefined;
  for (const s of dstStarts) {
    last = backOk(ix, forward, src, back(w, seen, s.start, src.address), "from ", dst.name);
    if (!last.reachable) return last;
  }
  return last ?? { reachable: false, forward, reason: `${dst.name} has no source to reply from` };
}

const aclsByVpc = new WeakMap<RouteIndex, Map<string, NetworkAcl[]>>();

/**
 * A delivered packet still has to pass the network ACL of the subnets it lands in (inbound rules in
 * rule-number order, first match decides). Refused when every ACL'd subnet of the VPC denies the
 * whole source prefix; a source only partly covered by a deny counts as admitted.
 */
function aclRefusal(ix: RouteIndex, vpcId: string, source: string): string | undefined {
  let byVpc = aclsByVpc.get(ix);
  if (!byVpc) {
    byVpc = new Map();
    for (const acl of ix.model.networkAcls ?? []) {
      const vpcIds = new Set(acl.subnetIds.map((id) => ix.subnets.get(id)?.vpcId).filter((v): v is string => !!v));
      for (const v of vpcIds) byVpc.set(v, [...(byVpc.get(v) ?? []), acl]);
    }
    aclsByVpc.set(ix, byVpc);
  }
  const acls = byVpc.get(vpcId);
  if (!acls || acls.length === 0) return undefined;
  const src = ix.prefix(source);
  if (!src) return undefined;
  let first: string | undefined;
  for (const acl of acls) {
    const rule = acl.ingress.find((r) => ix.within(src, r.cidr));
    if (!rule || rule.allow) return undefined;
    first ??= `network ACL ${acl.name} rule ${rule.ruleNo} denies ${rule.cidr} inbound`;
  }
  return first;
}

function returnsHome(ix: RouteIndex, w: Walk, src: Probe): boolean {
  if (!w.terminal) return false;
  if (src.start.kind === "onprem") return w.terminal.kind === "onprem";
  const subnet = ix.subnets.get(src.start.subnetId);
  return w.terminal.kind === "vpc" && w.terminal.vpcId === subnet?.vpcId;
}

interface NameNode {
  next: Map<string, NameNode>;
  names?: string[];
}

const nameTries = new WeakMap<RouteIndex, NameNode>();

/** Names of attachment or NAT ids, without repeats: one shared array per distinct id list. */
function names(ix: RouteIndex, ids: string[]): string[] {
  if (ids.length === 0) return noIds;
  let node = nameTries.get(ix);
  if (!node) nameTries.set(ix, (node = { next: new Map() }));
  for (const id of ids) node = nested(node.next, id, (): NameNode => ({ next: new Map() }));
  return (node.names ??= [...new Set(ids)].map((id) => ix.attachments.get(id)?.name ?? ix.nats.get(id)?.name ?? id));
}

/** Attachment ids every walk of a flow went through (or shared traffic with), for the failure analysis. */
const touchedBy = new WeakMap<Flow, ReadonlySet<string>>();
const touchedSets = new Map<string, ReadonlySet<string>>();

/** The attachments a flow's walks depend on (undefined: unknown, the flow was not evaluated here). */
export function touchedAttachments(flow: Flow): ReadonlySet<string> | undefined {
  return touchedBy.get(flow);
}

const noIds: string[] = [];
const noSets: string[][] = [];

interface Evaluated {
  results: PairResult[];
  seen: Set<Walk>;
}

function pairs(w: Walker, src: Endpoint, dst: Endpoint, probes: Probe[], targets: Target[]): Evaluated {
  const dstStarts = starts(w.ix, dst);
  const seen = new Set<Walk>();
  const results = probes.flatMap((p) => targets.map((t) => evaluatePair(w.ix, w, p, dst, dstStarts, t, seen)));
  return { results, seen };
}

function representative(results: PairResult[]): PairResult {
  return results.find((r) => r.reachable) ?? results.find((r) => !r.reachable)!;
}

interface Origin {
  ix: RouteIndex;
  down: FailureSet;
}

/**
 * A walked flow. Its hops (text) are recorded only when read, by walking the same flow again with
 * tracing: a large stack has a million flows and the report reads the hops of few. `toJSON` keeps
 * the field order of `Flow`.
 */
class WalkedFlow implements Flow {
  reason = "";
  nats: string[] = noIds;
  attachments: string[] = noIds;
  forwardVpnSets: string[][] = noSets;
  returnVpnSets: string[][] = noSets;
  declare internetVia?: "igw" | "onprem";
  declare oneWay?: string;
  readonly fromKind: Endpoint["kind"];
  readonly toKind: Endpoint["kind"];
  private traced?: PairResult;

  constructor(
    private readonly origin: Origin,
    private readonly src: Endpoint,
    private readonly dst: Endpoint,
    readonly status: FlowStatus,
  ) {
    this.fromKind = src.kind;
    this.toKind = dst.kind;
  }

  get from(): string {
    return this.src.name;
  }

  get to(): string {
    return this.dst.name;
  }

  private rep(): PairResult {
    const { ix, down } = this.origin;
    this.traced ??= representative(pairs(walker(ix, down, true), this.src, this.dst, starts(ix, this.src), destinations(this.dst)).results);
    return this.traced;
  }

  get path(): string[] {
    return this.rep().forward.hops;
  }

  get returnPath(): string[] {
    return this.rep().back?.hops ?? [];
  }

  toJSON(): Flow {
    return {
      from: this.from,
      to: this.to,
      fromKind: this.fromKind,
      toKind: this.toKind,
      status: this.status,
      path: this.path,
      returnPath: this.returnPath,
      reason: this.reason,
      nats: this.nats,
      attachments: this.attachments,
      forwardVpnSets: this.forwardVpnSets,
      returnVpnSets: this.returnVpnSets,
      ...(this.internetVia !== undefined ? { internetVia: this.internetVia } : {}),
      ...(this.oneWay !== undefined ? { oneWay: this.oneWay } : {}),
    };
  }
}

const origins = new WeakMap<RouteIndex, WeakMap<FailureSet, Origin>>();

function originOf(ix: RouteIndex, down: FailureSet): Origin {
  let perIx = origins.get(ix);
  if (!perIx) origins.set(ix, (perIx = new WeakMap()));
  let o = perIx.get(down);
  if (!o) perIx.set(down, (o = { ix, down }));
  return o;
}

function evaluateWith(w: Walker, src: Endpoint, dst: Endpoint): Flow {
  const { ix } = w;
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
  const probes = starts(ix, src);
  const targets = destinations(dst);
  if (probes.length === 0 || targets.length === 0) {
    const missing = probes.length === 0 ? src : dst;
    return unwalked({ status: "blocked", reason: `${missing.name} has no VPC or subnets in the program` });
  }
  const { results, seen } = pairs(w, src, dst, probes, targets);
  const good = results.find((r) => r.reachable);
  const bad = results.find((r) => !r.reachable);
  const rep = good ?? bad!;
  const delivered = !good ? results.find((r) => r.back !== undefined && r.forward.ok) : undefined;
  const flow = new WalkedFlow(originOf(ix, w.down), src, dst, !bad ? "reachable" : !good ? "blocked" : "partial");
  flow.reason = bad ? bad.reason : good!.reason;
  flow.nats = names(ix, rep.forward.nats);
  flow.attachments = names(ix, rep.forward.attachments);
  if (rep.forward.vpnSets.length > 0) flow.forwardVpnSets = rep.forward.vpnSets;
  if (rep.back && rep.back.vpnSets.length > 0) flow.returnVpnSets = rep.back.vpnSets;
  if (dst.kind === "internet" && rep.forward.terminal?.kind === "internet") flow.internetVia = rep.forward.terminal.via;
  if (delivered) flow.oneWay = delivered.forward.decidedBy;
  // Only flows over the VPN are re-walked by the failure analysis; it re-walks any flow without a record.
  let overVpn = false;
  for (const x of seen) if ((overVpn = x.vpnSets.length > 0)) break;
  if (overVpn) {
    const ids = new Set<string>();
    for (const walk of seen) {
      for (const id of walk.attachments) ids.add(id);
      for (const set of walk.vpnSets) for (const id of set) ids.add(id);
    }
    const key = [...ids].sort().join("\n");
    let shared = touchedSets.get(key);
    if (!shared) touchedSets.set(key, (shared = ids));
    touchedBy.set(flow, shared);
  }
  return flow;
}

/** One flow between two endpoints, aggregated over every source subnet and every destination prefix. */
export function evaluateFlow(model: RouteModel, src: Endpoint, dst: Endpoint, down: FailureSet = nothingDown): Flow {
  return evaluateWith(walker(routeIndex(model), down), src, dst);
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

/** Every flow between every pair of endpoints, both directions (pairs outside the model are "n/a"). */
export function allFlows(model: RouteModel, down: FailureSet = nothingDown): Flow[] {
  const ix = routeIndex(model);
  const eps = endpoints(model);
  const n = eps.length;
  // A flow's return walks are the reverse flow's forward walks: both directions of a pair share one
  // walker, so each walk is taken once. The flows keep the order source by source.
  const flows = new Array<Flow>(n * (n - 1));
  const at = (i: number, j: number) => i * (n - 1) + (j < i ? j : j - 1);
  const pairWalker = walker(ix, down);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = pairWalker.reset();
      flows[at(i, j)] = evaluateWith(w, eps[i], eps[j]);
      flows[at(j, i)] = evaluateWith(w, eps[j], eps[i]);
    }
  }
  return flows;
}
