/** The intent check on the real dev stack: one VPN, the development VPC with local NAT egress. */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { analyse } from "../plan/analysis";
import type { Analysis } from "../plan/analysis";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { flowOf } from "./analysis-fixtures";
import { planOk } from "./harness";

let run: CapturedRun;
let a: Analysis;
before(async () => {
  run = await planOk("dev");
  a = analyse(run);
});

const flow = (from: string, to: string) => flowOf(a, from, to);

test("dev: no intent violation", () => {
  assert.deepEqual(a.violations, []);
});

test("dev: development reaches its allowed zones and not the production zones; corporate clients reach it", () => {
  for (const z of ["corporate-clients", "shared-infra", "builder-services", "dev-data"])
    assert.equal(flow("development", z).status, "reachable", z);
  for (const z of ["prod-services", "prod-data"]) {
    assert.equal(flow("development", z).status, "blocked", z);
    assert.equal(flow(z, "development").status, "blocked", z);
  }
  assert.equal(flow("corporate-clients", "development").status, "reachable");
});

test("dev: egress nat leaves through the development VPC's own NAT and internet gateway, not the TGW", () => {
  const f = flow("development", "internet");
  assert.equal(f.status, "reachable");
  assert.equal(f.internetVia, "igw");
  assert.equal(f.nats.length, 1);
  assert.deepEqual(f.attachments, []);
});

test("dev: on-prem flows survive a single tunnel; the single connection is the one point of failure", () => {
  const tunnels = a.failures.filter((x) => x.kind === "tunnel");
  assert.equal(tunnels.length, 2);
  for (const s of tunnels) assert.deepEqual(s.lost, [], s.name);
  const vpn = a.failures.find((s) => s.kind === "vpn")!;
  assert.equal(vpn.redundant, false);
  assert.ok(vpn.lost.length > 0);
  const row = a.capacity.find((r) => r.scope === "development" && r.direction === "to on-prem")!;
  assert.deepEqual([row.paths, row.gbpsAllUp, row.gbpsOneTunnelDown], [2, 2.5, 1.25]);
});
