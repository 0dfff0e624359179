/** CIDR helpers the rules and components rely on: overlap detection and exact aggregation. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { aggregate, overlappingPairs } from "../infra/lib/cidr";
import { spokeTransitRoutes } from "../infra/components/spoke-vpc";
import { load } from "./settings-helpers";

test("overlappingPairs finds nested, equal and partly shared blocks, each pair once, in list order", () => {
  const items = ["10.0.0.0/16", "10.1.0.0/16", "10.0.5.0/24", "10.0.0.0/16", "192.168.0.0/24", "10.0.0.0/8"].map((cidr, i) => ({
    cidr,
    i,
  }));
  const pairs = overlappingPairs(items).map(([a, b]) => [a.i, b.i]);
  assert.deepEqual(pairs, [
    [0, 2],
    [0, 3],
    [0, 5],
    [1, 5],
    [2, 3],
    [2, 5],
    [3, 5],
  ]);
  assert.deepEqual(overlappingPairs([{ cidr: "10.0.0.0/24" }, { cidr: "10.0.1.0/24" }]), []);
});

test("aggregate merges sibling blocks, drops covered ones, keeps the rest", () => {
  assert.deepEqual(aggregate(["10.0.1.0/24", "10.0.0.0/24", "10.0.2.0/24", "10.0.3.0/24", "10.0.8.0/24"]), ["10.0.0.0/22", "10.0.8.0/24"]);
  assert.deepEqual(aggregate(["10.0.1.0/24", "10.0.2.0/24"]), ["10.0.1.0/24", "10.0.2.0/24"], "not siblings: no merge");
  assert.deepEqual(aggregate(["10.0.0.0/16", "10.0.5.0/24"]), ["10.0.0.0/16"]);
  assert.deepEqual(aggregate([]), []);
});

test("a spoke routes its segment's peers as aggregated blocks, named by block", () => {
  const settings = load("prod", (c) => {
    const spokes = c.spokes as Record<string, unknown>[];
    for (const [name, cidr] of [
      ["qa-1", "10.60.0.0/24"],
      ["qa-2", "10.60.1.0/24"],
      ["qa-3", "10.60.2.0/24"],
      ["qa-4", "10.60.3.0/24"],
    ])
      spokes.push({ name, segment: "test", account: "test", cidr, availabilityZones: ["eu-west-1a"], egress: "central" });
  });
  const spoke = settings.spokes.find((s) => s.name === "qa-1");
  assert.ok(spoke);
  const peers = spokeTransitRoutes(settings, spoke).filter((r) => r.name.startsWith("spokes-"));
  // test (10.30.0.0/16) and qa-2..4: 10.60.1.0/24 and 10.60.2.0/23 (qa-1 itself is left out).
  assert.deepEqual(peers, [
    { name: "spokes-10-30-0-0-16", cidr: "10.30.0.0/16" },
    { name: "spokes-10-60-1-0-24", cidr: "10.60.1.0/24" },
    { name: "spokes-10-60-2-0-23", cidr: "10.60.2.0/23" },
  ]);
});

test("with hub.spokeSummaryCidrs, a spoke routes the summaries instead of its peers", () => {
  const settings = load("prod", (c) => {
    (c.hub as Record<string, unknown>).spokeSummaryCidrs = ["10.0.0.0/10"];
  });
  const spoke = settings.spokes.find((s) => s.name === "test");
  assert.ok(spoke);
  const routes = spokeTransitRoutes(settings, spoke);
  assert.deepEqual(
    routes.filter((r) => r.name.startsWith("spokes-")),
    [{ name: "spokes-summary-10-0-0-0-10", cidr: "10.0.0.0/10" }],
  );
  assert.ok(
    routes.some((r) => r.cidr === "10.101.0.0/16"),
    "on-prem zone routes stay per zone",
  );
});
