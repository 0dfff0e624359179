/**
 * Indexes over a route model, built once per analysis (the analysis context owns one): objects by
 * id, route tables grouped by prefix length for longest-prefix match, and memoised lookups per
 * (route table, destination). The reachability walk performs millions of lookups on a large stack;
 * each is a few map reads here instead of a scan of every route. TGW and on-prem lookups are
 * memoised per (table, destination, failure set): a segment's table serves every spoke of the
 * segment. The index reads the model as it is when built: a model edited afterwards needs a new one.
 */
import { privateIpv4Blocks } from "../../infra/lib/cidr";
import type { Prefix } from "./ipv4";
import { internetProbe, parsePrefix, prefixWithin, within } from "./ipv4";
import type { Attachment, InternetGateway, NatGateway, RouteModel, Subnet, TgwRoute, Vpc, VpcRoute, VpcRouteTable } from "./model";

/** What is down: whole VPN attachments, and single tunnels (`<vpn>/tunnel1`). */
export interface FailureSet {
  attachments: ReadonlySet<string>;
  tunnels: ReadonlySet<string>;
}

export const nothingDown: FailureSet = { attachments: new Set(), tunnels: new Set() };

/** Routes of one table by prefix length (longest first); per length, by network address, in model order. */
interface LpmTable<R> {
  lengths: number[];
  byLength: Map<number, Map<number, R[]>>;
}

function lpmTable<R>(routes: Iterable<{ route: R; prefix: string }>): LpmTable<R> {
  const byLength = new Map<number, Map<number, R[]>>();
  for (const { route, prefix } of routes) {
    const p = parsePrefix(prefix);
    if (!p) continue;
    let level = byLength.get(p.length);
    if (!level) byLength.set(p.length, (level = new Map()));
    const list = level.get(p.first);
    if (list) list.push(route);
    else level.set(p.first, [route]);
  }
  return { lengths: [...byLength.keys()].sort((a, b) => b - a), byLength };
}

function networkOf(p: Prefix, length: number): number {
  const size = 2 ** (32 - length);
  return Math.floor(p.first / size) * size;
}

/** Routes covering `dest`, longest prefix first (model order within one prefix). */
function covering<R>(t: LpmTable<R> | undefined, dest: Prefix): R[] {
  if (!t) return [];
  const out: R[] = [];
  for (const len of t.lengths) {
    if (len > dest.length) continue;
    const hit = t.byLength.get(len)!.get(networkOf(dest, len));
    if (hit) out.push(...hit);
  }
  return out;
}

/** The longest route covering `dest` (the first of the table for one prefix). */
function firstCovering<R>(t: LpmTable<R>, dest: Prefix): R | undefined {
  for (const len of t.lengths) {
    if (len > dest.length) continue;
    const hit = t.byLength.get(len)!.get(networkOf(dest, len));
    if (hit) return hit[0];
  }
  return undefined;
}

function tunnelsUp(att: Attachment, down: FailureSet): number {
  if (down.attachments.has(att.id)) return 0;
  let n = 0;
  for (const t of [1, 2]) if (!down.tunnels.has(`${att.name}/tunnel${t}`)) n++;
  return n;
}

export function isUp(att: Attachment, down: FailureSet): boolean {
  return att.kind === "vpc" || tunnelsUp(att, down) > 0;
}

/** Private ranges (RFC 1918, CGNAT, link-local): never "the internet". */
export const privateRanges: readonly string[] = [...privateIpv4Blocks, "169.254.0.0/16"];

export interface OnPremRoute {
  attachments: Attachment[];
  prefix: string;
}

function memo<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const hit = map.get(key);
  if (hit !== undefined || map.has(key)) return hit as V;
  const v = make();
  map.set(key, v);
  return v;
}

export class RouteIndex {
  readonly attachments = new Map<string, Attachment>();
  readonly subnets = new Map<string, Subnet>();
  readonly nats = new Map<string, NatGateway>();
  readonly igws = new Map<string, InternetGateway>();
  readonly vpcs = new Map<string, Vpc>();
  readonly vpcTables = new Map<string, VpcRouteTable>();
  /** The first VPC attachment of each VPC. */
  readonly vpcAttachment = new Map<string, Attachment>();
  readonly spokeVpcs = new Map<string, Vpc>();
  private readonly tgwTableNames = new Map<string, string>();
  private readonly tgwTables = new Map<string, LpmTable<TgwRoute>>();
  private readonly vpcLpm = new Map<string, LpmTable<VpcRoute>>();
  private readonly workload = new Map<string, Subnet[]>();
  private readonly azs = new Map<string, ReadonlySet<string>>();
  private readonly subnetKeys = new Map<string, string>();
  private readonly attachmentKeys = new Map<string, string>();
  private readonly tgwCandidates = new Map<string, Map<string, TgwRoute[]>>();
  private readonly tgwHits = new WeakMap<FailureSet, Map<string, Map<string, TgwRoute[]>>>();
  private readonly onPremHits = new WeakMap<FailureSet, Map<string, OnPremRoute | undefined>>();
  private readonly zones = new Map<string, string | undefined>();
  private readonly publics = new Map<string, boolean>();
  private readonly prefixes = new Map<string, Prefix | undefined>();

