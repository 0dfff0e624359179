/** The intent check on the real prod stack: what the program registers meets the seed's intents. */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { denyRuleNumbers } from "../infra/lib/acl-rule-numbers";
import { analyse } from "../plan/analysis";
import type { Analysis } from "../plan/analysis";
import { awsTypes } from "../plan/analysis/model";
import { buildReport } from "../plan/report/build";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { planOk } from "./harness";
import { flowOf, without } from "./analysis-fixtures";

let run: CapturedRun;
let a: Analysis;
before(async () => {
  run = await planOk("prod");
  a = analyse(run);
});

const flow = (from: string, to: string) => flowOf(a, from, to);

test("prod: no intent violation; the report's intent check passes", () => {
  assert.deepEqual(a.violations, []);
  const report = buildReport(run);
  assert.ok(report.sections.some((s) => s.title === "Intent check: passed"));
  assert.equal((JSON.parse(report.json) as { intent: { ok: boolean } }).intent.ok, true);
});

test("prod: development reaches its allowed zones, not the production zones; corporate clients reach development", () => {
  for (const z of ["corporate-clients", "shared-infra", "builder-services", "dev-data"])
    assert.equal(flow("development", z).status, "reachable", z);
  for (const z of ["prod-services", "prod-data"]) {
    assert.equal(flow("development", z).status, "blocked", z);
    assert.equal(flow(z, "development").status, "blocked", z);
  }
  assert.equal(flow("corporate-clients", "development").status, "reachable");
});

test("prod: development and production never reach each other, either way, not even one way", () => {
  for (const [x, y] of [
    ["development", "production"],
    ["production", "development"],
  ] as const) {
    const f = flow(x, y);
    assert.equal(f.status, "blocked");
    assert.equal(f.oneWay, undefined, `${x} -> ${y} is delivered one way`);
  }
});

test("prod: development's egress onprem goes over the VPN and through no NAT", () => {
  const f = flow("development", "internet");
  assert.equal(f.status, "reachable");
  assert.equal(f.internetVia, "onprem");
  assert.deepEqual(f.nats, []);
  const devVpc = a.model.vpcs.find((v) => v.role.kind === "spoke" && v.role.spoke.name === "development")!;
  assert.deepEqual(
    a.model.nats.filter((n) => n.vpcId === devVpc.id),
    [],
  );
});

test("prod: central egress (test, production) goes through the egress VPC; internal traffic is not NATed", () => {
  const egress = a.model.vpcs.find((v) => v.role.kind === "egress")!;
  for (const s of ["test", "production"]) {
    const f = flow(s, "internet");
    assert.equal(f.status, "reachable");
    assert.equal(f.internetVia, "igw");
    assert.ok(f.nats.every((n) => a.model.nats.find((x) => x.name === n)?.vpcId === egress.id));
  }
  const internal = [...a.flows].filter((x) => x.status === "reachable" && x.toKind !== "internet" && x.fromKind !== "internet");
  assert.ok(internal.length > 0);
  for (const f of internal) {
    assert.deepEqual(f.nats, [], `${f.from} -> ${f.to}`);
  }
});

test("prod: every on-prem <-> VPC flow survives any single tunnel and either customer gateway", () => {
  const kinds = new Set(a.failures.map((s) => s.kind));
  assert.deepEqual([...kinds].sort(), ["customer-gateway", "tunnel", "vpn"]);
  assert.equal(a.failures.filter((s) => s.kind === "customer-gateway").length, 2);
  assert.equal(a.failures.filter((s) => s.kind === "tunnel").length, 8);
  for (const s of a.failures) assert.deepEqual(s.lost, [], `${s.kind} ${s.name}`);
  assert.ok([...a.flows].some((f) => f.fromKind === "zone" && f.status === "reachable"));
});

test("prod: capacity to on-prem with one tunnel down meets the required bandwidth", () => {
  const required = run.settings!.vpn.capacity.requiredGbps!;
  assert.ok(a.capacity.length >= 3, "a row per spoke at least");
  for (const row of a.capacity) assert.ok(row.gbpsOneTunnelDown >= required, `${row.scope} ${row.direction}: ${row.gbpsOneTunnelDown}`);
});

