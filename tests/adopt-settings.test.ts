/**
 * The settings rules of a spoke that adopts an existing VPC (`spokes[].existing`): each broken
 * example names its key path, rule and value, and is the only error; the real example stacks load;
 * the attachment /28s are found in the VPC's free space when not pinned. Pure: the settings loader
 * on edited copies of Pulumi.brownfield.yaml and Pulumi.brownfield-vpn-egress.yaml, no program run.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { findAttachmentSubnets } from "../infra/settings/adoption";
import { issuesOf, item, load } from "./settings-helpers";

type Config = Record<string, unknown>;
/* eslint-disable @typescript-eslint/no-explicit-any */
const spoke = (c: Config, name = "development"): any => item(c, "spokes", name);
const existing = (c: Config): any => spoke(c).existing;
const subnet = (c: Config, name: string): any => existing(c).subnets.find((s: { name: string }) => s.name === name);
const table = (c: Config, name: string): any => existing(c).routeTables.find((t: { name: string }) => t.name === name);
/* eslint-enable @typescript-eslint/no-explicit-any */

interface Case {
  name: string;
  /** The later state (egress over the VPN) instead of the adopted NAT state. */
  later?: boolean;
  edit: (c: Config) => void;
  /** Every issue the edit causes, in order: [path, rule, message]. */
  issues: [string, string, RegExp][];
}

const at = (rest: string) => `spokes[development].existing${rest}`;

