/**
 * The packet walk over the route model, with AWS's evaluation order.
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
 *   the NAT's subnet. Traffic is reachable only when the return path exists too (pair.ts).
 * - A packet leaving a subnet passes that subnet's network ACL outbound (acl.ts); the inbound side
 *   is checked where a flow is delivered (pair.ts).
 */
import type { AnalysisContext } from "../context";
import type { Prefix } from "../ipv4";
import type { FailureSet, RouteIndex } from "../lookup";
import { isUp, nothingDown } from "../lookup";
import { attachmentLabel } from "../model";
import type { Attachment, Subnet } from "../model";
import type { AclCheck } from "./acl";
import type { DecisionTexts } from "./decisions";

export type Terminal = { kind: "vpc"; vpcId: string } | { kind: "onprem" } | { kind: "internet"; via: "igw" | "onprem" };

/** Where a walk starts: a subnet, or on-prem (any zone: the walk does not depend on which). */
export type Start = { kind: "subnet"; subnetId: string } | { kind: "onprem" };

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
  /** Dropped because a return walk met a NAT: the same walk without that restriction goes on. */
  refusedNat?: true;
  /**
   * Delivered over some of the paths AWS may pick for a flow, not all: why one of the others fails.
   * The TGW spreads flows over ECMP paths and, with appliance mode, over the attachment's ENIs in
   * every AZ, by a flow hash; a flow is then reachable or not depending on which path it hashes to.
   */
  partial?: string;
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
export type Suffixes = Map<string, Map<string, Map<string, [Suffix?, Suffix?]>>>;

