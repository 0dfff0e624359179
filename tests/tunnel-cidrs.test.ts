/**
 * Tunnel inside CIDR allocation (infra/settings/tunnel-cidrs.ts): deterministic from the
 * connection's name, unique, never reserved, and stable when another connection is added or
 * removed; then the same through the settings loader on the prod stack.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { within } from "../infra/lib/cidr";
import { allocateInsideCidrs, reservedInsideCidrs } from "../infra/settings/tunnel-cidrs";
import type { TunnelRequest } from "../infra/settings/tunnel-cidrs";
import { load } from "./settings-helpers";

const requests = (names: string[], configured: Record<string, string> = {}): TunnelRequest[] =>
  names.flatMap((connection) =>
    ([1, 2] as const).map((tunnel) => ({ connection, tunnel, configured: configured[`${connection}/${tunnel}`] })),
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

test("deterministic: the same names give the same blocks, whatever the order of the list", () => {
  const names = ["vpn-a", "vpn-b", "vpn-c"];
  const a = allocateInsideCidrs(requests(names));
  const b = allocateInsideCidrs(requests([...names].reverse()));
  assert.deepEqual(new Map([...a].sort()), new Map([...b].sort()));
  assert.equal(a.size, 6);
  assertValid(a);
});

test("stable: inserting a connection before the others, or removing one, moves no other tunnel", () => {
  const before = allocateInsideCidrs(requests(["vpn-3", "vpn-4"]));
  const inserted = allocateInsideCidrs(requests(["vpn-0", "vpn-3", "vpn-4"]));
  const removed = allocateInsideCidrs(requests(["vpn-4"]));
  for (const key of ["vpn-3/1", "vpn-3/2", "vpn-4/1", "vpn-4/2"]) assert.equal(inserted.get(key), before.get(key), key);
  for (const key of ["vpn-4/1", "vpn-4/2"]) assert.equal(removed.get(key), before.get(key), key);
  assertValid(inserted);
});

test("unique and valid across many connections, with configured blocks kept and avoided", () => {
  const names = Array.from({ length: 200 }, (_, i) => `site-${i}`);
  const configured = { "site-7/1": "169.254.100.0/30", "site-7/2": "169.254.100.4/30" };
  const allocation = allocateInsideCidrs(requests(names, configured));
  assert.equal(allocation.size, 400);
  assert.equal(allocation.get("site-7/1"), "169.254.100.0/30");
  assert.equal(allocation.get("site-7/2"), "169.254.100.4/30");
  assertValid(allocation);
});

test("a hash collision probes to the next free block for the later name, so both stay unique", () => {
  // Find two names whose tunnel 1 hashes to the same block when each is allocated alone.
  const alone = new Map<string, string>();
  let pair: [string, string] | undefined;
  for (let i = 0; i < 5000 && !pair; i++) {
    const name = `c${i}`;
    const cidr = allocateInsideCidrs([{ connection: name, tunnel: 1 }]).get(`${name}/1`)!;
    const other = alone.get(cidr);
    if (other !== undefined) pair = [other, name];
    else alone.set(cidr, name);
  }
  assert.ok(pair, "a colliding pair exists among the first names");
  const [first, second] = [...pair].sort();
  const both = allocateInsideCidrs([
    { connection: second, tunnel: 1 },
    { connection: first, tunnel: 1 },
  ]);
  const own = allocateInsideCidrs([{ connection: first, tunnel: 1 }]).get(`${first}/1`);
  assert.equal(both.get(`${first}/1`), own, "the earlier name keeps its block");
  assert.notEqual(both.get(`${second}/1`), own);
  assertValid(both);
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
      const [a, b, cc, d] = t.insideCidr.split("/")[0].split(".").map(Number);
      assert.equal(t.awsInsideAddress, `${a}.${b}.${cc}.${d + 1}`);
      assert.equal(t.customerInsideAddress, `${a}.${b}.${cc}.${d + 2}`);
    }
  }
  assertValid(new Map(all.map((c, i) => [String(i), c])));
});

test("prod settings: a connection inserted before the others leaves every allocated block in place", () => {
  const cidrsOf = (s: ReturnType<typeof load>) =>
    Object.fromEntries(s.vpnConnections.map((c) => [c.name, c.tunnels.map((t) => t.insideCidr)]));
  const before = cidrsOf(load("prod"));
  const after = cidrsOf(
    // vpn-0 is one more BGP connection, listed first, with nothing configured: both its tunnels are allocated.
    load("prod", (c) => (c.vpnConnections as unknown[]).unshift({ name: "vpn-0", customerGateway: "cgw-primary" })),
  );
  for (const name of ["vpn-1", "vpn-2", "vpn-3", "vpn-4"]) assert.deepEqual(after[name], before[name], name);
  assert.equal(new Set(Object.values(after).flat()).size, 10);
});
