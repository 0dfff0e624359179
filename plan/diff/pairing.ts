/**
 * Which deleted and created resources of a diff are one logical resource under a new URN (a rename,
 * a move, an adopted resource under a new name): the engine reports each pair as a replacement.
 */
import type { CapturedResource } from "../runtime/captured-run";

/** The name fragment that differs between two names, widened to whole "-"/"_"/"." separated words. */
function substitution(from: string, to: string): [string, string] {
  const sep = /[-_.]/;
  let p = 0;
  while (p < from.length && p < to.length && from[p] === to[p]) p++;
  while (p > 0 && !sep.test(from[p - 1] ?? "")) p--;
  let s = 0;
  while (s < from.length - p && s < to.length - p && from[from.length - 1 - s] === to[to.length - 1 - s]) s++;
  while (s > 0 && !sep.test(from[from.length - s] ?? "")) s--;
  return [from.slice(p, from.length - s), to.slice(p, to.length - s)];
}

/**
 * Pairs deleted and created resources that are one logical resource under a new URN:
 *  - an adopted resource: a created resource importing the id of a deleted one;
 *  - a renamed component: a deleted and a created component of one type give a candidate name
 *    substitution (e.g. "development" -> "dev"); a substitution is kept when it maps deleted
 *    resources onto created ones of the same type, best-explaining substitutions first;
 *  - a moved resource: same type and name, another parent.
 * Anything else stays a plain delete or create (e.g. NAT gateways retired in one VPC and others
 * created in another are not a rename).
 */
export function pairRenames(deleted: CapturedResource[], created: CapturedResource[]): Map<CapturedResource, CapturedResource> {
  const pairs = new Map<CapturedResource, CapturedResource>();
  const createdByKey = new Map(created.map((r) => [`${r.type}\u0000${r.name}`, r]));
  const taken = new Set<CapturedResource>();
  const tryPair = (a: CapturedResource, name: string): boolean => {
    const b = createdByKey.get(`${a.type}\u0000${name}`);
    if (!b || taken.has(b) || pairs.has(a)) return false;
    pairs.set(a, b);
    taken.add(b);
    return true;
  };
  for (const a of deleted) tryPair(a, a.name);
  // One existing resource adopted under another URN (a renamed config key of an adopted VPC).
  const adopting = new Map(created.filter((b) => b.importId !== undefined).map((b) => [`${b.type}\u0000${b.importId}`, b]));
  for (const a of deleted) {
    const b = [a.importId, a.id].map((id) => adopting.get(`${a.type}\u0000${id}`)).find((x) => x !== undefined);
    if (b && !taken.has(b) && !pairs.has(a)) {
      pairs.set(a, b);
      taken.add(b);
    }
  }

  const candidates = new Map<string, { from: string; to: string }>();
  const deletedComponents = deleted.filter((r) => !r.custom && !pairs.has(r));
  const createdComponents = created.filter((r) => !r.custom && !taken.has(r));
  for (const a of deletedComponents) {
    for (const b of createdComponents) {
      if (a.type !== b.type) continue;
      const [from, to] = substitution(a.name, b.name);
      if (from !== "") candidates.set(`${from}\u0000${to}`, { from, to });
    }
  }
  const explains = (from: string, to: string) =>
    deleted.filter((a) => !pairs.has(a) && renamedNames(a.name, from, to).some((n) => createdByKey.has(`${a.type}\u0000${n}`))).length;
  const ranked = [...candidates.values()].map((c) => ({ ...c, n: explains(c.from, c.to) })).sort((x, y) => y.n - x.n);
  for (const { from, to } of ranked) {
    for (const a of deleted) for (const n of renamedNames(a.name, from, to)) if (tryPair(a, n)) break;
  }
  return pairs;
}

/** `name` with `from` replaced by `to`: every occurrence, then each single one ("dev-to-dev"). */
function renamedNames(name: string, from: string, to: string): string[] {
  const parts = name.split(from);
  if (parts.length < 2) return [];
  const out = [parts.join(to)];
  for (let i = 1; i < parts.length && parts.length > 2; i++) out.push(parts.slice(0, i).join(from) + to + parts.slice(i).join(from));
  return out;
}