/** One walk's fixed facts: what is down, where the packet goes, and the analysis it reads. */
interface Packet {
  ix: RouteIndex;
  texts: DecisionTexts;
  acls: AclCheck;
  down: FailureSet;
  dest: string;
  /** Return traffic: a NAT on the way would translate again (the flow breaks). */
  noNat: boolean;
  prefix: Prefix;
  /** Walks on from a TGW route table, shared by every attachment associated with it (untraced walks only). */
  suffixes: Suffixes | undefined;
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

/** The hops of an untraced walk: one shared empty list (never written to). */
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

function step(p: Packet, loc: Loc, acc: Acc): Walk {
  const { ix } = p;
  const key = loc.at === "subnet" ? ix.seenKey("s:", loc.subnetId) : loc.at === "tgw" ? ix.seenKey("t:", loc.attachmentId) : "onprem";
  if (acc.seen.includes(key) || acc.depth > maxHops) return drop(acc, `routing loop (back at ${key.replace(/^\w:/, "")})`);
  acc.seen.push(key);

  if (loc.at === "subnet") {
    const subnet = ix.subnets.get(loc.subnetId);
    if (!subnet) return drop(acc, `unknown subnet ${loc.subnetId}`);
    const route = ix.vpcLookupPrefix(subnet.routeTableId, p.prefix);
    if (!route) return drop(acc, `route table ${ix.tableName(subnet.routeTableId)} (subnet ${subnet.name}) has no route for ${p.dest}`);
    const decision = p.texts.vpc(subnet.routeTableId, route);
    acc.lastDecision = decision;
    hop(acc, () => `subnet ${subnet.name} [${decision}]`);
    // Leaving the subnet: its network ACL's outbound rules for the destination (stateless, so a
    // reply leaving its source subnet is checked too).
    const refused = p.acls.outboundRefusal(subnet.id, p.dest);
    if (refused) return drop(acc, refused);
    const t = route.target;
    switch (t.kind) {
      case "local":
        return deliver(acc, { kind: "vpc", vpcId: subnet.vpcId }, `delivered in VPC ${vpcName(ix, subnet.vpcId)}`);
      case "tgw": {
        const att = ix.vpcAttachment.get(subnet.vpcId);
        if (!att) return drop(acc, `${decision}, but VPC ${vpcName(ix, subnet.vpcId)} has no TGW attachment`);
        if (!ix.attachmentAzs(att).has(subnet.az))
          return drop(acc, `${decision}, but attachment ${att.name} has no subnet in ${subnet.az}`);
        const shared = sharedSuffix(p, acc, att, subnet);
        if (shared) return shared;
        return step(p, { at: "tgw", attachmentId: att.id, az: subnet.az }, acc);
      }
      case "nat": {
        const nat = ix.nats.get(t.id);
        if (!nat || !nat.subnetId) return drop(acc, `${decision}: NAT gateway ${t.id} is unknown or has no subnet`);
        if (p.noNat) return { ...drop(acc, `${decision}: return traffic would be translated by another NAT`), refusedNat: true };
        acc.nats.push(nat.id);
        acc.natted = acc.natted || nat.public;
        return step(p, { at: "subnet", subnetId: nat.subnetId }, acc);
      }
      case "igw": {
        const igw = ix.igws.get(t.id);
        if (!igw || igw.vpcId !== subnet.vpcId) return drop(acc, `${decision}: the internet gateway is not attached to this VPC`);
        if (ix.inZone(p.dest) || !ix.isPublic(p.dest)) return drop(acc, `${decision}: private destination sent to the internet`);
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
    if (!isUp(att, p.down)) return drop(acc, `${attachmentLabel(att)} is down`);
    acc.attachments.push(att.id);
    if (!att.associatedTable) return drop(acc, `${attachmentLabel(att)} is not associated with a TGW route table`);
    const routes = ix.tgwLookup(att.associatedTable, p.dest, p.down);
    const [best] = routes;
    if (!best) return drop(acc, `TGW route table ${ix.tableName(att.associatedTable)} has no route for ${p.dest}`);
    const decision = p.texts.tgw(best, routes);
    acc.lastDecision = decision;
    acc.tgwDecision ??= decision;
    hop(acc, () => `TGW from ${attachmentLabel(att)} [${decision}]`);
    if (best.blackhole) return drop(acc, decision);
    const targets = routes.map((r) => (r.attachment === undefined ? undefined : ix.attachments.get(r.attachment)));
    if (targets.some((a) => !a)) return drop(acc, `${decision}: the target attachment does not exist`);
    const live = (targets as Attachment[]).filter((a) => isUp(a, p.down));
    const [target] = live;
    if (!target) return drop(acc, `${decision}: the target attachment is down`);
    if (target.kind === "vpn") {
      acc.vpnSets.push(live.map((a) => a.id));
      acc.attachments.push(...live.map((a) => a.id));
      return step(p, { at: "onprem", entered: true }, acc);
    }
    acc.attachments.push(target.id);
    const subnets = target.subnetIds.map((id) => ix.subnets.get(id)).filter((s): s is Subnet => !!s);
    const entry = subnets.find((s) => s.az === loc.az) ?? subnets[0];
    if (!entry) return drop(acc, `${decision}: attachment ${target.name} has no subnets`);
    // Without appliance mode the TGW keeps a flow in its AZ where the attachment has a subnet there;
    // with it, the TGW picks one of the attachment's ENIs, in any AZ, by a flow hash (Transit Gateway
    // guide, "Appliance in a shared services VPC": "Appliance mode"): every AZ's must deliver.
    if (!target.applianceMode || subnets.length === 1) return step(p, { at: "subnet", subnetId: entry.id }, acc);
    const enis = [entry, ...subnets.filter((s) => s !== entry)];
    const branches = enis.map((s) => step(p, { at: "subnet", subnetId: s.id }, cloneAcc(acc)));
    return combine(
      branches,
      enis.map((s) => `appliance-mode ENI in ${s.az} (${s.name})`),
    );
  }

  // On-prem.
  const zone = ix.inZone(p.dest);
  if (zone) return deliver(acc, { kind: "onprem" }, `on-prem zone ${zone}`);
  if (loc.entered && ix.isPublic(p.dest))
    return deliver(acc, { kind: "internet", via: "onprem" }, "internet via the on-prem security stack");
  const learned = ix.onPremLookup(p.dest, p.down);
  if (!learned) return drop(acc, `on-prem learns no route for ${p.dest} from AWS`);
  const decision = `on-prem BGP: ${learned.prefix} via ${learned.attachments.map((a) => a.name).join(", ")}${learned.attachments.length > 1 ? ` (ECMP x${learned.attachments.length})` : ""}`;
  acc.lastDecision = decision;
  hop(acc, () => `on-prem${loc.entered ? " router (hairpin back to AWS)" : ""} [${decision}]`);
  acc.vpnSets.push(learned.attachments.map((a) => a.id));
  // Each ECMP path may land in a different TGW route table: walk them all; all must deliver.
  const branches = learned.attachments.map((a) => step(p, { at: "tgw", attachmentId: a.id }, cloneAcc(acc)));
  if (branches.length === 0) return drop(acc, `on-prem learns no route for ${p.dest} from AWS`);
  return combine(
    branches,
    learned.attachments.map((a) => `ECMP path via ${a.name}`),
  );
}

/** Same terminal: both deliver to the same place. */
function sameEnd(a: Walk, b: Walk): boolean {
  const x = a.terminal;
  const y = b.terminal;
  if (!x || !y || x.kind !== y.kind) return false;
  if (x.kind === "vpc" && y.kind === "vpc") return x.vpcId === y.vpcId;
  if (x.kind === "internet" && y.kind === "internet") return x.via === y.via;
  return true;
}

/**
 * The paths AWS may pick for one flow, walked each (`labels` name them): blocked when none delivers,
 * `partial` when some do and another fails or ends elsewhere, else the first path's walk.
 */
function combine(branches: Walk[], labels: string[]): Walk {
  const [head] = branches;
  if (!head) throw new Error("combine: no path");
  const good = branches.find((b) => b.ok);
  const label = (b: Walk) => (branches.length > 1 ? `${labels[branches.indexOf(b)] ?? "a path"}: ` : "");
  if (!good) return { ...head, decidedBy: `${label(head)}${head.decidedBy}` };
  const other = branches.find((b) => !b.ok || !sameEnd(b, good));
  const partial =
    other === undefined
      ? good.partial
      : `${label(other)}${other.ok ? `delivers to another place than ${labels[branches.indexOf(good)] ?? "the first path"}` : other.decidedBy}`;
  return partial === undefined ? good : { ...good, partial };
}

/**
 * Spoke walks mostly go subnet -> TGW -> the destination's VPC: after the first hop they depend on
 * the TGW route table, the AZ and the destination only, not on the spoke. That rest is walked once
 * per (table, AZ, destination) and shared, when it is exactly what this walk would do: the walk is
 * untraced and at its first hop, the rest does not cross on-prem (whose ECMP branches keep their own
 * loop state) and does not come back to this walk's subnet or attachment (a loop).
 */
function sharedSuffix(p: Packet, acc: Acc, att: Attachment, subnet: Subnet): Walk | undefined {
  if (!p.suffixes || acc.trace || acc.depth !== 1 || acc.nats.length > 0 || !att.associatedTable || !isUp(att, p.down)) return undefined;
  let byAz = p.suffixes.get(att.associatedTable);
  if (!byAz) p.suffixes.set(att.associatedTable, (byAz = new Map()));
  let byDest = byAz.get(subnet.az);
  if (!byDest) byAz.set(subnet.az, (byDest = new Map()));
  let pair = byDest.get(p.dest);
  if (!pair) byDest.set(p.dest, (pair = [undefined, undefined]));
  const slot = p.noNat ? 1 : 0;
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
    const walk = step(p, { at: "tgw", attachmentId: att.id, az: subnet.az }, fresh);
    const ids = (prefix: string) => new Set(fresh.seen.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
    const shareable = walk.vpnSets.length === 0 && !walk.decidedBy.startsWith("routing loop");
    suffix = { walk, subnets: ids("s:"), atts: ids("t:"), shareable };
    pair[slot] = suffix;
  }
  const { walk } = suffix;
  if (!suffix.shareable || suffix.subnets.has(subnet.id) || (walk.attachments[0] !== att.id && suffix.atts.has(att.id))) return undefined;
  return { ...walk, attachments: [att.id, ...walk.attachments.slice(1)] };
}

export function vpcName(ix: RouteIndex, id: string): string {
  return ix.vpcs.get(id)?.name ?? id;
}

/** One walk from `start` to `dest`; `suffixes` shares walk ends between untraced walks of one failure set. */
export function walkIn(
  ctx: AnalysisContext,
  start: Start,
  dest: string,
  down: FailureSet,
  noNat: boolean,
  trace: boolean,
  suffixes?: Suffixes,
): Walk {
  const acc: Acc = { hops: [], depth: 0, trace, nats: [], natted: false, vpnSets: [], attachments: [], seen: [] };
  const { ix, texts, acls } = ctx;
  const prefix = ix.prefix(dest);
  if (!prefix) return drop(acc, `not an IPv4 prefix: ${dest}`);
  const loc: Loc = start.kind === "subnet" ? { at: "subnet", subnetId: start.subnetId } : { at: "onprem", entered: false };
  return step({ ix, texts, acls, down, dest, noNat, prefix, suffixes }, loc, acc);
}

/** One traced walk, on its own (nothing shared with other walks). */
export function walk(ctx: AnalysisContext, start: Start, dest: string, down: FailureSet = nothingDown, noNat = false): Walk {
  return walkIn(ctx, start, dest, down, noNat, true);
}