  constructor(readonly model: RouteModel) {
    for (const a of model.attachments) {
      if (!this.attachments.has(a.id)) this.attachments.set(a.id, a);
      if (a.kind === "vpc" && a.vpcId !== undefined && !this.vpcAttachment.has(a.vpcId)) this.vpcAttachment.set(a.vpcId, a);
    }
    for (const s of model.subnets) if (!this.subnets.has(s.id)) this.subnets.set(s.id, s);
    for (const n of model.nats) if (!this.nats.has(n.id)) this.nats.set(n.id, n);
    for (const g of model.igws) if (!this.igws.has(g.id)) this.igws.set(g.id, g);
    for (const v of model.vpcs) {
      if (!this.vpcs.has(v.id)) this.vpcs.set(v.id, v);
      if (v.role.kind === "spoke" && !this.spokeVpcs.has(v.role.spoke.name)) this.spokeVpcs.set(v.role.spoke.name, v);
    }
    for (const t of model.vpcTables) if (!this.vpcTables.has(t.id)) this.vpcTables.set(t.id, t);
    for (const t of model.tables) if (!this.tgwTableNames.has(t.id)) this.tgwTableNames.set(t.id, t.name);
    const byTable = new Map<string, { route: TgwRoute; prefix: string }[]>();
    for (const r of model.tgwRoutes) memo(byTable, r.table, () => []).push({ route: r, prefix: r.prefix });
    for (const [table, routes] of byTable) this.tgwTables.set(table, lpmTable(routes));
  }

  /** Availability zones an attachment has a subnet in. */
  attachmentAzs(att: Attachment): ReadonlySet<string> {
    return memo(
      this.azs,
      att.id,
      () => new Set(att.subnetIds.map((id) => this.subnets.get(id)?.az).filter((az): az is string => az !== undefined)),
    );
  }

  /** The loop-detection key of a place (`s:` subnet, `t:` attachment), one string per place. */
  seenKey(kind: "s:" | "t:", id: string): string {
    return memo(kind === "s:" ? this.subnetKeys : this.attachmentKeys, id, () => `${kind}${id}`);
  }

  prefix(cidr: string): Prefix | undefined {
    return memo(this.prefixes, cidr, () => parsePrefix(cidr));
  }

  /** True when the whole of `inner` lies inside the prefix `outer` (parsed once per string). */
  within(inner: Prefix, outer: string): boolean {
    const o = this.prefix(outer);
    return !!o && prefixWithin(inner, o);
  }

  tableName(id: string | undefined): string {
    if (id === undefined) return String(id);
    return this.tgwTableNames.get(id) ?? this.vpcTables.get(id)?.name ?? id;
  }

  /**
   * Subnets that host workloads: not attachment subnets, not NAT subnets, and not public subnets, whose
   * route table sends the internet to an internet gateway (the VPC User Guide's "public subnet"): a
   * public subnet without a NAT gateway (a second AZ's, with one NAT gateway for the VPC) is the NAT
   * side's too. A VPC with nothing else keeps all its subnets as workload subnets.
   */
  workloadSubnets(vpc: Vpc): Subnet[] {
    return memo(this.workload, vpc.id, () => {
      const infra = new Set([
        ...this.model.attachments.flatMap((a) => a.subnetIds),
        ...this.model.nats.flatMap((n) => (n.subnetId ? [n.subnetId] : [])),
      ]);
      const all = this.model.subnets.filter((s) => s.vpcId === vpc.id);
      const isPublic = (s: Subnet) => this.vpcLookup(s.routeTableId, internetProbe)?.target.kind === "igw";
      const work = all.filter((s) => !infra.has(s.id) && !isPublic(s));
      return work.length > 0 ? work : all;
    });
  }

  /** The VPC route that wins for `dest`: longest prefix, the first of the table for one prefix. */
  vpcLookup(tableId: string, dest: string): VpcRoute | undefined {
    // Not memoised: a VPC table belongs to one spoke, so (table, destination) pairs rarely repeat and
    // a memo would grow with spokes squared; the length-grouped table answers in a few map reads.
    const p = this.prefix(dest);
    return p ? this.vpcLookupPrefix(tableId, p) : undefined;
  }

