/** The central egress VPC on the prod stack: NAT per AZ, appliance mode, return routes, its TGW table. */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { byId, byName, childrenOf, ofType, planOk, providerName, types, first } from "./harness";

const egressType = "hybrid-network:egress:CentralEgressVpc";
const azs = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

let prod: CapturedRun;
let egress: (type?: string) => CapturedResource[];
before(async () => {
  prod = await planOk("prod");
  egress = (type) => childrenOf(prod, egressType, "egress", type);
});

test("egress VPC: per AZ a public subnet and a /28 TGW subnet, no workload subnet", () => {
  const vpc = byName(prod, types.vpc, "egress-vpc");
  assert.equal(vpc.inputs.cidrBlock, "10.250.0.0/22");
  assert.deepEqual(
    egress(types.subnet)
      .map((s) => [s.name, s.inputs.cidrBlock, s.inputs.availabilityZone])
      .sort(),
    [
      ["egress-public-eu-west-1a", "10.250.2.0/26", "eu-west-1a"],
      ["egress-public-eu-west-1b", "10.250.2.64/26", "eu-west-1b"],
      ["egress-public-eu-west-1c", "10.250.2.128/26", "eu-west-1c"],
      ["egress-tgw-eu-west-1a", "10.250.3.0/28", "eu-west-1a"],
      ["egress-tgw-eu-west-1b", "10.250.3.16/28", "eu-west-1b"],
      ["egress-tgw-eu-west-1c", "10.250.3.32/28", "eu-west-1c"],
    ],
  );
});

test("egress VPC: attached in appliance mode on its /28 subnets, protected, in the network account", () => {
  const attachment = byName(prod, types.vpcAttachment, "egress-tgw-attachment");
  assert.equal(attachment.inputs.applianceModeSupport, "enable");
  assert.equal(attachment.inputs.transitGatewayId, byName(prod, types.tgw, "hub").id);
  assert.deepEqual(
    (attachment.inputs.subnetIds as string[]).map((id) => byId(prod, id)?.name),
    azs.map((az) => `egress-tgw-${az}`),
  );
  assert.equal(attachment.protect, true);
  for (const r of egress()) assert.equal(providerName(r), "", r.name);
});

test("egress VPC: an internet gateway and a NAT gateway per AZ; each TGW subnet sends 0.0.0.0/0 to its own AZ's NAT", () => {
  const igw = first(egress(types.igw));
  assert.equal(egress(types.igw).length, 1);
  assert.equal(egress(types.nat).length, 3);
  for (const az of azs) {
    const nat = byName(prod, types.nat, `egress-nat-${az}`);
    assert.equal(byId(prod, nat.inputs.subnetId)?.name, `egress-public-${az}`);
    const table = byName(prod, types.routeTable, `egress-tgw-${az}`);
    const assoc = byName(prod, types.routeTableAssociation, `egress-tgw-${az}`);
    assert.equal(assoc.inputs.routeTableId, table.id);
    assert.equal(byId(prod, assoc.inputs.subnetId)?.name, `egress-tgw-${az}`);
    const routes = ofType(prod, types.route).filter((r) => r.inputs.routeTableId === table.id);
    assert.deepEqual(
      routes.map((r) => [r.inputs.destinationCidrBlock, r.inputs.natGatewayId]),
      [["0.0.0.0/0", nat.id]],
    );
  }
  const publicDefault = byName(prod, types.route, "egress-public-default");
  assert.equal(publicDefault.inputs.gatewayId, igw.id);
});

test("egress VPC: public subnets send every spoke and on-prem range back to the TGW, never to the NAT", () => {
  const table = byName(prod, types.routeTable, "egress-public");
  for (const az of azs) assert.equal(byName(prod, types.routeTableAssociation, `egress-public-${az}`).inputs.routeTableId, table.id);
  const tgw = byName(prod, types.tgw, "hub");
  const back = ofType(prod, types.route).filter((r) => r.inputs.routeTableId === table.id && r.inputs.transitGatewayId === tgw.id);
  assert.deepEqual(back.map((r) => r.inputs.destinationCidrBlock).sort(), [
    "10.100.0.0/16",
    "10.101.0.0/16",
    "10.102.0.0/16",
    "10.103.0.0/16",
    "10.110.0.0/16",
    "10.111.0.0/16",
    "10.20.0.0/16",
    "10.30.0.0/16",
    "10.40.0.0/16",
  ]);
  const attachment = byName(prod, types.vpcAttachment, "egress-tgw-attachment");
  for (const r of back) assert.ok(r.dependencies.includes(attachment.urn), `${r.name} waits for the attachment`);
});

test("egress TGW table: the egress attachment alone is associated; only the central spokes propagate into it; no VPN", () => {
  const table = byName(prod, types.tgwRouteTable, "hub-egress-vpc");
  assert.equal(table.inputs.transitGatewayId, byName(prod, types.tgw, "hub").id);
  assert.equal(providerName(table), "");
  const associated = ofType(prod, types.tgwAssociation).filter((a) => a.inputs.transitGatewayRouteTableId === table.id);
  assert.deepEqual(
    associated.map((a) => byId(prod, a.inputs.transitGatewayAttachmentId)?.name),
    ["egress-tgw-attachment"],
  );
  const egressId = byName(prod, types.vpcAttachment, "egress-tgw-attachment").id;
  assert.deepEqual(
    ofType(prod, types.tgwAssociation)
      .filter((a) => a.inputs.transitGatewayAttachmentId === egressId)
      .map((a) => a.inputs.transitGatewayRouteTableId),
    [table.id],
  );
  const propagated = ofType(prod, types.tgwPropagation)
    .filter((p) => p.inputs.transitGatewayRouteTableId === table.id)
    .map((p) => byId(prod, p.inputs.transitGatewayAttachmentId)?.name ?? "not a VPC attachment")
    .sort();
  assert.deepEqual(propagated, ["production-tgw-attachment", "test-tgw-attachment"]);
  // The egress VPC's own range is not propagated anywhere: nothing routes to it but the default routes.
  assert.equal(ofType(prod, types.tgwPropagation).filter((p) => p.inputs.transitGatewayAttachmentId === egressId).length, 0);
});
