/** CIDR helpers the rules, wiring and components rely on: overlap detection, exact aggregation, CIDRs in resource names. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { addressWithin, overlaps, aggregate, cidrSlug, overlappingPairs } from "../infra/lib/cidr";
import { spokeTransitRoutes } from "../infra/wiring";
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

test("cidrSlug: IPv4 as today's resource names have it; IPv6 one character for one, so prefixes keep distinct names", () => {
  assert.equal(cidrSlug("10.100.0.0/16"), "10-100-0-0-16");
  assert.equal(cidrSlug("0.0.0.0/0"), "0-0-0-0-0");
  assert.equal(cidrSlug("fd00::/8"), "fd00---8");
  assert.equal(cidrSlug("2001:db8::/32"), "2001-db8---32");
  // Collapsing runs of separators would give both `fd00-1-128`.
  assert.notEqual(cidrSlug("fd00::1/128"), cidrSlug("fd00:1::/128"));
});

/**
 * Compressed IPv6 text from a few hextets with the `::` at any place (`0:1::`, `0::1`, `::0:1`), so
 * that strings one separator apart come up often: the cases a slug merging separators gets wrong.
 */
const ipv6Text = fc
  .tuple(fc.array(fc.constantFrom("0", "1", "fd00"), { minLength: 1, maxLength: 3 }), fc.nat(3))
  .map(([groups, at]) => `${groups.slice(0, at).join(":")}::${groups.slice(at).join(":")}`);

test("cidrSlug gives distinct CIDRs distinct names, IPv4 and IPv6 alike", () => {
  const cidr = fc
    .oneof(fc.tuple(fc.ipV4(), fc.constantFrom(8, 16, 24)), fc.tuple(ipv6Text, fc.constantFrom(8, 64)))
    .map(([address, prefix]) => `${address}/${prefix}`);
  fc.assert(
    fc.property(fc.uniqueArray(cidr, { minLength: 2, maxLength: 80 }), (cidrs) => new Set(cidrs.map(cidrSlug)).size === cidrs.length),
    { numRuns: 300 },
  );
});

test("addressWithin and overlaps: containment address first, overlap both ways, edges included", () => {
  assert.equal(addressWithin("10.0.255.255", "10.0.0.0/16"), true);
  assert.equal(addressWithin("10.1.0.0", "10.0.0.0/16"), false);
  assert.equal(overlaps("10.0.0.0/16", "10.0.128.0/17"), true);
  assert.equal(overlaps("10.0.128.0/17", "10.0.0.0/16"), true);
  assert.equal(overlaps("10.0.0.0/17", "10.0.128.0/17"), false);
});
