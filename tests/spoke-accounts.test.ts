/**
 * Multi-account with a network account behind a role: the hub, the TGW routing and the egress VPC
 * use the network account's provider; a spoke without an account too; the other spokes their own.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { byName, childrenOf, ofType, planOk, providerName, types } from "./harness";

let run: CapturedRun;
before(async () => {
  run = await planOk("prod", {
    edit: (c) => {
      (c.accounts as unknown[]).push({
        name: "network",
        accountId: "444444444444",
        roleArn: "arn:aws:iam::444444444444:role/network-deployer",
      });
      c.networkAccount = "network";
    },
  });
});

test("the TGW, its route tables, associations, propagations and routes use the network account's provider", () => {
  assert.equal(providerName(byName(run, types.tgw, "hub")), "aws-network");
  const tgwSide = [types.tgwRouteTable, types.tgwAssociation, types.tgwPropagation, types.tgwRoute].flatMap((t) => ofType(run, t));
  assert.ok(tgwSide.length > 20);
  for (const r of tgwSide) assert.equal(providerName(r), "aws-network", `${r.type} ${r.name}`);
});

test("the egress VPC and the spoke without an account use the network account; the others their own", () => {
  const expected: [string, string, string][] = [
    ["hybrid-network:egress:CentralEgressVpc", "egress", "aws-network"],
    ["hybrid-network:spoke:SpokeVpc", "development", "aws-network"],
    ["hybrid-network:spoke:SpokeVpc", "test", "aws-test"],
    ["hybrid-network:spoke:SpokeVpc", "production", "aws-production"],
  ];
  for (const [type, name, provider] of expected) {
    const children = childrenOf(run, type, name);
    assert.ok(children.length >= 10);
    for (const r of children) assert.equal(providerName(r), provider, `${r.type} ${r.name}`);
  }
});

test("the development attachment is in the TGW's account (default table flags off); the test one is cross-account", () => {
  assert.equal(byName(run, types.vpcAttachment, "development-tgw-attachment").inputs.transitGatewayDefaultRouteTablePropagation, false);
  assert.equal(byName(run, types.vpcAttachment, "test-tgw-attachment").inputs.transitGatewayDefaultRouteTablePropagation, undefined);
});