const cases: Case[] = [
  // Schema: the block is strict and its ids required.
  {
    name: "a misspelt key in an adopted subnet",
    edit: (c) => (subnet(c, "app-a").routetable = "private-a"),
    issues: [[at(".subnets[app-a]"), "unknown-key", /"routetable"/]],
  },
  { name: "no VPC id", edit: (c) => delete existing(c).vpcId, issues: [[at(".vpcId"), "required", /expected string/]] },
  // Ids: the EC2 format of each kind, 8 or 17 hexadecimal characters.
  {
    name: "a VPC id of another kind",
    edit: (c) => (existing(c).vpcId = "subnet-0a1b2c3d4e5f60718"),
    issues: [[at(".vpcId"), "adopt-id-format", /"subnet-0a1b2c3d4e5f60718" is not a vpc id/]],
  },
  {
    name: "a subnet id of 9 hexadecimal characters",
    edit: (c) => (subnet(c, "app-a").id = "subnet-0a1b2c3d4"),
    issues: [[at(".subnets[app-a].id"), "adopt-id-format", /"subnet-0a1b2c3d4" is not a subnet id/]],
  },
  {
    name: "a route table id in upper case",
    edit: (c) => (table(c, "private-a").id = "rtb-0A1B2C3D4E5F6C001"),
    issues: [[at(".routeTables[private-a].id"), "adopt-id-format", /"rtb-0A1B2C3D4E5F6C001" is not a rtb id/]],
  },
  {
    name: "an internet gateway id without its prefix",
    edit: (c) => (existing(c).internetGatewayId = "0a1b2c3d4e5f6d001"),
    issues: [[at(".internetGatewayId"), "adopt-id-format", /is not a igw id/]],
  },
  {
    name: "a NAT gateway id and an allocation id of the wrong kinds",
    edit: (c) => Object.assign(existing(c).natGateways[0], { id: "nat-xyz", allocationId: "eip-0a1b2c3d" }),
    issues: [
      [at(".natGateways[nat-a].id"), "adopt-id-format", /"nat-xyz" is not a nat id/],
      [at(".natGateways[nat-a].allocationId"), "adopt-id-format", /"eip-0a1b2c3d" is not a eipalloc id/],
    ],
  },
  {
    name: "a subnet adopted twice in one VPC",
    edit: (c) => (subnet(c, "app-b").id = subnet(c, "app-a").id),
    issues: [
      [
        at(".subnets[app-b].id"),
        "adopt-duplicate-id",
        /"subnet-0a1b2c3d4e5f6a001" is already adopted at spokes\[development\]\.existing\.subnets\[app-a\]\.id/,
      ],
    ],
  },
  // Names.
  {
    name: "two subnets with one name",
    edit: (c) => (subnet(c, "app-b").name = "app-a"),
    issues: [[at(".subnets[app-a]"), "duplicate-name", /"app-a" is defined more than once/]],
  },
  {
    name: "a subnet named like an attachment subnet",
    edit: (c) => {
      subnet(c, "app-b").name = "tgw-eu-west-1b";
    },
    issues: [[at(".subnets[tgw-eu-west-1b].name"), "adopt-name-reserved", /attachment subnet the program creates in eu-west-1b/]],
  },
  // Addresses and zones.
  {
    name: "a subnet outside the VPC's CIDR",
    edit: (c) => (subnet(c, "app-b").cidr = "10.21.16.0/20"),
    issues: [
      [at(".subnets[app-b].cidr"), "adopt-subnet-outside-vpc", /"10\.21\.16\.0\/20" is not inside the VPC's CIDR "10\.20\.0\.0\/16"/],
    ],
  },
  {
    name: "two overlapping subnets",
    edit: (c) => (subnet(c, "app-b").cidr = "10.20.8.0/21"),
    issues: [
      [
        at(".subnets[app-b].cidr"),
        "adopt-subnet-overlap",
        /"10\.20\.8\.0\/21" overlaps spokes\[development\]\.existing\.subnets\[app-a\]\.cidr "10\.20\.0\.0\/20"/,
      ],
    ],
  },
  {
    name: "a subnet CIDR that is not a network address",
    edit: (c) => (subnet(c, "app-b").cidr = "10.20.16.1/20"),
    issues: [[at(".subnets[app-b].cidr"), "cidr-format", /"10\.20\.16\.1\/20"/]],
  },
  {
    name: "a subnet in another region",
    edit: (c) => (subnet(c, "public-b").availabilityZone = "eu-central-1b"),
    issues: [[at(".subnets[public-b].availabilityZone"), "az-region", /"eu-central-1b" is not a zone of region eu-west-1/]],
  },
  {
    name: "a workload subnet in a zone without an attachment subnet",
    edit: (c) => (subnet(c, "app-b").availabilityZone = "eu-west-1c"),
    issues: [
      [
        at(".subnets[app-b].availabilityZone"),
        "adopt-subnet-az-not-attached",
        /"eu-west-1c" is not in spokes\[development\]\.availabilityZones .*cannot reach the TGW/,
      ],
    ],
  },
  // Route tables.
  {
    name: "a subnet without its route table",
    edit: (c) => delete subnet(c, "app-b").routeTable,
    issues: [
      [at(".subnets[app-b].routeTable"), "adopt-subnet-route-table", /not set: name the route table/],
      [at(".routeTables[private-b]"), "adopt-route-table-unused", /no listed subnet is associated with "private-b"/],
    ],
  },
  {
    name: "a subnet naming a route table that is not listed",
    edit: (c) => (subnet(c, "app-a").routeTable = "private-c"),
    issues: [
      [
        at(".subnets[app-a].routeTable"),
        "unknown-reference",
        /"private-c" is not a route table in routeTables; known: private-a, private-b, public/,
      ],
      [at(".routeTables[private-a]"), "adopt-route-table-unused", /"private-a"/],
    ],
  },
  {
    name: "a route table serving public and workload subnets",
    edit: (c) => (subnet(c, "public-b").routeTable = "private-b"),
    issues: [[at(".routeTables[private-b]"), "adopt-route-table-mixed", /public subnets \["public-b"\] and workload subnets \["app-b"\]/]],
  },
  // The public side and the egress mode.
  {
    name: "public subnets without an internet gateway",
    edit: (c) => delete existing(c).internetGatewayId,
    issues: [[at(".internetGatewayId"), "adopt-public-subnet-needs-igw", /not set, but \["public-a","public-b"\] are public/]],
  },
  {
    name: "a NAT gateway in a workload subnet",
    edit: (c) => (existing(c).natGateways[0].subnet = "app-a"),
    issues: [[at(".natGateways[nat-a].subnet"), "adopt-nat-in-private-subnet", /"app-a" is not public/]],
  },
  {
    name: "a NAT gateway in an unknown subnet",
    edit: (c) => (existing(c).natGateways[0].subnet = "public-c"),
    issues: [[at(".natGateways[nat-a].subnet"), "unknown-reference", /"public-c" is not a subnet/]],
  },
  {
    name: "egress nat with no NAT gateway listed",
    edit: (c) => {
      existing(c).natGateways = [];
      for (const t of existing(c).routeTables) delete t.natGateway;
    },
    issues: [
      [
        at(".natGateways"),
        "adopt-nat-egress-needs-nat",
        /egress "nat" sends internet traffic to the VPC's NAT gateways, but none is listed/,
      ],
      [at(".routeTables[private-a].natGateway"), "adopt-route-table-nat", /not set: with egress "nat"/],
      [at(".routeTables[private-b].natGateway"), "adopt-route-table-nat", /not set/],
    ],
  },
  {
    name: "a workload table naming a NAT gateway that is not listed",
    edit: (c) => (table(c, "private-b").natGateway = "nat-b"),
    issues: [[at(".routeTables[private-b].natGateway"), "unknown-reference", /"nat-b" is not a NAT gateway in natGateways; known: nat-a/]],
  },
  {
    name: "a public table naming a NAT gateway",
    edit: (c) => (table(c, "public").natGateway = "nat-a"),
    issues: [[at(".routeTables[public].natGateway"), "adopt-route-table-nat", /public route table/]],
  },
  {
    name: "NAT placement set on an adopted VPC",
    edit: (c) => (spoke(c).natGateways = "single"),
    issues: [["spokes[development].natGateways", "adopt-nat-placement", /"single" does not apply to an adopted VPC/]],
  },
  {
    name: "egress switched to onprem with the public side still listed",
    edit: (c) => {
      spoke(c).egress = "onprem";
      (c.onPrem as { advertises: { defaultRoute: boolean } }).advertises.defaultRoute = true;
    },
    issues: [
      [
        at(".natGateways[nat-a]"),
        "adopt-retired-by-egress",
        /egress "onprem" runs no NAT gateways of its own: the switch retires it; remove it from existing \(only "nat" keeps it\)/,
      ],
      [at(".internetGatewayId"), "adopt-retired-by-egress", /retires it/],
      [at(".subnets[public-a].public"), "adopt-retired-by-egress", /retires it/],
      [at(".subnets[public-b].public"), "adopt-retired-by-egress", /retires it/],
      [
        at(".routeTables[private-a].natGateway"),
        "adopt-route-table-nat",
        /set, but with egress "onprem" the workload subnets' 0\.0\.0\.0\/0 goes to the TGW/,
      ],
      [at(".routeTables[private-b].natGateway"), "adopt-route-table-nat", /goes to the TGW/],
    ],
  },
  {
    name: "the later state naming a NAT gateway on a workload table",
    later: true,
    edit: (c) => (table(c, "private-a").natGateway = "nat-a"),
    issues: [[at(".routeTables[private-a].natGateway"), "adopt-route-table-nat", /goes to the TGW/]],
  },
  // Attachment subnets.
  {
    name: "an attachment subnet larger than a /28",
    edit: (c) => (existing(c).attachmentSubnets[0].cidr = "10.20.255.0/27"),
    issues: [[at(".attachmentSubnets[0].cidr"), "adopt-attachment-subnet-size", /"10\.20\.255\.0\/27" is not a \/28/]],
  },
  {
    name: "an attachment subnet outside the VPC",
    edit: (c) => (existing(c).attachmentSubnets[0].cidr = "10.21.255.224/28"),
    issues: [[at(".attachmentSubnets[0].cidr"), "adopt-subnet-outside-vpc", /"10\.21\.255\.224\/28" is not inside the VPC's CIDR/]],
  },
  {
    name: "an attachment subnet inside an existing subnet",
    edit: (c) => (existing(c).attachmentSubnets[1].cidr = "10.20.101.16/28"),
    issues: [
      [
        at(".attachmentSubnets[1].cidr"),
        "adopt-attachment-subnet-overlap",
        /"10\.20\.101\.16\/28" overlaps spokes\[development\]\.existing\.subnets\[public-b\] "10\.20\.101\.0\/24"/,
      ],
    ],
  },
  {
    name: "two attachment subnets on one block",
    edit: (c) => (existing(c).attachmentSubnets[1].cidr = "10.20.255.224/28"),
    issues: [
      [
        at(".attachmentSubnets[1].cidr"),
        "adopt-attachment-subnet-overlap",
        /overlaps spokes\[development\]\.existing\.attachmentSubnets\[0\]\.cidr/,
      ],
    ],
  },
  {
    name: "two attachment subnets in one zone and none in the other",
    edit: (c) => (existing(c).attachmentSubnets[1].availabilityZone = "eu-west-1a"),
    issues: [
      [
        at(".attachmentSubnets"),
        "adopt-attachment-subnet-az",
        /2 subnets in eu-west-1a; the attachment takes exactly one per availability zone/,
      ],
      [at(".attachmentSubnets"), "adopt-attachment-subnet-az", /0 subnets in eu-west-1b/],
    ],
  },
  {
    name: "an attachment subnet in a zone the spoke does not list",
    edit: (c) => (existing(c).attachmentSubnets[1].availabilityZone = "eu-west-1c"),
    issues: [
      [
        at(".attachmentSubnets[1].availabilityZone"),
        "adopt-attachment-subnet-az",
        /"eu-west-1c" is not in spokes\[development\]\.availabilityZones/,
      ],
      [at(".attachmentSubnets"), "adopt-attachment-subnet-az", /0 subnets in eu-west-1b/],
    ],
  },
  {
    name: "no free /28 left to find",
    edit: (c) => {
      spoke(c).cidr = "10.20.0.0/24";
      existing(c).subnets = [
        { name: "app-a", id: "subnet-0a1b2c3d4e5f6a001", cidr: "10.20.0.0/24", availabilityZone: "eu-west-1a", routeTable: "private-a" },
      ];
      existing(c).routeTables = [{ name: "private-a", id: "rtb-0a1b2c3d4e5f6c001", natGateway: "nat-a" }];
      existing(c).natGateways = [];
      delete existing(c).internetGatewayId;
      delete existing(c).attachmentSubnets;
    },
    issues: [
      [
        at(".attachmentSubnets"),
        "adopt-attachment-subnet-none-free",
        /"10\.20\.0\.0\/24" has no free \/28 for each of \["eu-west-1a","eu-west-1b"\]/,
      ],
      [at(".natGateways"), "adopt-nat-egress-needs-nat", /none is listed/],
      [at(".routeTables[private-a].natGateway"), "unknown-reference", /"nat-a" is not a NAT gateway in natGateways; known: \(none\)/],
    ],
  },
];

for (const c of cases) {
  test(`refuses: ${c.name}`, () => {
    const issues = issuesOf(c.later ? "brownfield-vpn-egress" : "brownfield", c.edit);
    const got = issues.map((i) => `${i.path} [${i.rule}] ${i.message}`).join("\n");
    assert.deepEqual(
      issues.map((i) => [i.path, i.rule]),
      c.issues.map(([path, rule]) => [path, rule]),
      got,
    );
    c.issues.forEach(([, , message], i) => assert.match(issues[i]?.message ?? "", message, got));
  });
}

test("nothing is adopted twice across spokes: a second spoke adopting the same VPC and route table", () => {
  const issues = issuesOf("brownfield", (c) => {
    (c.spokes as unknown[]).push({
      name: "sandbox",
      segment: "development",
      cidr: "10.21.0.0/16",
      availabilityZones: ["eu-west-1a"],
      egress: "onprem",
      existing: {
        vpcId: "vpc-0a1b2c3d4e5f60718",
        subnets: [
          { name: "app", id: "subnet-0a1b2c3d4e5f6a009", cidr: "10.21.0.0/20", availabilityZone: "eu-west-1a", routeTable: "main" },
        ],
        routeTables: [{ name: "main", id: "rtb-0a1b2c3d4e5f6c001" }],
      },
    });
    (c.onPrem as { advertises: { defaultRoute: boolean } }).advertises.defaultRoute = true;
  });
  const adoptedTwice = issues.filter((i) => i.rule === "adopt-duplicate-id");
  assert.deepEqual(
    adoptedTwice.map((i) => i.path),
    ["spokes[sandbox].existing.vpcId", "spokes[sandbox].existing.routeTables[main].id"],
  );
  assert.match(adoptedTwice[0]?.message ?? "", /"vpc-0a1b2c3d4e5f60718" is already adopted at spokes\[development\]\.existing\.vpcId/);
});

test("both example stacks load: the adopted VPC as the component takes it", () => {
  const before = load("brownfield").spokes[0];
  assert.ok(before?.existing);
  assert.deepEqual(before.subnets, [], "an adopted VPC has no laid-out subnets");
  assert.equal(before.existing.vpcId, "vpc-0a1b2c3d4e5f60718");
  assert.deepEqual(
    before.existing.subnets.map((s) => [s.name, s.public, s.routeTable]),
    [
      ["app-a", false, "private-a"],
      ["app-b", false, "private-b"],
      ["public-a", true, "public"],
      ["public-b", true, "public"],
    ],
  );
  assert.equal(before.existing.attachmentSubnetsFound, false);
  const after = load("brownfield-vpn-egress").spokes[0];
  assert.ok(after?.existing);
  assert.deepEqual(after.existing.natGateways, []);
  assert.equal(after.existing.internetGatewayId, undefined);
  assert.deepEqual(after.existing.attachmentSubnets, before.existing.attachmentSubnets, "the pinned /28s do not move");
});

test("unpinned attachment /28s are found at the top of the VPC's free space, in ascending order by zone", () => {
  const found = load("brownfield", (c) => delete existing(c).attachmentSubnets).spokes[0]?.existing;
  assert.equal(found?.attachmentSubnetsFound, true);
  assert.deepEqual(found?.attachmentSubnets, [
    { availabilityZone: "eu-west-1a", cidr: "10.20.255.224/28" },
    { availabilityZone: "eu-west-1b", cidr: "10.20.255.240/28" },
  ]);
  // A subnet at the top of the VPC pushes them below it; retiring it would move them: hence pinning.
  const pushed = findAttachmentSubnets("10.20.0.0/16", ["10.20.0.0/20", "10.20.255.0/24"], ["eu-west-1a", "eu-west-1b"]);
  assert.deepEqual(pushed, [
    { availabilityZone: "eu-west-1a", cidr: "10.20.254.224/28" },
    { availabilityZone: "eu-west-1b", cidr: "10.20.254.240/28" },
  ]);
  assert.equal(findAttachmentSubnets("10.20.0.0/28", [], ["eu-west-1a", "eu-west-1b"]), undefined, "one /28 for two zones");
  assert.equal(findAttachmentSubnets("10.20.0.0/24", ["10.20.0.0/24"], ["eu-west-1a"]), undefined, "a full VPC");
});
