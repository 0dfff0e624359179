/**
 * Tunnel inside CIDR allocation (infra/settings/tunnel-cidrs.ts) and its settings rule
 * (tunnel-inside-cidr-collision in infra/settings/rules/tunnels.ts): an unpinned tunnel's block is
 * its hash block, a function of its connection's name and tunnel number alone, so adding or
 * removing another connection never moves it; a collision is refused with both tunnels named and a
 * free block to pin. The colliding names below were found by a brute-force search over hash blocks.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { within } from "../infra/lib/cidr";
import {
  allocateInsideCidrs,
  hashedInsideCidr,
  insideCidrCollisions,
  isAllocatableInsideCidr,
  reservedInsideCidrs,
} from "../infra/settings/tunnel-cidrs";
import type { TunnelRequest } from "../infra/settings/tunnel-cidrs";
import { isSettingsError } from "../plan/runtime/run";
import { planStack } from "./harness";
import { issuesOf, load } from "./settings-helpers";

const requests = (names: string[], configured: Record<string, string> = {}): TunnelRequest[] =>
  names.flatMap((connection) =>
    ([1, 2] as const).map((tunnel) => {
      const pinned = configured[`${connection}/${tunnel}`];
      return { connection, tunnel, ...(pinned !== undefined ? { configured: pinned } : {}) };
    }),
  );

function assertValid(allocation: Map<string, string>): void {
  const cidrs = [...allocation.values()];
  assert.equal(new Set(cidrs).size, cidrs.length, "unique");
  for (const cidr of cidrs) {
    assert.match(cidr, /\/30$/);
    assert.ok(within(cidr, "169.254.0.0/16"), `${cidr} inside 169.254.0.0/16`);
    assert.ok(!reservedInsideCidrs.includes(cidr), `${cidr} is reserved`);
    // Allocation keeps clear of 169.254.0.0-169.254.5.255 altogether.
    assert.ok(Number(cidr.split(".")[2]) > 5, `${cidr} in the low range`);
  }
}

type Connections = { name: string; customerGateway: string; tunnel1?: { insideCidr: string } }[];
const connections = (c: Record<string, unknown>) => c.vpnConnections as Connections;
const cidrsOf = (s: ReturnType<typeof load>) =>
  Object.fromEntries(s.vpnConnections.map((c) => [c.name, c.tunnels.map((t) => t.insideCidr)]));

// vpn-3 is unpinned in Pulumi.prod.yaml, so its tunnel 1 sits on its hash block. branch-1579's
// tunnel 2 hashes onto that very block, and office-82's tunnel 1 onto vpn-1's pinned tunnel 2.
const vpn3Tunnel1 = "169.254.246.108/30";
const vpn1Tunnel2 = "169.254.10.4/30";

test("the colliding names really collide (the fixture of the tests below)", () => {
  assert.equal(hashedInsideCidr("vpn-3", 1), vpn3Tunnel1);
  assert.equal(hashedInsideCidr("branch-1579", 2), vpn3Tunnel1);
  assert.equal(hashedInsideCidr("office-82", 1), vpn1Tunnel2);
  assert.equal(load("prod").vpnConnections.find((c) => c.name === "vpn-3")?.tunnels[0]?.insideCidr, vpn3Tunnel1);
});

test("deterministic: the same names give the same blocks, whatever the order of the list", () => {
  const names = ["vpn-a", "vpn-b", "vpn-c"];
  const a = allocateInsideCidrs(requests(names));
  const b = allocateInsideCidrs(requests([...names].reverse()));
  assert.deepEqual(new Map([...a].sort()), new Map([...b].sort()));
  assert.equal(a.size, 6);
  assertValid(a);
});

test("an unpinned tunnel's block is its hash block, whatever else is configured", () => {
  const names = ["vpn-a", "vpn-b", "vpn-c", "site-1", "site-2"];
  const configured = { "vpn-b/2": "169.254.100.0/30", "site-1/1": "169.254.100.4/30" };
  const allocation = allocateInsideCidrs(requests(names, configured));
  for (const r of requests(names, configured)) {
    assert.equal(allocation.get(`${r.connection}/${r.tunnel}`), r.configured ?? hashedInsideCidr(r.connection, r.tunnel));
  }
  assertValid(allocation);
});

test("stable: inserting a connection before the others, or removing one, moves no other tunnel", () => {
  const before = allocateInsideCidrs(requests(["vpn-3", "vpn-4"]));
  const inserted = allocateInsideCidrs(requests(["vpn-0", "vpn-3", "vpn-4"]));
  const removed = allocateInsideCidrs(requests(["vpn-4"]));
  for (const key of ["vpn-3/1", "vpn-3/2", "vpn-4/1", "vpn-4/2"]) assert.equal(inserted.get(key), before.get(key), key);
  for (const key of ["vpn-4/1", "vpn-4/2"]) assert.equal(removed.get(key), before.get(key), key);
  assertValid(inserted);
});

test("hash blocks skip only the name-independent reserved range: a block is allocatable or not whoever asks", () => {
  for (const cidr of [...reservedInsideCidrs, "169.254.5.252/30", "169.254.0.0/30"])
    assert.equal(isAllocatableInsideCidr(cidr), false, cidr);
  for (const cidr of ["169.254.6.0/30", vpn1Tunnel2, "169.254.169.248/30", "169.254.255.252/30"]) {
    assert.equal(isAllocatableInsideCidr(cidr), true, cidr);
  }
});

test("collisions: many connections give several, each with a distinct free block, and the allocator refuses them", () => {
  const names = Array.from({ length: 200 }, (_, i) => `site-${i}`);
  const configured = { "site-7/1": "169.254.100.0/30", "site-7/2": "169.254.100.4/30" };
  const collisions = insideCidrCollisions(requests(names, configured));
  assert.ok(collisions.length > 0, "400 tunnels over ~14,000 blocks collide");
  const hashed = new Set(requests(names).map((r) => hashedInsideCidr(r.connection, r.tunnel)));
  const free = collisions.map((c) => c.freeBlock);
  assert.equal(new Set(free).size, free.length, "distinct suggestions");
  for (const c of collisions) {
    assert.equal(hashedInsideCidr(c.tunnel.connection, c.tunnel.tunnel), c.cidr);
    assert.ok(isAllocatableInsideCidr(c.freeBlock) && !hashed.has(c.freeBlock) && !Object.values(configured).includes(c.freeBlock));
  }
  assert.throws(() => allocateInsideCidrs(requests(names, configured)), /tunnel-inside-cidr-collision/);
  // Pinning each suggested block clears every collision, and then nobody else moved.
  const pins = { ...configured, ...Object.fromEntries(collisions.map((c) => [`${c.tunnel.connection}/${c.tunnel.tunnel}`, c.freeBlock])) };
  assert.deepEqual(insideCidrCollisions(requests(names, pins)), []);
  const allocation = allocateInsideCidrs(requests(names, pins));
  assertValid(allocation);
  for (const r of requests(names, pins))
    if (!r.configured) assert.equal(allocation.get(`${r.connection}/${r.tunnel}`), hashedInsideCidr(r.connection, r.tunnel));
});

test("prod settings: vpn-3 and vpn-4 allocated, distinct from the configured vpn-1 and vpn-2 blocks", () => {
  const settings = load("prod");
  const all = settings.vpnConnections.flatMap((c) => c.tunnels.map((t) => t.insideCidr));
  assert.equal(new Set(all).size, 8);
  for (const c of settings.vpnConnections) {
    assert.equal(
      c.tunnels.every((t) => t.insideCidrAllocated),
      c.name === "vpn-3" || c.name === "vpn-4",
    );
    for (const t of c.tunnels) {
      const [a, b, cc, d] = (t.insideCidr.split("/")[0] ?? "").split(".").map(Number);
      assert.equal(t.awsInsideAddress, `${a}.${b}.${cc}.${(d ?? 0) + 1}`);
      assert.equal(t.customerInsideAddress, `${a}.${b}.${cc}.${(d ?? 0) + 2}`);
    }
  }
  assertValid(new Map(all.map((c, i) => [String(i), c])));
});

test("prod settings: a connection inserted before the others leaves every allocated block in place", () => {
  const before = cidrsOf(load("prod"));
  // vpn-0 is one more BGP connection, listed first, with nothing configured: both its tunnels are allocated.
  const after = cidrsOf(load("prod", (c) => connections(c).unshift({ name: "vpn-0", customerGateway: "cgw-primary" })));
  for (const name of ["vpn-1", "vpn-2", "vpn-3", "vpn-4"]) assert.deepEqual(after[name], before[name], name);
  assert.equal(new Set(Object.values(after).flat()).size, 10);
});

test("prod settings: a new connection whose tunnel hashes onto vpn-3's block is refused, naming both and a free block", () => {
  // branch-1579 sorts before vpn-3: allocation by probing would have moved vpn-3's live tunnel.
  const issues = issuesOf("prod", (c) => connections(c).push({ name: "branch-1579", customerGateway: "cgw-primary" }));
  assert.deepEqual(
    issues.map((i) => [i.path, i.rule]),
    [["vpnConnections[branch-1579].tunnel2.insideCidr", "tunnel-inside-cidr-collision"]],
  );
  const message = issues[0]?.message ?? "";
  assert.match(message, /^unset, so allocated from the connection name: "169\.254\.246\.108\/30"/);
  assert.match(message, /vpnConnections\[vpn-3\]\.tunnel1 is allocated the same block/);
  const free = /pin the new one to a free block, e.g\. "(169\.254\.\d+\.\d+\/30)"/.exec(message)?.[1];
  assert.ok(free, message);
  // Following the advice: the connection is accepted and vpn-3 keeps its block.
  const fixed = load("prod", (c) =>
    connections(c).push({ name: "branch-1579", customerGateway: "cgw-primary", tunnel2: { insideCidr: free } } as never),
  );
  const cidrs = cidrsOf(fixed);
  assert.deepEqual(cidrs["vpn-3"], cidrsOf(load("prod"))["vpn-3"]);
  assert.equal(cidrs["branch-1579"]?.[1], free);
});

test("prod settings: an unpinned tunnel hashing onto a pinned block is refused; every collision is listed at once", () => {
  const issues = issuesOf("prod", (c) =>
    connections(c).push({ name: "office-82", customerGateway: "cgw-primary" }, { name: "branch-1579", customerGateway: "cgw-secondary" }),
  );
  assert.deepEqual(
    issues.map((i) => [i.path, i.rule]),
    [
      ["vpnConnections[office-82].tunnel1.insideCidr", "tunnel-inside-cidr-collision"],
      ["vpnConnections[branch-1579].tunnel2.insideCidr", "tunnel-inside-cidr-collision"],
    ],
  );
  assert.match(issues[0]?.message ?? "", /"169\.254\.10\.4\/30", the block vpnConnections\[vpn-1\]\.tunnel2\.insideCidr pins/);
  const suggested = issues.map((i) => /e\.g\. "([^"]+)"/.exec(i.message)?.[1]);
  assert.equal(new Set(suggested).size, 2, "two different free blocks");
});

test("program run: the collision stops the program before anything is registered", async () => {
  const result = await planStack("prod", { edit: (c) => connections(c).push({ name: "branch-1579", customerGateway: "cgw-primary" }) });
  assert.ok(!result.ok && isSettingsError(result.error));
  assert.deepEqual(
    result.error.issues.map((i) => [i.path, i.rule]),
    [["vpnConnections[branch-1579].tunnel2.insideCidr", "tunnel-inside-cidr-collision"]],
  );
  assert.deepEqual(
    result.run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack"),
    [],
    "nothing registered",
  );
});
