/**
 * Spokes of one segment allowed different on-prem zones (one program run of an edited prod stack).
 * The segment's TGW table blackholes only the zones none of its spokes may reach, so it routes
 * test-2's corporate-clients for every spoke of the segment; test and test-3 send 0.0.0.0/0 to the
 * TGW (central egress). Each spoke's workload ACL refuses its forbidden zones outbound as well as
 * inbound, so nothing leaks one way; the same network without the outbound denies is reported.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { analyse } from "../plan/analysis";
import type { Analysis } from "../plan/analysis";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { flowOf } from "./analysis-fixtures";
import { byName, ofType, planOk, types } from "./harness";

const zones: Record<string, string> = {
  "corporate-clients": "10.100.0.0/16",
  "shared-infra": "10.101.0.0/16",
  "builder-services": "10.102.0.0/16",
  "dev-data": "10.103.0.0/16",
  "prod-services": "10.110.0.0/16",
  "prod-data": "10.111.0.0/16",
};

let run: CapturedRun;
let a: Analysis;
before(async () => {
  run = await planOk("prod", {
    edit: (c) => {
      const spoke = (name: string, cidr: string, onPremZones: string[]) => ({
        name,
        segment: "test",
        account: "test",
        cidr,
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
        onPremZones,
        egress: "central",
      });
      (c.spokes as unknown[]).push(spoke("test-2", "10.31.0.0/16", ["corporate-clients"]), spoke("test-3", "10.32.0.0/16", []));
    },
  });
  a = analyse(run);
});

const mustNotReach = (x: Analysis) => x.violations.filter((v) => v.rule === "must-not-reach");

test("the segment's table routes corporate-clients (test-2 may reach it): only the spokes' own ACLs can stop test and test-3", () => {
  const table = byName(run, types.tgwRouteTable, "hub-test");
  const blackholes = ofType(run, types.tgwRoute)
    .filter((r) => r.inputs.transitGatewayRouteTableId === table.id && r.inputs.blackhole === true)
    .map((r) => r.inputs.destinationCidrBlock);
  assert.ok(!blackholes.includes(zones["corporate-clients"]), "corporate-clients is not blackholed in hub-test");
  assert.ok(blackholes.includes(zones["prod-services"]));
});

test("every spoke's workload ACL refuses the zones it may not reach both ways, in one ACL", () => {
  const expected: Record<string, string[]> = {
    test: ["corporate-clients", "prod-services", "prod-data"],
    "test-2": ["shared-infra", "builder-services", "dev-data", "prod-services", "prod-data"],
    // No zone: not reachable from on-prem, but its default route goes to the TGW.
    "test-3": Object.keys(zones),
  };
  for (const [spoke, denied] of Object.entries(expected)) {
    const acl = byName(run, types.networkAcl, `${spoke}-workloads`);
    for (const direction of ["ingress", "egress"] as const) {
      const rules = acl.inputs[direction] as { ruleNo: number; action: string; cidrBlock: string; protocol: string }[];
      assert.deepEqual(
        rules.filter((r) => r.action === "deny").map((r) => r.cidrBlock),
        denied.map((z) => zones[z]),
        `${spoke} ${direction}`,
      );
      assert.deepEqual(
        rules.filter((r) => r.action === "allow").map((r) => [r.ruleNo, r.cidrBlock, r.protocol]),
        [[32000, "0.0.0.0/0", "-1"]],
      );
    }
  }
});

test("no must-not-reach violation: each spoke is stopped at its own subnets, outbound", () => {
  assert.deepEqual(mustNotReach(a), []);
  for (const [from, to] of [
    ["test", "corporate-clients"],
    ["test-2", "shared-infra"],
    ["test-3", "corporate-clients"],
    ["test-3", "shared-infra"],
  ] as const) {
    const f = flowOf(a, from, to);
    assert.equal(f.status, "blocked", `${from} -> ${to}`);
    assert.equal(f.oneWay, undefined, `${from} -> ${to} delivered one way`);
    assert.match(f.reason, new RegExp(`network ACL ${from}-workloads rule \\d+ denies ${zones[to]!.replace(/\./g, "\\.")} outbound`));
  }
  // What each may reach still flows both ways.
  assert.equal(flowOf(a, "test-2", "corporate-clients").status, "reachable");
  assert.equal(flowOf(a, "test", "shared-infra").status, "reachable");
  assert.equal(flowOf(a, "test-3", "internet").status, "reachable");
});

test("the same network without the outbound denies: the analysis reports the leaks, both ways delivered and one way", () => {
  const stripped: CapturedRun = {
    ...run,
    resources: run.resources.map((r) =>
      r.type === types.networkAcl
        ? {
            ...r,
            inputs: {
              ...r.inputs,
              egress: [{ ruleNo: 32000, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 }],
            },
          }
        : r,
    ),
  };
  const leaks = mustNotReach(analyse(stripped));
  const flows = leaks.map((v) => v.flow);
  for (const f of ["test -> corporate-clients", "test-2 -> shared-infra", "test-3 -> corporate-clients"]) assert.ok(flows.includes(f), f);
  // test-3 is in no on-prem route, so its packets arrive and the replies are lost: delivered one way.
  const oneWay = leaks.find((v) => v.flow === "test-3 -> corporate-clients");
  assert.match(oneWay?.message ?? "", /delivered one way/);
  assert.match(oneWay?.route ?? "", /TGW route table hub-test: 10\.100\.0\.0\/16 -> VPN/);
});
