/**
 * The segmentation plan and the spokes' route and rule lists, from settings alone (no program run):
 * segments that may talk, static-VPN egress, and the configurations the plan must refuse.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { planSegmentation, spokeIngressRules, spokeTransitRoutes } from "../infra/wiring";
import type { TablePlan } from "../infra/wiring";
import type { NetworkSettings } from "../infra/settings/types";
import { issuesOf, item, load } from "./settings-helpers";

function table(plans: TablePlan[], key: string): TablePlan {
  const found = plans.find((p) => p.key === key);
  if (!found) throw new Error(`no table ${key}`);
  return found;
}

const spoke = (settings: NetworkSettings, name: string) => settings.spokes.find((s) => s.name === name)!;
const names = (refs: { name: string }[]) => refs.map((r) => r.name).sort();
const cidrs = (plan: TablePlan, target: "blackhole" | "attachment") =>
  plan.routes
    .filter((r) => (target === "blackhole") === (r.target === "blackhole"))
    .map((r) => r.destinationCidrBlock)
    .sort();

test("prod plan: a table per segment, on-prem and egress; isolated segments; BGP-learned default for development", () => {
  const plans = planSegmentation(load("prod"));
  assert.deepEqual(
    plans.map((p) => [p.key, p.kind]),
    [
      ["development", "segment"],
      ["test", "segment"],
      ["production", "segment"],
      ["onprem", "onprem"],
      ["egress", "egress"],
    ],
  );
  for (const s of ["development", "test", "production"]) {
    assert.deepEqual(names(table(plans, s).associations), [s]);
    assert.deepEqual(names(table(plans, s).propagations), [s]);
  }
  assert.equal(cidrs(table(plans, "development"), "attachment").length, 0);
  assert.match(table(plans, "development").learnedDefault ?? "", /vpn-1, vpn-2, vpn-3, vpn-4/);
  assert.deepEqual(
    table(plans, "test").routes.filter((r) => r.target !== "blackhole"),
    [
      {
        name: "default",
        destinationCidrBlock: "0.0.0.0/0",
        target: { kind: "egress", name: "egress" },
        reason: 'egress "central" through egress',
      },
    ],
  );
  assert.deepEqual(names(table(plans, "onprem").propagations), ["development", "production", "test"]);
  assert.deepEqual(names(table(plans, "egress").propagations), ["production", "test"]);
  assert.deepEqual(table(plans, "egress").associations, [{ kind: "egress", name: "egress" }]);
});

test("segments allowed to talk: propagations both ways, no blackholes between them, VPC routes to each other", () => {
  const settings = load("prod", (c) => {
    item(c, "segments", "test").reachableSegments = ["development"];
  });
  const plans = planSegmentation(settings);
  assert.deepEqual(names(table(plans, "development").propagations), ["development", "test"]);
  assert.deepEqual(names(table(plans, "test").propagations), ["development", "test"]);
  assert.deepEqual(names(table(plans, "production").propagations), ["production"]);
  assert.ok(!cidrs(table(plans, "development"), "blackhole").includes("10.30.0.0/16"));
  assert.ok(!cidrs(table(plans, "test"), "blackhole").includes("10.20.0.0/16"));
  assert.ok(cidrs(table(plans, "test"), "blackhole").includes("10.40.0.0/16"));
  assert.ok(spokeTransitRoutes(settings, spoke(settings, "development")).some((r) => r.cidr === "10.30.0.0/16"));
  assert.ok(!spokeTransitRoutes(settings, spoke(settings, "development")).some((r) => r.cidr === "10.40.0.0/16"));
});

test("egress onprem over a static VPN: a static 0.0.0.0/0 to the only static connection", () => {
  const settings = load("dev", (c) => {
    item(c, "vpnConnections", "vpn-1").routing = "static";
    item(c, "spokes", "development").egress = "onprem";
  });
  const dev = table(planSegmentation(settings), "development");
  assert.equal(dev.learnedDefault, undefined);
  assert.deepEqual(
    dev.routes.filter((r) => r.destinationCidrBlock === "0.0.0.0/0").map((r) => [r.name, r.target]),
    [["default", { kind: "vpn", name: "vpn-1" }]],
  );
});

test("a segment cannot send its default route both to on-prem and to the egress VPC", () => {
  const issues = issuesOf("prod", (c) => {
    item(c, "spokes", "test").segment = "development";
  });
  assert.deepEqual(
    issues.map((i) => [i.path, i.rule]),
    [["spokes[test].egress", "egress-segment-conflict"]],
  );
  assert.match(issues[0]?.message ?? "", /"development"/);
});

test("ingress rules: one per zone CIDR x port rule, named from config; protocol all has no ports", () => {
  const settings = load("dev", (c) => {
    item(c, "onPrem.zones", "corporate-clients").cidrs = ["10.100.0.0/16", "10.99.0.0/16"];
    item(c, "spokes", "development").ingress = [
      {
        fromZone: "corporate-clients",
        ports: [
          { protocol: "tcp", fromPort: 8000, toPort: 8080 },
          { protocol: "all", fromPort: -1, toPort: -1 },
        ],
      },
    ];
  });
  const rules = spokeIngressRules(settings, spoke(settings, "development"));
  assert.deepEqual(
    rules.map((r) => [r.name, r.cidr, r.protocol]),
    [
      ["10-100-0-0-16-tcp-8000-8080", "10.100.0.0/16", "tcp"],
      ["10-100-0-0-16-all", "10.100.0.0/16", "all"],
      ["10-99-0-0-16-tcp-8000-8080", "10.99.0.0/16", "tcp"],
      ["10-99-0-0-16-all", "10.99.0.0/16", "all"],
    ],
  );
});