test("prod, broken copies of the real run: a missing blackhole is held by the spoke's ACL, and caught without it; a stray propagation is caught", () => {
  const hole = run.resources.find(
    (r) =>
      r.type === awsTypes.tgwRoute &&
      r.inputs.blackhole === true &&
      r.inputs.destinationCidrBlock === "10.110.0.0/16" &&
      a.model.tables.find((t) => t.id === r.inputs.transitGatewayRouteTableId)?.name.endsWith("development"),
  );
  assert.ok(hole, "the development table blackholes prod-services");
  // The development workload ACL refuses prod-services outbound too: one layer gone, the other holds.
  const noHole = without(run, (r) => r.urn === hole.urn);
  const held = analyse(noHole);
  assert.deepEqual(
    held.violations.filter((v) => v.rule === "must-not-reach"),
    [],
  );
  assert.match(
    flowOf(held, "development", "prod-services").reason,
    new RegExp(
      `network ACL development-workloads rule ${denyRuleNumbers(["10.110.0.0/16"]).get("10.110.0.0/16")} denies 10\\.110\\.0\\.0/16 outbound`,
    ),
  );
  // Both layers gone: the leak is reported, naming the route that let it through.
  const open = structuredClone(noHole);
  for (const r of open.resources) {
    if (r.type === awsTypes.networkAcl && r.name === "development-workloads") {
      r.inputs.egress = (r.inputs.egress as { action: string }[]).filter((rule) => rule.action === "allow");
    }
  }
  const missing = analyse(open);
  assert.ok(
    missing.violations.some(
      (v) => v.flow === "development -> prod-services" && v.rule === "must-not-reach" && /10\.110\.0\.0\/16/.test(v.route),
    ),
    JSON.stringify(missing.violations),
  );

  const devTable = a.model.tables.find((t) => t.name.endsWith("development"))!;
  const prodAtt = a.model.attachments.find(
    (x) => x.kind === "vpc" && a.model.vpcs.find((v) => v.id === x.vpcId)?.role.kind === "spoke" && x.advertises.includes("10.40.0.0/16"),
  )!;
  const stray = structuredClone(run);
  stray.resources = stray.resources.filter(
    (r) =>
      !(
        r.type === awsTypes.tgwRoute &&
        r.inputs.transitGatewayRouteTableId === devTable.id &&
        r.inputs.destinationCidrBlock === "10.40.0.0/16"
      ),
  );
  stray.resources.push({
    ...structuredClone(run.resources.find((r) => r.type === awsTypes.tgwPropagation)!),
    name: "stray",
    urn: "stray",
    inputs: { transitGatewayAttachmentId: prodAtt.id, transitGatewayRouteTableId: devTable.id },
  });
  const leaked = analyse(stray);
  assert.ok(
    leaked.violations.some((v) => v.flow === "development -> production" && /propagated by stray/.test(v.route)),
    JSON.stringify(leaked.violations),
  );
});

test("prod: forbidden on-prem zones are refused by the spokes' network ACLs, not only on the return path", () => {
  const f = flow("corporate-clients", "test");
  assert.equal(f.status, "blocked");
  assert.equal(f.oneWay, undefined, "no packet is delivered one way");
  assert.match(f.reason, /network ACL test-workloads rule \d+ denies 10\.100\.0\.0\/16 inbound/);
  assert.equal(flow("corporate-clients", "development").status, "reachable", "allowed zones pass the ACL");
});

test("broken: without the test spoke's network ACL, corporate clients reach it one way: a violation naming the flow", () => {
  const acl = run.resources.find((r) => r.type === awsTypes.networkAcl && r.name === "test-workloads");
  assert.ok(acl);
  const broken = analyse(without(run, (r) => r.urn === acl.urn));
  const v = broken.violations.find((x) => x.flow === "corporate-clients -> test");
  assert.ok(v, JSON.stringify(broken.violations));
  assert.match(v.message, /delivered one way/);
});
