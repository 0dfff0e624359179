/**
 * Network ACL deny rules numbered by CIDR: adding a zone (anywhere in the config's list) moves no
 * other rule of a spoke's ACL, through the real program; and, for random CIDR sets, the numbers are
 * unique, inside the deny range below the allow-all rule, and a CIDR added moves only a CIDR that
 * shares its probe chain (whose number is not its own slot).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { denyRuleNumbers, denyRuleRange, denyRuleSlot } from "../infra/lib/acl-rule-numbers";
import { byName, planOk, types } from "./harness";

type Rule = { ruleNo: number; action: string; cidrBlock: string };
const rulesOf = (acl: { inputs: Record<string, unknown> }, direction: "ingress" | "egress") => acl.inputs[direction] as Rule[];
const denies = (rules: Rule[]) => new Map(rules.filter((r) => r.action === "deny").map((r) => [r.cidrBlock, r.ruleNo]));

test("a zone inserted first in onPrem.zones adds one deny per direction and moves no other rule", async () => {
  const before = await planOk("prod");
  const after = await planOk("prod", {
    edit: (c) => {
      const zones = (c.onPrem as { zones: unknown[] }).zones;
      zones.unshift({ name: "lab", cidrs: ["10.120.0.0/16"] });
    },
  });
  for (const spoke of ["development", "test", "production"]) {
    const was = byName(before, types.networkAcl, `${spoke}-workloads`);
    const now = byName(after, types.networkAcl, `${spoke}-workloads`);
    for (const direction of ["ingress", "egress"] as const) {
      const old = denies(rulesOf(was, direction));
      const fresh = denies(rulesOf(now, direction));
      assert.ok(old.size > 0, `${spoke} ${direction} denies something`);
      assert.equal(fresh.size, old.size + 1, `${spoke} ${direction}: one more deny`);
      for (const [cidr, n] of old) assert.equal(fresh.get(cidr), n, `${spoke} ${direction} ${cidr} kept its number`);
      assert.equal(fresh.get("10.120.0.0/16"), denyRuleNumbers(["10.120.0.0/16"]).get("10.120.0.0/16"));
      const allow = rulesOf(now, direction).filter((r) => r.action === "allow");
      assert.deepEqual(
        allow.map((r) => [r.ruleNo, r.cidrBlock]),
        [[32000, "0.0.0.0/0"]],
      );
    }
  }
});

const cidrArb = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.boolean())
  .map(([a, b, wide]) => (wide ? `10.${a}.0.0/16` : `10.${a}.${b}.0/24`));

test("numbers are unique, in the deny range, and a CIDR added moves only its probe chain (fast-check)", () => {
  fc.assert(
    fc.property(fc.uniqueArray(cidrArb, { minLength: 0, maxLength: 60 }), cidrArb, (list, extra) => {
      fc.pre(!list.includes(extra));
      const before = denyRuleNumbers(list);
      const after = denyRuleNumbers([...list, extra]);
      const numbers = [...after.values()];
      assert.equal(new Set(numbers).size, numbers.length);
      for (const n of numbers) assert.ok(n >= denyRuleRange.first && n <= denyRuleRange.last && n < 32000);
      for (const [cidr, n] of before) {
        // A rule only moves when it had probed away from its slot, or the newcomer took its slot.
        if (after.get(cidr) !== n) assert.ok(n !== denyRuleSlot(cidr) || denyRuleSlot(extra) === n, `${cidr} moved`);
      }
    }),
    { seed: 20261203, numRuns: 300 },
  );
});

test("order and repeats in the input do not change the numbers", () => {
  const a = denyRuleNumbers(["10.110.0.0/16", "10.111.0.0/16", "10.103.0.0/16"]);
  const b = denyRuleNumbers(["10.103.0.0/16", "10.111.0.0/16", "10.110.0.0/16", "10.103.0.0/16"]);
  assert.deepEqual([...a].sort(), [...b].sort());
  assert.equal(a.size, 3);
});
