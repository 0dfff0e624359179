/**
 * The class key of each spoke: two spokes with the same key behave the same in every flow (with
 * every other network and with each other), so the analysis walks one representative per class and
 * pair of classes (classes/flows.ts). The key is derived from what the program registered, not
 * from the settings' routing choices, so a spoke that differs (one more route, one more ACL rule,
 * inbound or outbound) gets another key and a class of its own:
 *
 *  - its routing resources, found by reference from its VPC: every resource of the EC2, VPC and
 *    TGW services whose inputs name (by id) a resource the spoke owns (subnets, route tables,
 *    routes and associations, NAT and internet gateways, network ACLs with all their rules, ACL
 *    rule and association resources, security groups and their rules, the TGW attachment with its
 *    association, propagations and static routes), and what only those name (its Elastic IPs).
 *    Each is written out with all its inputs but tags, names and descriptions; ids of the spoke's
 *    own resources become their position in the spoke's list, its CIDR `@self` and a CIDR inside
 *    it its offset, so two spokes built alike read the same whatever their names, ids and CIDRs;
 *  - the shared resources naming its CIDR exactly (a TGW blackhole for it, a return route), written
 *    the same way;
 *  - the prefixes anywhere in the run or the settings (routes, ACL and security group rules, zones,
 *    summaries, private ranges) that contain its CIDR or lie inside it: another table treats two
 *    spokes alike only when the same prefixes cover both;
 *  - the intent the settings give it (segment, on-prem zones, ingress zones, egress mode): the same
 *    routing may be expected to do different things.
 * A spoke whose identity matters is a class of its own: one that shares a resource with another
 * spoke, whose exact CIDR another spoke's resources name, or whose attachment a TGW route sends a
 * prefix other than its own CIDR to (the first such route wins for everyone, so two such spokes
 * would not behave alike).
 */
import type { NetworkSettings } from "../../../infra/settings/types";
import type { CapturedResource, CapturedRun } from "../../runtime/captured-run";
import { awsTypes } from "../../runtime/types";
import type { Prefix } from "../ipv4";
import { internetProbe, parsePrefix } from "../ipv4";
import type { RouteIndex } from "../lookup";
import { privateRanges } from "../lookup";

/** Resources of the services that route: EC2, VPC and Transit Gateway, but for tags and flow logs. */
const routingType = /^aws:(ec2|vpc|ec2transitgateway)\//;
const notRouting = new Set<string>([awsTypes.ec2Tag, awsTypes.flowLog]);
/** Inputs that describe rather than route (and carry the spoke's name). */
const descriptive = new Set(["tags", "tagsAll", "description", "name", "namePrefix"]);
const cidrLike = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\/\d{1,2}$/;

function isRouting(r: CapturedResource): boolean {
  return r.custom && routingType.test(r.type) && !notRouting.has(r.type);
}

function prefixKey(p: Prefix): string {
  return `${p.first}/${p.length}`;
}

