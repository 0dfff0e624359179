/**
 * SpokeVpc with an existing VPC, constructed directly as a C# program would (no settings rules run):
 * inconsistent args are refused before any child is registered, each naming what is wrong; the same
 * args made consistent register the adopted VPC. One process: the components get distinct names.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { SpokeVpc } from "../infra/components/spoke-vpc";
import type { SpokeVpcArgs } from "../infra/components/spoke-vpc";
import { runtimeSettings } from "../infra/lib/sdk-internals";
import { installRecordingMocks } from "../plan/runtime/mocks";
import type { RecordingMocks } from "../plan/runtime/mocks";
import { types } from "./harness";

let mocks: RecordingMocks;
before(async () => {
  mocks = await installRecordingMocks("hybrid-network", "component", "eu-west-1");
});

/** An adopted VPC with one workload subnet, one public subnet and a NAT gateway, egress `nat`. */
function args(edit: (a: SpokeVpcArgs) => void = () => undefined): SpokeVpcArgs {
  const a: SpokeVpcArgs = {
    cidr: "10.20.0.0/16",
    subnets: [],
    egress: "nat",
    natGateways: "perAz",
    transitGatewayId: "tgw-0123456789abcdef0",
    transitRoutes: [{ name: "onprem-10-100-0-0-16", cidr: "10.100.0.0/16" }],
    denyInboundFrom: [],
    denyOutboundTo: [],
    ingress: [],
    crossAccount: false,
    protectAttachment: false,
    tags: {},
    existing: {
      vpcId: "vpc-0a1b2c3d4e5f60718",
      enableDnsSupport: true,
      enableDnsHostnames: false,
      internetGatewayId: "igw-0a1b2c3d4e5f6d001",
      subnets: [
        {
          name: "app-a",
          id: "subnet-0a1b2c3d4e5f6a001",
          cidr: "10.20.0.0/20",
          availabilityZone: "eu-west-1a",
          public: false,
          mapPublicIpOnLaunch: false,
          routeTable: "private-a",
        },
        {
          name: "public-a",
          id: "subnet-0a1b2c3d4e5f6b001",
          cidr: "10.20.100.0/24",
          availabilityZone: "eu-west-1a",
          public: true,
          mapPublicIpOnLaunch: true,
          routeTable: "public",
        },
      ],
      routeTables: [
        { name: "private-a", id: "rtb-0a1b2c3d4e5f6c001", natGateway: "nat-a" },
        { name: "public", id: "rtb-0a1b2c3d4e5f6c003" },
      ],
      natGateways: [{ name: "nat-a", id: "nat-0a1b2c3d4e5f6e001", subnet: "public-a", allocationId: "eipalloc-0a1b2c3d4e5f6f001" }],
      attachmentSubnets: [{ availabilityZone: "eu-west-1a", cidr: "10.20.255.240/28" }],
    },
  };
  edit(a);
  return a;
}

/** The custom resources registered as children of the component named `name`. */
async function childrenOf(name: string): Promise<string[]> {
  await runtimeSettings().waitForRPCs();
  const component = [...mocks.resources.values()].find((r) => r.type === "hybrid-network:spoke:SpokeVpc" && r.name === name);
  return [...mocks.resources.values()]
    .filter((r) => component && r.parent === component.urn)
    .map((r) => `${r.type.split(":").pop()} ${r.name}`);
}

const refusals: [string, (a: SpokeVpcArgs) => void, RegExp][] = [
  [
    "unknown-table",
    (a) => (a.existing!.subnets[0]!.routeTable = "private-b"),
    /subnet app-a names route table private-b, which is not in existing\.routeTables/,
  ],
  ["mixed-table", (a) => (a.existing!.subnets[1]!.routeTable = "private-a"), /route table private-a serves public and workload subnets/],
  [
    "retired-kept",
    (a) => {
      a.egress = "onprem";
      delete a.existing!.routeTables[0]!.natGateway;
    },
    /egress "onprem" runs no NAT gateways of its own, so the existing NAT gateways, internet gateway and public subnets are retired/,
  ],
  ["no-igw", (a) => delete a.existing!.internetGatewayId, /public subnets need existing\.internetGatewayId/],
  ["nat-in-workload", (a) => (a.existing!.natGateways[0]!.subnet = "app-a"), /NAT gateway nat-a is in app-a, which is not a public subnet/],
  [
    "table-without-nat",
    (a) => delete a.existing!.routeTables[0]!.natGateway,
    /route table private-a names no NAT gateway of existing\.natGateways/,
  ],
];

for (const [name, edit, message] of refusals) {
  test(`refuses before registering a child: ${name}`, async () => {
    assert.throws(() => new SpokeVpc(name, args(edit)), message);
    assert.deepEqual(await childrenOf(name), []);
  });
}

test("the same args, consistent, register the adopted VPC", async () => {
  new SpokeVpc("consistent", args());
  const children = await childrenOf("consistent");
  assert.equal(children.length, 15, children.join(", "));
  const imported = [...mocks.resources.values()].filter((r) => r.importId !== undefined && r.name.startsWith("consistent-"));
  assert.deepEqual(imported.map((r) => r.name).sort(), [
    "consistent-app-a",
    "consistent-app-a",
    "consistent-igw",
    "consistent-nat-a",
    "consistent-nat-a-eip",
    "consistent-private-a",
    "consistent-private-a-default",
    "consistent-public",
    "consistent-public-a",
    "consistent-public-a",
    "consistent-public-default",
    "consistent-vpc",
  ]);
  assert.equal(imported.find((r) => r.type === types.nat)?.importId, "nat-0a1b2c3d4e5f6e001");
});
