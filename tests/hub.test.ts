/** The Transit Gateway hub component, on both real stacks. */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { byName, ofType, parentOf, planOk, types, first } from "./harness";

let dev: CapturedRun;
before(async () => {
  dev = await planOk("dev");
});

test("dev: one TGW with explicit association/propagation, ECMP, DNS and the configured ASN", () => {
  const tgw = first(ofType(dev, types.tgw));
  assert.equal(ofType(dev, types.tgw).length, 1);
  assert.equal(tgw.name, "hub");
  assert.equal(tgw.inputs.amazonSideAsn, 64512);
  assert.equal(tgw.inputs.defaultRouteTableAssociation, "disable");
  assert.equal(tgw.inputs.defaultRouteTablePropagation, "disable");
  assert.equal(tgw.inputs.vpnEcmpSupport, "enable");
  assert.equal(tgw.inputs.dnsSupport, "enable");
  assert.equal(tgw.inputs.autoAcceptSharedAttachments, "enable");
  assert.equal(parentOf(dev, tgw)?.type, "hybrid-network:hub:TransitGatewayHub");
});

test("dev: route tables for on-prem and each segment, named from config, on the hub's TGW", () => {
  const tables = ofType(dev, types.tgwRouteTable)
    .map((t) => t.name)
    .sort();
  assert.deepEqual(tables, ["hub-development", "hub-onprem"]);
  const tgw = byName(dev, types.tgw, "hub");
  for (const t of ofType(dev, types.tgwRouteTable)) assert.equal(t.inputs.transitGatewayId, tgw.id);
});

test("dev: no RAM share without principals; hub not protected", () => {
  assert.equal(ofType(dev, types.ramShare).length, 0);
  assert.equal(byName(dev, types.tgw, "hub").protect, false);
});

test("dev: stack outputs carry the TGW id and route table ids", () => {
  const tgw = byName(dev, types.tgw, "hub");
  assert.equal(dev.outputs.transitGatewayId, tgw.id);
  assert.deepEqual(Object.keys(dev.outputs.routeTableIds as object).sort(), ["development", "onprem"]);
});
