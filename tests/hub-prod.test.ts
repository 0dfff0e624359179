/** The hub on the prod stack: segments, RAM share to the spoke accounts, protection. */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { byName, ofType, planOk, types, first } from "./harness";

let prod: CapturedRun;
before(async () => {
  prod = await planOk("prod");
});

test("prod: a route table per segment plus on-prem", () => {
  const hub = byName(prod, "hybrid-network:hub:TransitGatewayHub", "hub");
  assert.deepEqual(
    ofType(prod, types.tgwRouteTable)
      .filter((t) => t.parent === hub.urn)
      .map((t) => t.name)
      .sort(),
    ["hub-development", "hub-onprem", "hub-production", "hub-test"],
  );
});

test("prod: TGW shared through RAM with each configured principal, auto-accepting attachments", () => {
  const tgw = byName(prod, types.tgw, "hub");
  const share = first(ofType(prod, types.ramShare));
  assert.equal(share.inputs.allowExternalPrincipals, false);
  const assoc = first(ofType(prod, types.ramResource));
  assert.equal(assoc.inputs.resourceArn, tgw.outputs.arn);
  assert.equal(assoc.inputs.resourceShareArn, share.outputs.arn);
  assert.deepEqual(
    ofType(prod, types.ramPrincipal)
      .map((p) => p.inputs.principal)
      .sort(),
    ["222222222222", "333333333333"],
  );
});

test("prod: the TGW is protected", () => {
  assert.equal(byName(prod, types.tgw, "hub").protect, true);
});
