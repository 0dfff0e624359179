/**
 * The spokes on the prod stack (later state): development with egress through on-prem, test and
 * production in their own accounts with central egress, protected attachments.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { spokesSection } from "../plan/report/sections/spokes";
import { byId, byName, childrenOf, entry, ofType, planOk, providerName, types } from "./harness";

const spokeType = "hybrid-network:spoke:SpokeVpc";
const spokeAzs: Record<string, string[]> = {
  development: ["eu-west-1a", "eu-west-1b"],
  test: ["eu-west-1a", "eu-west-1b"],
  production: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
};

let prod: CapturedRun;
let spoke: (name: string, type?: string) => CapturedResource[];
before(async () => {
  prod = await planOk("prod");
  spoke = (name, type) => childrenOf(prod, spokeType, name, type);
});

/** Names of the TGW route tables an attachment is associated with / propagates into. */
function tablesOf(type: string, attachmentId: string): string[] {
  return ofType(prod, type)
    .filter((r) => r.inputs.transitGatewayAttachmentId === attachmentId)
    .map((r) => byId(prod, r.inputs.transitGatewayRouteTableId)?.name ?? "?")
    .sort();
}

function tgwRoutesOf(table: string): CapturedResource[] {
  const id = byName(prod, types.tgwRouteTable, table).id;
  return ofType(prod, types.tgwRoute).filter((r) => r.inputs.transitGatewayRouteTableId === id);
}

test("prod: a private and a /28 TGW subnet per AZ in every spoke; the attachment on exactly the /28 subnets", () => {
  for (const [name, azs] of Object.entries(spokeAzs)) {
    const subnets = spoke(name, types.subnet).map((s) => s.name);
    assert.deepEqual(subnets.sort(), [...azs.map((az) => `${name}-private-${az}`), ...azs.map((az) => `${name}-tgw-${az}`)].sort());
    for (const s of spoke(name, types.subnet).filter((s) => s.name.includes("-tgw-"))) assert.match(String(s.inputs.cidrBlock), /\/28$/);
    const attachment = byName(prod, types.vpcAttachment, `${name}-tgw-attachment`);
    assert.deepEqual(
      (attachment.inputs.subnetIds as string[]).map((id) => byId(prod, id)?.name),
      azs.map((az) => `${name}-tgw-${az}`),
    );
  }
});

test("prod: development switched to egress onprem: no NAT gateway, public subnet, EIP or internet gateway; 0.0.0.0/0 to the TGW", () => {
  for (const type of [types.nat, types.eip, types.igw]) assert.equal(spoke("development", type).length, 0, type);
  assert.ok(!spoke("development", types.subnet).some((s) => s.name.includes("public")));
  assert.ok(!spoke("development", types.routeTable).some((s) => s.name.includes("public")));
  const tgw = byName(prod, types.tgw, "hub");
  for (const az of entry(spokeAzs, "development", "spoke")) {
    const route = byName(prod, types.route, `development-private-${az}-default`);
    assert.equal(route.inputs.destinationCidrBlock, "0.0.0.0/0");
    assert.equal(route.inputs.transitGatewayId, tgw.id);
    assert.equal(route.inputs.natGatewayId, undefined);
  }
});

