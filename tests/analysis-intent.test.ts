/**
 * Reachability and intent on hand-built runs of the designed network, and on broken copies of them
 * (a resource removed or added): the analysis must catch each break, naming the flow and the route.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyse } from "../plan/analysis";
import { awsTypes } from "../plan/analysis/model";
import { buildReport } from "../plan/report/build";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { designedStack, editResource, flowOf as flow, idOf, withResource, without } from "./analysis-fixtures";
import { first } from "./harness";

const prod = designedStack("prod");
const dev = designedStack("dev");
const prodA = analyse(prod);
const devA = analyse(dev);

function violations(run: CapturedRun, rule?: string) {
  return analyse(run).violations.filter((v) => rule === undefined || v.rule === rule);
}

test("the designed networks of both stacks meet every intent", () => {
  assert.deepEqual(devA.violations, []);
  assert.deepEqual(prodA.violations, []);
});

test("development reaches its allowed zones and not the production zones, both ways", () => {
  for (const a of [devA, prodA]) {
    for (const z of ["corporate-clients", "shared-infra", "builder-services", "dev-data"])
      assert.equal(flow(a, "development", z).status, "reachable", z);
    for (const z of ["prod-services", "prod-data"]) {
      assert.equal(flow(a, "development", z).status, "blocked");
      assert.equal(flow(a, z, "development").status, "blocked");
      // Stopped at its own subnets first (the ACL's outbound deny), before the segment's blackhole.
      assert.match(flow(a, "development", z).reason, /network ACL development-workloads rule \d+ denies .* outbound/);
    }
    assert.equal(flow(a, "corporate-clients", "development").status, "reachable");
  }
});

test("prod: development and production never reach each other; production reaches only its zones", () => {
  assert.equal(flow(prodA, "development", "production").status, "blocked");
  assert.equal(flow(prodA, "production", "development").status, "blocked");
  assert.equal(flow(prodA, "production", "prod-data").status, "reachable");
  assert.equal(flow(prodA, "production", "dev-data").status, "blocked");
  assert.equal(flow(prodA, "corporate-clients", "production").status, "blocked");
});

test("egress nat (dev): the internet through the spoke's own NAT and internet gateway", () => {
  const f = flow(devA, "development", "internet");
  assert.equal(f.status, "reachable");
  assert.equal(f.internetVia, "igw");
  assert.match(f.nats[0] ?? "(no NAT)", /^development-nat-/);
});

test("egress onprem (prod development): the internet over the VPN, nothing through a NAT", () => {
  const f = flow(prodA, "development", "internet");
  assert.equal(f.status, "reachable");
  assert.equal(f.internetVia, "onprem");
  assert.deepEqual(f.nats, []);
  assert.ok(f.attachments.includes("vpn-1"));
});

test("egress central (prod test, production): through the egress VPC; internal traffic not NATed", () => {
  for (const s of ["test", "production"]) {
    const f = flow(prodA, s, "internet");
    assert.equal(f.status, "reachable");
    assert.ok(f.attachments.includes("egress"));
    assert.match(f.nats[0] ?? "(no NAT)", /^egress-nat-/);
  }
  for (const f of [...prodA.flows].filter((x) => x.status === "reachable" && x.toKind !== "internet" && x.fromKind !== "internet")) {
    assert.deepEqual(f.nats, [], `${f.from} -> ${f.to}`);
  }
});

test("broken: a missing blackhole is held by the spoke's outbound deny; without that too, development reaches prod-services, named with the route", () => {
  const drop = (r: CapturedRun) => without(r, (x) => x.type === awsTypes.tgwRoute && x.name === "hub-development-deny-prod-services");
  assert.deepEqual(violations(drop(prod), "must-not-reach"), []);
  const broken = drop(designedStack("prod", { noOutboundDenies: true }));
  const v = violations(broken, "must-not-reach");
  const hit = v.find((x) => x.flow === "development -> prod-services");
  assert.ok(hit, JSON.stringify(v));
  assert.match(hit.route, /hub-development: 10\.110\.0\.0\/16 -> VPN vpn-1, VPN vpn-2, VPN vpn-3, VPN vpn-4 \(propagated/);
  const report = buildReport(broken);
  assert.equal(report.ok, false);
  assert.match(report.markdown, /must-not-reach \| development -> prod-services \|.*hub-development: 10\.110\.0\.0\/16/);
});

test("broken: a stray propagation of production into the development table", () => {
  const broken = withResource(prod, {
    type: awsTypes.tgwPropagation,
    name: "production-to-development",
    inputs: {
      transitGatewayAttachmentId: idOf(prod, awsTypes.vpcAttachment, "production"),
      transitGatewayRouteTableId: idOf(prod, awsTypes.tgwRouteTable, "hub-development"),
    },
  });
  // The blackhole for 10.40.0.0/16 (static) still wins over the propagation for the same prefix.
  assert.deepEqual(violations(broken), []);
  const worse = without(broken, (r) => r.type === awsTypes.tgwRoute && r.name === "hub-development-deny-production");
  // The return path is still blackholed in the production table: a one-way leak, still a violation.
  assert.equal(analyse(worse).flows.get("development", "production")?.status, "blocked");
  const v = violations(worse, "must-not-reach").find((x) => x.flow === "development -> production");
  assert.ok(v);
  assert.match(v.message, /one way/);
  assert.match(v.route, /hub-development: 10\.40\.0\.0\/16 -> VPC attachment production \(propagated by production-to-development\)/);
});

test("broken: a blackhole on an allowed zone cuts a must-reach flow", () => {
  const broken = withResource(dev, {
    type: awsTypes.tgwRoute,
    name: "oops",
    inputs: {
      transitGatewayRouteTableId: idOf(dev, awsTypes.tgwRouteTable, "hub-development"),
      destinationCidrBlock: "10.103.0.0/16",
      blackhole: true,
    },
  });
  const v = violations(broken, "must-reach");
  assert.deepEqual(
    v.map((x) => x.flow),
    ["development -> dev-data"],
  );
  assert.match(first(v, "violation").route, /10\.103\.0\.0\/16 blackhole \(static route oops\)/);
});

test("broken: the VPN association missing makes on-prem learn nothing", () => {
  const broken = without(dev, (r) => r.type === awsTypes.tgwAssociation && r.name === "vpn-1-assoc");
  const v = violations(broken, "must-reach");
  assert.ok(v.some((x) => x.flow === "corporate-clients -> development" && /on-prem learns no route/.test(x.route)));
});

test("broken: egress onprem with a NAT gateway left in the VPC", () => {
  const devVpc = idOf(prod, awsTypes.vpc, "development");
  const pubSubnet = withResource(prod, {
    type: awsTypes.subnet,
    name: "development-public-x",
    inputs: { vpcId: devVpc, cidrBlock: "10.20.200.0/24", availabilityZone: "eu-west-1a" },
  });
  const broken = withResource(pubSubnet, {
    type: awsTypes.nat,
    name: "development-nat-stray",
    inputs: { subnetId: idOf(pubSubnet, awsTypes.subnet, "development-public-x") },
  });
  const v = violations(broken, "egress");
  assert.ok(v.some((x) => /development still has NAT gateway development-nat-stray/.test(x.message)));
});

test("broken: central egress without the egress VPC's route back to the TGW blocks the internet", () => {
  const broken = without(prod, (r) => r.type === awsTypes.route && r.name === "egress-public-internal");
  const v = violations(broken, "must-reach");
  const hit = v.find((x) => x.flow === "test -> internet");
  assert.ok(hit);
  assert.match(hit.route, /return path from NAT egress-nat-.*egress-public: 0\.0\.0\.0\/0 -> internet gateway/);
});

test("broken: central egress spoke whose default route points at the VPN instead of the egress VPC", () => {
  const broken = without(prod, (r) => r.type === awsTypes.tgwRoute && r.name === "hub-test-default");
  const v = violations(broken, "egress");
  assert.ok(v.some((x) => x.flow === "test -> internet" && /must leave through the central egress VPC/.test(x.message)));
});

test("broken: internal traffic sent to the egress VPC is NATed (missing blackhole between segments)", () => {
  const broken = without(prod, (r) => r.type === awsTypes.tgwRoute && r.name === "hub-test-deny-production");
  const v = violations(broken);
  assert.ok(
    v.some(
      (x) =>
        x.rule === "must-not-reach" && x.flow === "test -> production" && /hub-test: 0\.0\.0\.0\/0 -> VPC attachment egress/.test(x.route),
    ),
  );
  assert.ok(v.some((x) => x.rule === "no-nat" && x.flow === "test -> production"));
});

test("broken: an AZ whose attachment subnet is missing cannot reach on-prem", () => {
  const azC = idOf(prod, awsTypes.subnet, "production-transit-eu-west-1c");
  const edited = editResource(
    prod,
    (r) => r.type === awsTypes.vpcAttachment && r.name === "production",
    (i) => {
      i.subnetIds = (i.subnetIds as string[]).filter((s) => s !== azC);
    },
  );
  const broken = without(edited, (r) => r.name === "production-transit-eu-west-1c");
  const v = violations(broken, "must-reach");
  const hit = v.find((x) => x.flow === "production -> shared-infra");
  assert.ok(hit, JSON.stringify(v));
  assert.match(hit.message, /is partial/);
  assert.match(hit.route, /attachment production has no subnet in eu-west-1c/);
});

test("the report: intent first, matrix, flows with paths, and the JSON carries the same", () => {
  const report = buildReport(prod);
  for (const title of ["Intent check: passed", "Reachability", "Failure analysis", "Capacity", "Topology"]) {
    assert.ok(
      report.sections.some((s) => s.title === title),
      title,
    );
  }
  assert.match(report.markdown, /\| \*\*development\*\* \| - \| blocked \| blocked \| reach \|/);
  const json = JSON.parse(report.json) as { intent: { ok: boolean }; reachability: { flows: unknown[] }; diagram: { mermaid: string } };
  assert.equal(json.intent.ok, true);
  assert.equal(json.reachability.flows.length, prodA.flows.size);
  assert.match(json.diagram.mermaid, /^flowchart LR/);
});