/** Every string value inside an input value. */
function strings(v: unknown, out: string[]): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** `value` as JSON, descriptive inputs left out and every string as `rel` gives it. */
function relativeJson(value: unknown, rel: (s: string) => string): string {
  if (typeof value === "string") return JSON.stringify(rel(value));
  if (Array.isArray(value)) return `[${value.map((x) => relativeJson(x, rel)).join(",")}]`;
  if (value && typeof value === "object") {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(value))
      if (x !== undefined && !descriptive.has(k)) parts.push(`${JSON.stringify(k)}:${relativeJson(x, rel)}`);
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** No spoke owns the resource. */
const shared = -1;
/** Several spokes own the resource. */
const several = -2;

/** Who owns each routing resource: one spoke (its index), several, or none (shared). */
class Ownership {
  /** Routing resources in capture order. */
  readonly res: CapturedResource[];
  /** Id or output id -> [resource position, output key ("" for the id)]; ambiguous tokens are left out. */
  readonly token = new Map<string, [number, string]>();
  /** Per resource: the owning spoke, `shared` or `several`. */
  readonly owner: Int32Array;
  /** The owners of the resources owned by several spokes. */
  readonly owners = new Map<number, Set<number>>();
  /** Per resource: the CIDR-looking strings of its inputs. */
  readonly cidrs: string[][];
  private readonly refs: number[][];

  constructor(run: CapturedRun, vpcOwner: Map<string, number>) {
    this.res = run.resources.filter(isRouting);
    const ambiguous = new Set<string>();
    const add = (t: string, i: number, key: string) => {
      if (this.token.has(t) || ambiguous.has(t)) {
        this.token.delete(t);
        ambiguous.add(t);
      } else this.token.set(t, [i, key]);
    };
    this.res.forEach((r, i) => {
      if (r.id) add(r.id, i, "");
      for (const k in r.outputs) {
        const v = r.outputs[k];
        if (k !== "id" && k.endsWith("Id") && typeof v === "string" && v !== "" && v !== r.inputs[k]) add(v, i, k);
      }
    });
    this.refs = [];
    this.cidrs = [];
    const found: string[] = [];
    this.res.forEach((r, i) => {
      found.length = 0;
      strings(r.inputs, found);
      const refs: number[] = [];
      const cidrs: string[] = [];
      for (const s of found) {
        const t = this.token.get(s);
        if (t) {
          if (t[0] !== i && !refs.includes(t[0])) refs.push(t[0]);
        } else if (cidrLike.test(s)) cidrs.push(s);
      }
      this.refs.push(refs);
      this.cidrs.push(cidrs);
    });
    this.owner = new Int32Array(this.res.length).fill(shared);
    this.res.forEach((r, i) => {
      const spoke = r.type === awsTypes.vpc ? vpcOwner.get(r.id) : undefined;
      if (spoke !== undefined) this.owner[i] = spoke;
    });
    const referrers = this.res.map(() => [] as number[]);
    this.refs.forEach((rs, i) => rs.forEach((j) => referrers[j]!.push(i)));
    // Ownership flows from a resource to what names it; a resource that only one spoke's resources
    // name (an Elastic IP) is that spoke's too. Repeated until nothing changes.
    for (let changed = true; changed;) {
      changed = false;
      this.refs.forEach((rs, i) => {
        for (const j of rs) for (const o of this.ownersOf(j)) if (this.addOwner(i, o)) changed = true;
      });
      referrers.forEach((by, j) => {
        if (this.owner[j] !== shared || by.length === 0) return;
        const o = this.owner[by[0]!]!;
        if (o >= 0 && by.every((i) => this.owner[i] === o)) {
          this.owner[j] = o;
          changed = true;
        }
      });
    }
  }

  /** The spokes owning resource `i`. */
  ownersOf(i: number): Iterable<number> {
    const o = this.owner[i]!;
    return o >= 0 ? [o] : o === several ? this.owners.get(i)! : [];
  }

  private addOwner(i: number, o: number): boolean {
    const now = this.owner[i]!;
    if (now === o) return false;
    if (now === shared) {
      this.owner[i] = o;
      return true;
    }
    if (now >= 0) {
      this.owner[i] = several;
      this.owners.set(i, new Set([now, o]));
      return true;
    }
    const set = this.owners.get(i)!;
    if (set.has(o)) return false;
    set.add(o);
    return true;
  }
}

/** Prefixes named anywhere, by network and length, with who names them (a spoke, `shared` or `several`). */
class PrefixUniverse {
  private readonly byKey = new Map<string, { prefix: Prefix; owner: number }>();
  private readonly parsed = new Map<string, Prefix | undefined>();
  private sorted: Prefix[] = [];

  add(cidr: string, owner: number): void {
    let p = this.parsed.get(cidr);
    if (p === undefined && !this.parsed.has(cidr)) this.parsed.set(cidr, (p = parsePrefix(cidr)));
    if (!p) return;
    const key = prefixKey(p);
    const e = this.byKey.get(key);
    if (!e) this.byKey.set(key, { prefix: p, owner });
    else if (e.owner !== owner) e.owner = several;
  }

  seal(): void {
    this.sorted = [...this.byKey.values()].map((e) => e.prefix).sort((a, b) => a.first - b.first || a.length - b.length);
  }

  /** The prefixes containing `p` (longer ones excluded), and those inside it named by others than `self`. */
  signature(p: Prefix, self: number): string {
    const contains: string[] = [];
    for (let len = 0; len < p.length; len++) {
      const size = 2 ** (32 - len);
      const key = `${Math.floor(p.first / size) * size}/${len}`;
      if (this.byKey.has(key)) contains.push(key);
    }
    const inside: string[] = [];
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.first < p.first) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.first <= p.last; i++) {
      const q = this.sorted[i]!;
      if (q.length <= p.length || q.last > p.last) continue;
      if (this.byKey.get(prefixKey(q))!.owner !== self) inside.push(`${q.first - p.first}/${q.length}`);
    }
    return `contained in ${contains.join(" ")}; holds ${inside.join(" ")}`;
  }
}

/**
 * One key per settings spoke (in the settings' order). Spokes with equal keys form a class. A
 * spoke whose identity matters gets a key of its own (`!` and its position).
 */
