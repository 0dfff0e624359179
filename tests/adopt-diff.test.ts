/**
 * The adopted path end to end, offline: Pulumi.brownfield.yaml (the adopted VPC with its NAT egress)
 * then Pulumi.brownfield-vpn-egress.yaml (egress over the VPN), each captured in its own process as
 * stack brownfield-vpn-egress, as `npm run plan -- --stack brownfield-vpn-egress --against brownfield`
 * does. The diff deletes exactly the decommissioned public side, updates the two default routes in
 * place and replaces nothing; the dependency graphs of both runs make Pulumi move those routes to the
 * TGW before it deletes the NAT gateway, and delete the rest dependents first. A third run renames an
 * adopted route table's config key: the diff calls that what it is, the deletion of the adopted table; a
 * fourth sends the egress to a central egress VPC instead: the same decommission, and the egress VPC.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parse, stringify } from "yaml";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { captureInChild } from "../plan/diff/capture-child";
import { deletionWaves } from "../plan/diff/delete-order";
import { cloudChanges, diffRuns } from "../plan/diff/engine";
import type { RunDiff } from "../plan/diff/engine";
import { renderDiffMarkdown } from "../plan/diff/render";
import { buildReport } from "../plan/report/build";
import { types } from "./harness";

const root = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "adopt-diff-"));
const stack = "brownfield-vpn-egress";

let nat: CapturedRun;
let vpn: CapturedRun;
let decommission: RunDiff;
let renamed: RunDiff;
let toCentral: RunDiff;
let centralRun: CapturedRun;

before(async () => {
  // The later state with the workload table private-a listed under another config name.
  const doc = parse(readFileSync(join(root, "Pulumi.brownfield-vpn-egress.yaml"), "utf8")) as { config: Record<string, unknown> };
  const spoke = (
    doc.config["hybrid-network:spokes"] as { existing: { routeTables: { name: string }[]; subnets: { routeTable: string }[] } }[]
  )[0];
  assert.ok(spoke);
  for (const t of spoke.existing.routeTables) if (t.name === "private-a") t.name = "workloads-a";
  for (const s of spoke.existing.subnets) if (s.routeTable === "private-a") s.routeTable = "workloads-a";
  const renamedFile = join(dir, "renamed.yaml");
  writeFileSync(renamedFile, stringify(doc));
  // The later state with egress through a central egress VPC instead of on-prem.
  const central = parse(readFileSync(join(root, "Pulumi.brownfield-vpn-egress.yaml"), "utf8")) as { config: Record<string, unknown> };
  const centralSpoke = (central.config["hybrid-network:spokes"] as { egress: string }[])[0];
  assert.ok(centralSpoke);
  centralSpoke.egress = "central";
  central.config["hybrid-network:centralEgress"] = { cidr: "10.250.0.0/22", availabilityZones: ["eu-west-1a", "eu-west-1b"] };
  const centralFile = join(dir, "central.yaml");
  writeFileSync(centralFile, stringify(central));
  const capture = (configFile: string) => captureInChild({ root, stack, configFile });
  const [a, b, c, d] = await Promise.all(
    [join(root, "Pulumi.brownfield.yaml"), join(root, "Pulumi.brownfield-vpn-egress.yaml"), renamedFile, centralFile].map(capture),
  );
  assert.ok(a && b && c && d);
  nat = a;
  vpn = b;
  decommission = diffRuns(nat, vpn, { before: "Pulumi.brownfield.yaml", after: "Pulumi.brownfield-vpn-egress.yaml" });
  renamed = diffRuns(vpn, c, { before: "vpn egress", after: "renamed" });
  centralRun = d;
  toCentral = diffRuns(nat, d, { before: "Pulumi.brownfield.yaml", after: "central egress" });
});

after(() => rmSync(dir, { recursive: true, force: true }));

const label = (c: { type: string; name: string }) => `${c.type.split(":").pop()} ${c.name}`;
const find = (run: CapturedRun, type: string, name: string): CapturedResource => {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  assert.ok(r, `${type} ${name}`);
  return r;
};

test("nat -> onprem deletes exactly the public side, updates the two default routes in place, creates and replaces nothing", () => {
  const { create, delete: deletes, replace, update } = decommission.counts;
  assert.deepEqual({ create, deletes, replace, update }, { create: 0, deletes: 9, replace: 0, update: 2 });
  assert.deepEqual(cloudChanges(decommission, "delete").map(label).sort(), [
    "Eip development-nat-a-eip",
    "InternetGateway development-igw",
    "NatGateway development-nat-a",
    "Route development-public-default",
    "RouteTable development-public",
    "RouteTableAssociation development-public-a",
    "RouteTableAssociation development-public-b",
    "Subnet development-public-a",
    "Subnet development-public-b",
  ]);
  const tgwId = find(vpn, types.tgw, "hub").id;
  for (const c of cloudChanges(decommission, "update")) {
    assert.match(c.name, /^development-private-[ab]-default$/);
    assert.deepEqual(
      c.changes.map((p) => [p.property, p.before, p.after, p.effect]),
      [
        ["natGatewayId", "nat-0a1b2c3d4e5f6e001", undefined, "update"],
        ["transitGatewayId", undefined, tgwId, "update"],
      ],
    );
  }
  assert.deepEqual(decommission.refused, []);
  // Everything the stack keeps of the adopted VPC is untouched: the VPC, workload subnets and tables.
  const touched = new Set(decommission.changes.map((c) => c.urn));
  for (const name of ["development-vpc", "development-app-a", "development-private-a", "development-tgw-attachment"]) {
    const kept = vpn.resources.find((r) => r.name === name && r.custom);
    assert.ok(kept && !touched.has(kept.urn), `${name} is unchanged`);
  }
});

test("the default routes leave the NAT gateway by an update, so Pulumi moves them before it deletes the NAT gateway", () => {
  const natGateway = find(nat, types.nat, "development-nat-a");
  const deleted = new Set(decommission.changes.filter((c) => c.kind === "delete").map((c) => c.urn));
  assert.ok(deleted.has(natGateway.urn));
  for (const name of ["development-private-a-default", "development-private-b-default"]) {
    const was = find(nat, types.route, name);
    const is = find(vpn, types.route, name);
    // One URN in both runs (an update, not a delete and a create of a second 0.0.0.0/0 route).
    assert.equal(was.urn, is.urn);
    assert.ok(was.dependencies.includes(natGateway.urn), `${name} depended on the NAT gateway`);
    assert.ok(
      is.dependencies.includes(find(vpn, types.vpcAttachment, "development-tgw-attachment").urn),
      `${name} now waits for the attachment`,
    );
    // The engine deletes only after the program, so after this update; the updated route no longer
    // depends on anything deleted, so no delete waits on it and none breaks it.
    assert.deepEqual(
      is.dependencies.filter((u) => deleted.has(u)),
      [],
      name,
    );
    assert.equal(is.importId, undefined, "the route is managed now: it is updated, not imported again");
  }
  // Nothing the later run registers depends on a deleted resource.
  for (const r of vpn.resources)
    assert.deepEqual(
      r.dependencies.filter((u) => deleted.has(u)),
      [],
      r.name,
    );
});

test("the public side is deleted dependents first: routes, associations and the NAT gateway, then what they used, the internet gateway last", () => {
  const waves = decommission.deleteOrder.map((w) =>
    w.map((urn) => label(nat.resources.find((r) => r.urn === urn) ?? { type: "?", name: urn })).sort(),
  );
  assert.deepEqual(waves, [
    [
      "NatGateway development-nat-a",
      "Route development-public-default",
      "RouteTableAssociation development-public-a",
      "RouteTableAssociation development-public-b",
    ],
    ["Eip development-nat-a-eip", "RouteTable development-public", "Subnet development-public-a", "Subnet development-public-b"],
    ["InternetGateway development-igw"],
  ]);
  assert.match(
    renderDiffMarkdown(decommission),
    /Pulumi deletes them once every create and update is done, dependents first: \(1\) .*NatGateway development-nat-a.*; \(2\) .*; \(3\) InternetGateway development-igw\./,
  );
  // The order comes from the dependencies: had a default route been deleted instead of updated, it
  // would have to go before the NAT gateway it targets.
  const withRoute = deletionWaves(nat, [
    find(nat, types.route, "development-private-a-default").urn,
    find(nat, types.nat, "development-nat-a").urn,
  ]);
  assert.deepEqual(
    withRoute.map((w) => w.map((u) => nat.resources.find((r) => r.urn === u)?.name)),
    [["development-private-a-default"], ["development-nat-a"]],
  );
});

test("both states pass the intent check: NAT egress first, then over the VPN with no NAT or internet gateway left", () => {
  for (const run of [nat, vpn]) {
    const report = buildReport(run);
    assert.equal(report.ok, true, `${run.settings?.spokes[0]?.egress}: ${report.markdown.slice(0, 2000)}`);
  }
  const later = buildReport(vpn).markdown;
  assert.match(later, /- egress: onprem \(learned over BGP\)\n/);
  assert.match(later, /- adopted VPC vpc-0a1b2c3d4e5f60718: 7 resources imported as they are, 19 created/);
  assert.match(later, /^7 imported \(marked `import=<id>`/m);
});

test("nat -> central retires the same public side, moves the default routes in place, and only adds the egress VPC", () => {
  assert.deepEqual(cloudChanges(toCentral, "delete").map(label).sort(), cloudChanges(decommission, "delete").map(label).sort());
  assert.deepEqual(cloudChanges(toCentral, "replace"), []);
  // The dashboard's body gains the egress VPC's attachment lines, in place.
  assert.deepEqual(cloudChanges(toCentral, "update").map(label).sort(), [
    "Dashboard network-dashboard",
    "Route development-private-a-default",
    "Route development-private-b-default",
  ]);
  // Created: the egress VPC, its flow log and its TGW table, and development's segment default route to it.
  const parent = (c: { urn: string }) => {
    const r = centralRun.resources.find((x) => x.urn === c.urn);
    const p = centralRun.resources.find((x) => x.urn === r?.parent);
    return `${p?.type ?? ""} ${p?.name ?? ""}`;
  };
  const created = cloudChanges(toCentral, "create");
  const outside = created.filter(
    (c) =>
      ![
        "hybrid-network:egress:CentralEgressVpc egress",
        "hybrid-network:observability:FlowLogs egress-vpc-flow-logs",
        "hybrid-network:segmentation:SegmentRouting hub-egress-vpc",
      ].includes(parent(c)),
  );
  assert.deepEqual(
    outside.map((c) => `${label(c)} (${parent(c)})`),
    ["Route development-default (hybrid-network:segmentation:SegmentRouting hub-development)"],
  );
  assert.ok(created.some((c) => c.type === types.vpcAttachment && c.name === "egress-tgw-attachment"));
  assert.deepEqual(
    created
      .filter((c) => parent(c) === "hybrid-network:observability:FlowLogs egress-vpc-flow-logs")
      .map(label)
      .sort(),
    ["FlowLog egress-vpc-flow-logs", "LogGroup egress-vpc-flow-logs", "Role egress-vpc-flow-logs", "RolePolicy egress-vpc-flow-logs"],
  );
});

test("renaming an adopted route table's config key is the deletion of that table: reported as a replacement, with the alias that avoids it", () => {
  const table = renamed.changes.find((c) => c.type === types.routeTable && c.name === "development-workloads-a");
  assert.equal(table?.kind, "replace");
  assert.match(
    table?.reasons.join() ?? "",
    /rtb-0a1b2c3d4e5f6c001 adopted again as development-workloads-a \(new URN\): Pulumi imports it, then deletes development-private-a, which deletes it in AWS, unless an alias names the old URN/,
  );
  assert.ok(!cloudChanges(renamed, "delete").some((c) => c.type === types.routeTable), "not a plain delete beside a create");
});