  /** `vpcLookup` for a parsed destination. */
  vpcLookupPrefix(tableId: string, dest: Prefix): VpcRoute | undefined {
    let lpm = this.vpcLpm.get(tableId);
    if (!lpm) {
      lpm = lpmTable((this.vpcTables.get(tableId)?.routes ?? []).map((r) => ({ route: r, prefix: r.prefix })));
      this.vpcLpm.set(tableId, lpm);
    }
    return firstCovering(lpm, dest);
  }

  /** TGW routes of `table` covering `dest`, longest first (independent of failures). */
  private tgwCovering(table: string, dest: string): TgwRoute[] {
    const hits = memo(this.tgwCandidates, table, () => new Map<string, TgwRoute[]>());
    return memo(hits, dest, () => {
      const p = this.prefix(dest);
      return p ? covering(this.tgwTables.get(table), p) : [];
    });
  }

  /**
   * The TGW routes that win for `dest` in `table`: one static route, or the winning propagated ones
   * (several = ECMP). AWS's order (Transit Gateway guide, "Route evaluation order"): the longest
   * prefix; for one prefix a static route (a blackhole included) beats a propagated one, and a
   * VPC-propagated route beats a VPN-propagated one; several VPN attachments propagating the prefix
   * share the traffic only with `vpnEcmpSupport` enabled and BGP on each ("Transit gateways":
   * "VPN ECMP support"). A propagated route is withdrawn while its VPN is down (BGP). A static route
   * to a VPN attachment is kept when that VPN is down, so the traffic drops (UNVERIFIED: AWS's
   * documentation does not say; the settings refuse a zone both static and announced, and a zone on
   * two static connections, so no plan depends on a fallback either way).
   */
  tgwLookup(table: string, dest: string, down: FailureSet = nothingDown): TgwRoute[] {
    let perDown = this.tgwHits.get(down);
    if (!perDown) this.tgwHits.set(down, (perDown = new Map()));
    return memo(
      memo(perDown, table, () => new Map<string, TgwRoute[]>()),
      dest,
      () => {
        const live = this.tgwCovering(table, dest).filter((r) => {
          if (r.kind === "static") return true;
          const att = r.attachment === undefined ? undefined : this.attachments.get(r.attachment);
          return !!att && isUp(att, down);
        });
        const [top] = live;
        if (!top) return [];
        const longest = this.prefix(top.prefix)!.length;
        const best = live.filter((r) => this.prefix(r.prefix)!.length === longest);
        const [staticRoute] = best.filter((r) => r.kind === "static");
        if (staticRoute) return [staticRoute];
        const kindOf = (r: TgwRoute) => (r.attachment === undefined ? undefined : this.attachments.get(r.attachment)?.kind);
        const [vpcRoute] = best.filter((r) => kindOf(r) === "vpc");
        if (vpcRoute) return [vpcRoute];
        const vpns = best.filter((r, i) => best.findIndex((x) => x.attachment === r.attachment) === i);
        const ecmp = !!this.model.tgw?.ecmp && vpns.every((r) => this.attachments.get(r.attachment ?? "")?.vpn?.bgp);
        return ecmp ? vpns : vpns.slice(0, 1);
      },
    );
  }

  /** Routes on-prem learns from AWS: per live VPN attachment, the non-blackhole routes of its associated table. */
  onPremLookup(dest: string, down: FailureSet): OnPremRoute | undefined {
    let perDown = this.onPremHits.get(down);
    if (!perDown) this.onPremHits.set(down, (perDown = new Map()));
    return memo(perDown, dest, () => {
      let best: { attachments: Attachment[]; prefix: string; len: number } | undefined;
      for (const att of this.model.attachments) {
        if (att.kind !== "vpn" || !isUp(att, down) || !att.associatedTable) continue;
        // A route is advertised only while its target is up; VPN-learned prefixes are not re-advertised to the VPN.
        const usable = this.tgwCovering(att.associatedTable, dest).filter((r) => {
          if (r.blackhole || r.attachment === att.id) return false;
          const target = r.attachment === undefined ? undefined : this.attachments.get(r.attachment);
          return !!target && isUp(target, down) && target.kind === "vpc";
        });
        const [first] = usable;
        if (!first) continue;
        const { prefix } = first;
        const len = this.prefix(prefix)!.length;
        if (!best || len > best.len) best = { attachments: [att], prefix, len };
        else if (len === best.len) best.attachments.push(att);
      }
      return best ? { attachments: best.attachments, prefix: best.prefix } : undefined;
    });
  }

  /** The on-prem zone holding `dest`, if any. */
  inZone(dest: string): string | undefined {
    return memo(this.zones, dest, () => this.model.settings.onPrem.zones.find((z) => z.cidrs.some((c) => within(dest, c)))?.name);
  }

  /** True for an address outside the private ranges (RFC 1918, CGNAT, link-local). */
  isPublic(dest: string): boolean {
    return memo(this.publics, dest, () => !privateRanges.some((p) => within(dest, p)));
  }
}