test("prod: development's default route is learned over BGP: no static 0.0.0.0/0, every VPN attachment propagates into its table", () => {
  assert.ok(!tgwRoutesOf("hub-development").some((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0"));
  const vpnAttachments = ofType(prod, types.vpn).map((v) => v.outputs.transitGatewayAttachmentId as string);
  assert.equal(vpnAttachments.length, 4);
  for (const id of vpnAttachments)
    assert.ok(tablesOf(types.tgwPropagation, id).includes("hub-development"), `VPN ${id} into hub-development`);
});

test("prod: test and production (egress central): no NAT, 0.0.0.0/0 to the TGW, their table's 0.0.0.0/0 to the egress VPC", () => {
  const egressAttachment = byName(prod, types.vpcAttachment, "egress-tgw-attachment");
  for (const name of ["test", "production"]) {
    for (const type of [types.nat, types.eip, types.igw]) assert.equal(spoke(name, type).length, 0, `${name} ${type}`);
    for (const az of entry(spokeAzs, name, "spoke"))
      assert.ok(byName(prod, types.route, `${name}-private-${az}-default`).inputs.transitGatewayId);
    const defaults = tgwRoutesOf(`hub-${name}`).filter((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0");
    assert.equal(defaults.length, 1);
    const [defaultRoute] = defaults;
    assert.equal(defaultRoute?.inputs.transitGatewayAttachmentId, egressAttachment.id);
    assert.equal(defaultRoute?.inputs.blackhole, undefined);
  }
});

test("prod: workload subnets route exactly the spoke's on-prem zones (and 0.0.0.0/0) to the TGW", () => {
  const expected: Record<string, string[]> = {
    development: ["0.0.0.0/0", "10.100.0.0/16", "10.101.0.0/16", "10.102.0.0/16", "10.103.0.0/16"],
    test: ["0.0.0.0/0", "10.101.0.0/16", "10.102.0.0/16", "10.103.0.0/16"],
    production: ["0.0.0.0/0", "10.101.0.0/16", "10.110.0.0/16", "10.111.0.0/16"],
  };
  for (const [name, azs] of Object.entries(spokeAzs)) {
    for (const az of azs) {
      const table = byName(prod, types.routeTable, `${name}-private-${az}`);
      const dests = spoke(name, types.route)
        .filter((r) => r.inputs.routeTableId === table.id)
        .map((r) => r.inputs.destinationCidrBlock)
        .sort();
      assert.deepEqual(dests, expected[name], `${name} ${az}`);
    }
  }
});

test("prod: each spoke associates with its own segment table and propagates only into it, the on-prem table and (central) the egress table", () => {
  const expected: Record<string, string[]> = {
    development: ["hub-development", "hub-onprem"],
    test: ["hub-egress-vpc", "hub-onprem", "hub-test"],
    production: ["hub-egress-vpc", "hub-onprem", "hub-production"],
  };
  for (const name of Object.keys(spokeAzs)) {
    const id = byName(prod, types.vpcAttachment, `${name}-tgw-attachment`).id;
    assert.deepEqual(tablesOf(types.tgwAssociation, id), [`hub-${name}`]);
    assert.deepEqual(tablesOf(types.tgwPropagation, id), expected[name]);
  }
});

test("prod: segment tables blackhole the on-prem zones they may not reach and the other segments' spokes", () => {
  const blackholes = (table: string) =>
    tgwRoutesOf(table)
      .filter((r) => r.inputs.blackhole === true)
      .map((r) => r.inputs.destinationCidrBlock)
      .sort();
  assert.deepEqual(blackholes("hub-development"), ["10.110.0.0/16", "10.111.0.0/16", "10.30.0.0/16", "10.40.0.0/16"]);
  assert.deepEqual(blackholes("hub-test"), ["10.100.0.0/16", "10.110.0.0/16", "10.111.0.0/16", "10.20.0.0/16", "10.40.0.0/16"]);
  assert.deepEqual(blackholes("hub-production"), ["10.100.0.0/16", "10.102.0.0/16", "10.103.0.0/16", "10.20.0.0/16", "10.30.0.0/16"]);
  assert.deepEqual(tgwRoutesOf("hub-onprem"), []);
});

test("prod: VPC, subnets, routes and attachment in the spoke's account; TGW routing in the network account", () => {
  const expected: Record<string, string> = { development: "", test: "aws-test", production: "aws-production" };
  for (const [name, provider] of Object.entries(expected)) {
    const children = spoke(name).filter((r) => r.custom);
    assert.ok(children.length >= 10);
    for (const r of children) assert.equal(providerName(r), provider, `${r.type} ${r.name}`);
  }
  const tgwSide = [types.tgwAssociation, types.tgwPropagation, types.tgwRoute, types.tgwRouteTable].flatMap((t) => ofType(prod, t));
  assert.ok(tgwSide.length > 20);
  for (const r of tgwSide) assert.equal(providerName(r), "", `${r.type} ${r.name}`);
  assert.equal(providerName(byName(prod, types.vpc, "egress-vpc")), "");
});

test("prod: attachments in another account wait for the RAM share and leave the default table flags to the TGW", () => {
  const principals = ofType(prod, types.ramPrincipal).map((p) => p.urn);
  assert.equal(principals.length, 2);
  for (const name of ["test", "production"]) {
    const attachment = byName(prod, types.vpcAttachment, `${name}-tgw-attachment`);
    for (const urn of principals) assert.ok(attachment.dependencies.includes(urn), `${name} attachment waits for ${urn}`);
    assert.equal(attachment.inputs.transitGatewayDefaultRouteTableAssociation, undefined);
  }
  const dev = byName(prod, types.vpcAttachment, "development-tgw-attachment");
  assert.equal(dev.inputs.transitGatewayDefaultRouteTableAssociation, false);
});

test("prod: every TGW attachment is protected", () => {
  const attachments = ofType(prod, types.vpcAttachment);
  assert.deepEqual(attachments.map((a) => a.name).sort(), [
    "development-tgw-attachment",
    "egress-tgw-attachment",
    "production-tgw-attachment",
    "test-tgw-attachment",
  ]);
  for (const a of attachments) assert.equal(a.protect, true, a.name);
});

test("prod: only development admits corporate clients", () => {
  assert.deepEqual(
    ofType(prod, types.ingressRule)
      .map((r) => r.name)
      .sort(),
    ["development-ingress-10-100-0-0-16-tcp-22", "development-ingress-10-100-0-0-16-tcp-3389", "development-ingress-10-100-0-0-16-tcp-443"],
  );
  assert.equal(ofType(prod, types.securityGroup).length, 1);
});

test("prod: the report shows each spoke's account, egress and segment routing", () => {
  const section = spokesSection(prod);
  assert.ok(section);
  assert.match(section.markdown, /### test \(10\.30\.0\.0\/16, account aws-test\)/);
  assert.match(section.markdown, /egress: central \(egress\)/);
  assert.match(section.markdown, /egress: onprem \(learned over BGP\)/);
  assert.match(section.markdown, /default route learned over BGP from 4 VPN attachments/);
});

test("prod: every TGW route is replaced by deleting first (one route per prefix per table)", () => {
  const routes = ofType(prod, types.tgwRoute).filter((r) => r.parent.includes("SegmentRouting"));
  assert.ok(routes.length > 0);
  for (const r of routes) assert.equal(r.deleteBeforeReplace, true, r.name);
  assert.ok(routes.some((r) => r.name === "test-default" && r.inputs.destinationCidrBlock === "0.0.0.0/0"));
});