export function spokeClassKeys(run: CapturedRun, settings: NetworkSettings, ix: RouteIndex): string[] {
  const spokes = settings.spokes;
  const vpcOwner = new Map<string, number>();
  spokes.forEach((s, i) => {
    const vpc = ix.spokeVpcs.get(s.name);
    if (vpc && !vpcOwner.has(vpc.id)) vpcOwner.set(vpc.id, i);
  });
  const own = new Ownership(run, vpcOwner);
  const alone = new Set<number>();
  const cidrs = spokes.map((s) => {
    const vpc = ix.spokeVpcs.get(s.name);
    return vpc ? parsePrefix(vpc.cidr) : undefined;
  });
  const spokeByCidr = new Map<string, number>();
  cidrs.forEach((p, i) => {
    if (p && !spokeByCidr.has(prefixKey(p))) spokeByCidr.set(prefixKey(p), i);
  });

  // Each spoke's own resources, in capture order; resources of several spokes make them classes of their own.
  const owned = spokes.map(() => [] as number[]);
  own.owner.forEach((o, i) => {
    if (o >= 0) owned[o]!.push(i);
    else if (o === several) for (const x of own.ownersOf(i)) alone.add(x);
  });

  const universe = new PrefixUniverse();
  const found: string[] = [];
  for (const r of run.resources) {
    if (!r.custom || isRouting(r)) continue;
    found.length = 0;
    for (const s of strings(r.inputs, found)) if (cidrLike.test(s)) universe.add(s, shared);
  }
  own.cidrs.forEach((list, i) => {
    const o = own.owner[i]!;
    for (const s of list) universe.add(s, o);
  });
  for (const z of settings.onPrem.zones) for (const c of z.cidrs) universe.add(c, shared);
  for (const c of [...privateRanges, "0.0.0.0/0", internetProbe, ...settings.hub.spokeSummaryCidrs]) universe.add(c, shared);
  universe.seal();

  /**
   * A value as spoke `x` sees it: its own ids by position, its CIDR and what lies inside it relative
   * to it. In the spoke's own resources (`ownResources`), another spoke's exact CIDR makes that
   * spoke a class of its own: this spoke's routing names it.
   */
  const relative = (x: number, position: Map<number, number>, ownResources: boolean) => (v: string) => {
    const t = own.token.get(v);
    if (t) {
      const at = position.get(t[0]);
      return at === undefined ? v : `@own:${at}${t[1] ? `.${t[1]}` : ""}`;
    }
    if (!cidrLike.test(v)) return v;
    const p = parsePrefix(v);
    const self = cidrs[x];
    if (!p || !self) return v;
    const other = spokeByCidr.get(prefixKey(p));
    if (ownResources && other !== undefined && other !== x) alone.add(other);
    if (p.first === self.first && p.length === self.length) return "@self";
    if (p.length > self.length && self.first <= p.first && p.last <= self.last) return `@self+${p.first - self.first}/${p.length}`;
    return v;
  };

  const texts = spokes.map((_, x) => {
    const position = new Map(owned[x]!.map((i, at) => [i, at]));
    const rel = relative(x, position, true);
    const self = cidrs[x];
    return owned[x]!.map((i) => {
      const r = own.res[i]!;
      // A TGW route sending another prefix than the spoke's own to it: whichever such route comes
      // first wins for everyone, so two such spokes do not behave alike.
      if (r.type === awsTypes.tgwRoute) {
        const dest = typeof r.inputs.destinationCidrBlock === "string" ? parsePrefix(r.inputs.destinationCidrBlock) : undefined;
        if (!dest || !self || prefixKey(dest) !== prefixKey(self)) alone.add(x);
      }
      // A route of the spoke in a table that is not its own.
      if (r.type === awsTypes.route) {
        const table = typeof r.inputs.routeTableId === "string" ? own.token.get(r.inputs.routeTableId) : undefined;
        if (!table || !position.has(table[0])) alone.add(x);
      }
      return `${r.type} ${relativeJson(r.inputs, rel)}`;
    });
  });

  // Shared resources naming a spoke's CIDR exactly.
  const incoming = spokes.map(() => [] as string[]);
  own.res.forEach((r, i) => {
    if (own.owner[i] !== shared) return;
    const named = new Set<number>();
    for (const s of own.cidrs[i]!) {
      const p = parsePrefix(s);
      const y = p ? spokeByCidr.get(prefixKey(p)) : undefined;
      if (y !== undefined) named.add(y);
    }
    for (const y of named) {
      if (r.type === awsTypes.vpc) alone.add(y);
      incoming[y]!.push(`${r.type} ${relativeJson(r.inputs, relative(y, new Map(), false))}`);
    }
  });

  return spokes.map((s, x) => {
    const intent = [
      `segment ${s.segment}`,
      `zones ${[...new Set(s.onPremZones)].sort().join(" ")}`,
      `ingress ${[...new Set(s.ingress.map((i) => i.fromZone))].sort().join(" ")}`,
      `egress ${s.egress}`,
    ].join("; ");
    const cidr = cidrs[x];
    if (!cidr) return `${intent}\nno VPC`;
    if (alone.has(x)) return `!${x}`;
    return [intent, ...texts[x]!, "shared:", ...incoming[x]!, universe.signature(cidr, x)].join("\n");
  });
}
