/**
 * The adopted development VPC of Pulumi.brownfield.yaml, as the program registers it under the
 * recording mocks: what is imported (type, name, import id, the inputs that mirror the real resource,
 * tags left alone) and what is created (the attachment /28s, the attachment, the routes to the TGW,
 * the network ACL and the security group), parents, the options that keep the team's network, and the
 * dependencies the decommission relies on. Then the plan report of that run: imported rows marked, a
 * summary line, the intent check passing with the public subnets told from the workload subnets.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { analyse } from "../plan/analysis";
import { buildReport } from "../plan/report/build";
import { byName, childrenOf, ofType, planOk, types } from "./harness";

const spokeType = "hybrid-network:spoke:SpokeVpc";
const vpcId = "vpc-0a1b2c3d4e5f60718";
const rtb = { privateA: "rtb-0a1b2c3d4e5f6c001", privateB: "rtb-0a1b2c3d4e5f6c002", public: "rtb-0a1b2c3d4e5f6c003" };
const subnet = {
  appA: "subnet-0a1b2c3d4e5f6a001",
  appB: "subnet-0a1b2c3d4e5f6a002",
  publicA: "subnet-0a1b2c3d4e5f6b001",
  publicB: "subnet-0a1b2c3d4e5f6b002",
};

let run: CapturedRun;
let spoke: CapturedResource[];
const named = (type: string, name: string) => byName(run, type, name);

before(async () => {
  run = await planOk("brownfield");
  spoke = childrenOf(run, spokeType, "development");
});

test("imports exactly the existing VPC's resources, each by the provider's import id", () => {
  const imported = run.resources.filter((r) => r.importId !== undefined).map((r) => [r.type, r.name, r.importId]);
  assert.deepEqual(
    imported.sort(),
    [
      [types.eip, "development-nat-a-eip", "eipalloc-0a1b2c3d4e5f6f001"],
      [types.igw, "development-igw", "igw-0a1b2c3d4e5f6d001"],
      [types.nat, "development-nat-a", "nat-0a1b2c3d4e5f6e001"],
      [types.route, "development-private-a-default", `${rtb.privateA}_0.0.0.0/0`],
      [types.route, "development-private-b-default", `${rtb.privateB}_0.0.0.0/0`],
      [types.route, "development-public-default", `${rtb.public}_0.0.0.0/0`],
      [types.routeTable, "development-private-a", rtb.privateA],
      [types.routeTable, "development-private-b", rtb.privateB],
      [types.routeTable, "development-public", rtb.public],
      [types.routeTableAssociation, "development-app-a", `${subnet.appA}/${rtb.privateA}`],
      [types.routeTableAssociation, "development-app-b", `${subnet.appB}/${rtb.privateB}`],
      [types.routeTableAssociation, "development-public-a", `${subnet.publicA}/${rtb.public}`],
      [types.routeTableAssociation, "development-public-b", `${subnet.publicB}/${rtb.public}`],
      [types.subnet, "development-app-a", subnet.appA],
      [types.subnet, "development-app-b", subnet.appB],
      [types.subnet, "development-public-a", subnet.publicA],
      [types.subnet, "development-public-b", subnet.publicB],
      [types.vpc, "development-vpc", vpcId],
    ].sort(),
  );
  // The mocks hand an imported resource its import id as its id: the ids chain as the real ones will.
  for (const r of run.resources.filter((r) => r.importId !== undefined)) assert.equal(r.id, r.importId, r.name);
  // Every one is a child of the spoke's component; nothing else in the stack is imported.
  const parents = new Set(run.resources.filter((r) => r.importId !== undefined).map((r) => r.parent));
  assert.deepEqual([...parents], [run.resources.find((r) => r.type === spokeType)?.urn]);
});

test("imported inputs mirror the real resources; their tags are their owners' (none set, changes ignored)", () => {
  const vpc = named(types.vpc, "development-vpc");
  assert.deepEqual(vpc.inputs, { cidrBlock: "10.20.0.0/16", enableDnsSupport: true, enableDnsHostnames: true });
  assert.deepEqual(
    ofType(run, types.subnet)
      .filter((s) => s.importId !== undefined)
      .map((s) => [s.name, s.inputs]),
    [
      ["development-app-a", { vpcId, cidrBlock: "10.20.0.0/20", availabilityZone: "eu-west-1a", mapPublicIpOnLaunch: false }],
      ["development-app-b", { vpcId, cidrBlock: "10.20.16.0/20", availabilityZone: "eu-west-1b", mapPublicIpOnLaunch: false }],
      ["development-public-a", { vpcId, cidrBlock: "10.20.100.0/24", availabilityZone: "eu-west-1a", mapPublicIpOnLaunch: true }],
      ["development-public-b", { vpcId, cidrBlock: "10.20.101.0/24", availabilityZone: "eu-west-1b", mapPublicIpOnLaunch: true }],
    ],
  );
  assert.deepEqual(named(types.igw, "development-igw").inputs, { vpcId });
  for (const name of ["development-private-a", "development-private-b", "development-public"]) {
    assert.deepEqual(named(types.routeTable, name).inputs, { vpcId }, `${name}: no inline routes, so the table's own are not compared`);
  }
  assert.deepEqual(named(types.routeTableAssociation, "development-public-b").inputs, {
    subnetId: subnet.publicB,
    routeTableId: rtb.public,
  });
  assert.deepEqual(named(types.route, "development-public-default").inputs, {
    routeTableId: rtb.public,
    destinationCidrBlock: "0.0.0.0/0",
    gatewayId: "igw-0a1b2c3d4e5f6d001",
  });
  assert.deepEqual(named(types.eip, "development-nat-a-eip").inputs, { domain: "vpc" });
  assert.deepEqual(named(types.nat, "development-nat-a").inputs, {
    subnetId: subnet.publicA,
    allocationId: "eipalloc-0a1b2c3d4e5f6f001",
    connectivityType: "public",
  });
  // Both workload tables send 0.0.0.0/0 to the one NAT gateway, as they do today.
  for (const [name, table] of [
    ["development-private-a-default", rtb.privateA],
    ["development-private-b-default", rtb.privateB],
  ] as const) {
    assert.deepEqual(named(types.route, name).inputs, {
      routeTableId: table,
      destinationCidrBlock: "0.0.0.0/0",
      natGatewayId: "nat-0a1b2c3d4e5f6e001",
    });
  }
  const taggable = [types.vpc, types.subnet, types.routeTable, types.igw, types.nat, types.eip];
  for (const r of run.resources.filter((r) => r.importId !== undefined)) {
    assert.equal(r.inputs.tags, undefined, `${r.name} sets no tags`);
    assert.deepEqual(r.ignoreChanges, taggable.includes(r.type as never) ? ["tags"] : undefined, r.name);
  }
});

test("the team's network is retained if the spoke leaves the program; the public side is not (the switch deletes it)", () => {
  const retained = run.resources.filter((r) => r.retainOnDelete).map((r) => `${r.type.split(":").pop()} ${r.name}`);
  assert.deepEqual(retained.sort(), [
    "RouteTable development-private-a",
    "RouteTable development-private-b",
    "RouteTableAssociation development-app-a",
    "RouteTableAssociation development-app-b",
    "Subnet development-app-a",
    "Subnet development-app-b",
    "Vpc development-vpc",
  ]);
});

test("created in the adopted VPC: the attachment /28s, the attachment, the routes to the TGW, the ACL and the security group", () => {
  const created = spoke.filter((r) => r.importId === undefined);
  const count = (type: string) => created.filter((r) => r.type === type).length;
  assert.deepEqual(Object.fromEntries([...new Set(created.map((r) => r.type))].map((t) => [t.split(":").pop(), count(t)])), {
    Subnet: 2,
    VpcAttachment: 1,
    Route: 8,
    NetworkAcl: 1,
    SecurityGroup: 1,
    SecurityGroupIngressRule: 3,
    SecurityGroupEgressRule: 1,
  });
  const tgwSubnets = created.filter((r) => r.type === types.subnet);
  assert.deepEqual(
    tgwSubnets.map((s) => [
      s.name,
      s.inputs.cidrBlock,
      s.inputs.availabilityZone,
      s.inputs.vpcId,
      (s.inputs.tags as Record<string, string>).role,
    ]),
    [
      ["development-tgw-eu-west-1a", "10.20.255.224/28", "eu-west-1a", vpcId, "tgw"],
      ["development-tgw-eu-west-1b", "10.20.255.240/28", "eu-west-1b", vpcId, "tgw"],
    ],
  );
  const attachment = named(types.vpcAttachment, "development-tgw-attachment");
  assert.equal(attachment.inputs.vpcId, vpcId);
  assert.deepEqual(
    attachment.inputs.subnetIds,
    tgwSubnets.map((s) => s.id),
  );
  assert.equal(attachment.inputs.transitGatewayId, named(types.tgw, "hub").id);
  const toTgw = created.filter((r) => r.type === types.route);
  assert.deepEqual(
    toTgw.map((r) => [r.inputs.routeTableId, r.inputs.destinationCidrBlock]).sort(),
    [rtb.privateA, rtb.privateB]
      .flatMap((t) => ["10.100.0.0/16", "10.101.0.0/16", "10.102.0.0/16", "10.103.0.0/16"].map((d) => [t, d]))
      .sort(),
  );
  for (const r of toTgw) {
    assert.equal(r.inputs.transitGatewayId, named(types.tgw, "hub").id);
    assert.ok(r.dependencies.includes(attachment.urn), `${r.name} waits for the attachment`);
  }
  // The workload subnets (not the public ones, not the /28s) get the spoke's network ACL.
  const acl = named(types.networkAcl, "development-workloads");
  assert.deepEqual(acl.inputs.subnetIds, [subnet.appA, subnet.appB]);
  assert.equal(acl.inputs.vpcId, vpcId);
  assert.equal(named(types.securityGroup, "development-ingress").inputs.vpcId, vpcId);
});

test("the dependencies the decommission needs: default routes on the NAT gateway, NAT and Elastic IP on the internet gateway", () => {
  const igw = named(types.igw, "development-igw");
  const nat = named(types.nat, "development-nat-a");
  const eip = named(types.eip, "development-nat-a-eip");
  for (const name of ["development-private-a-default", "development-private-b-default"]) {
    assert.ok(named(types.route, name).dependencies.includes(nat.urn), `${name} depends on the NAT gateway it targets`);
  }
  assert.ok(nat.dependencies.includes(igw.urn) && nat.dependencies.includes(eip.urn));
  assert.ok(nat.dependencies.includes(named(types.subnet, "development-public-a").urn));
  assert.ok(eip.dependencies.includes(igw.urn), "the Elastic IP is released before the internet gateway is detached");
  assert.ok(named(types.route, "development-public-default").dependencies.includes(igw.urn));
});

test("the plan report marks the imported rows and counts them; created rows keep their format", () => {
  const report = buildReport(run);
  assert.equal(report.ok, true, "the intent check passes on the adopted VPC");
  const resources = report.sections.find((s) => s.title.startsWith("Resources"))?.markdown ?? "";
  assert.match(
    resources,
    // 41 of the network, 10 of its operations: the VPC's and the TGW's flow logs (log group, role, policy,
    // flow log each), the dashboard and the development attachment's blackhole-drop alarm.
    /^18 imported \(marked `import=<id>`: Pulumi adopts the existing resource as it is, docs\/adopt\.md\), 51 created\.$/m,
  );
  const lines = resources.split("\n");
  for (const row of [
    "| Vpc | development-vpc | import=vpc-0a1b2c3d4e5f60718; cidrBlock=10.20.0.0/16 |  |",
    "| Route | development-private-a-default | import=rtb-0a1b2c3d4e5f6c001_0.0.0.0/0; destinationCidrBlock=0.0.0.0/0; natGatewayId=nat-0a1b2c3d4e5f6e001 |  |",
    // A created row: as in a stack without imports.
    "| Subnet | development-tgw-eu-west-1a | cidrBlock=10.20.255.224/28; availabilityZone=eu-west-1a |  |",
  ]) {
    assert.ok(lines.includes(row), row);
  }
  const rows = resources.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| type"));
  assert.equal(rows.filter((l) => l.includes("| import=")).length, 18);
  const json = JSON.parse(report.json) as { resources: { imported: number; created: number; total: number } };
  assert.deepEqual([json.resources.imported, json.resources.created, json.resources.total], [18, 51, 69]);
  const spokes = report.sections.find((s) => s.title.startsWith("Spokes"))?.markdown ?? "";
  assert.match(spokes, /- adopted VPC vpc-0a1b2c3d4e5f60718: 18 resources imported as they are, 17 created/);
  assert.match(spokes, /\| eu-west-1a \| 10\.20\.0\.0\/20 \| 10\.20\.255\.224\/28 \| 10\.20\.100\.0\/24 \|/);
  assert.match(spokes, /- egress: nat \(1 NAT gateway\), internet gateway/);
  assert.doesNotMatch(spokes, /pin them/, "the attachment /28s are pinned in the example");
});

test("the analysis starts development's flows in its workload subnets only, not in a public subnet without a NAT gateway", () => {
  const analysis = analyse(run);
  const vpc = analysis.context.ix.spokeVpcs.get("development");
  assert.ok(vpc);
  // public-b holds no NAT gateway, but routes to the internet gateway: the NAT side, not a workload subnet.
  assert.deepEqual(
    analysis.context.ix.workloadSubnets(vpc).map((s) => s.name),
    ["development-app-a", "development-app-b"],
  );
  assert.deepEqual(analysis.violations, []);
  const out = analysis.flows.get("development", "internet");
  assert.equal(out?.status, "reachable");
  assert.match(out?.path.join(" | ") ?? "", /NAT development-nat-a .*internet via development-igw/);
  const inbound = analysis.flows.get("internet", "development");
  assert.equal(inbound?.status, "blocked", "no workload subnet is reachable from the internet");
});
