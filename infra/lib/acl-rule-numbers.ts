/**
 * Network ACL rule numbers for deny rules that do not move when the list changes. A rule's number
 * is its CIDR hashed into [first, last]; the numbers of other CIDRs never enter it. Inline ACL rules
 * are a set keyed by rule number, so a number that changed would be a delete and a create of that
 * entry (the provider deletes the removed entries before it adds the new ones: for a moment the
 * deny is gone). Numbering by position (100, 110, ...) renumbers every rule after an inserted zone.
 *
 * Two CIDRs whose hashes meet (about one chance in 700 for ten CIDRs) are told apart by probing
 * upward in CIDR order: only those can move, and only when a CIDR sorting before them joins the
 * same slot. Deny rules all deny, so their order among themselves changes nothing; they must come
 * before the allow-all rule, which sits above `last` (Amazon VPC User Guide, "Network ACL rules":
 * rule numbers 1-32766, evaluated lowest first).
 */
import { createHash } from "node:crypto";

export const denyRuleRange = { first: 100, last: 31999 } as const;
const span = denyRuleRange.last - denyRuleRange.first + 1;

/** Where a CIDR's rule goes when nothing else is there. */
export function denyRuleSlot(cidr: string): number {
  return denyRuleRange.first + (createHash("sha256").update(cidr).digest().readUInt32BE(0) % span);
}

/** The rule number of each CIDR (deduplicated), inside `denyRuleRange`. Throws past the range's size. */
export function denyRuleNumbers(cidrs: readonly string[]): Map<string, number> {
  const unique = [...new Set(cidrs)].sort();
  if (unique.length > span)
    throw new Error(`${unique.length} deny rules do not fit in rule numbers ${denyRuleRange.first}-${denyRuleRange.last}`);
  const taken = new Set<number>();
  const out = new Map<string, number>();
  for (const cidr of unique) {
    let n = denyRuleSlot(cidr);
    while (taken.has(n)) n = n === denyRuleRange.last ? denyRuleRange.first : n + 1;
    taken.add(n);
    out.set(cidr, n);
  }
  return out;
}
