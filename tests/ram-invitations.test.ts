/**
 * Cross-account spokes outside one organization: with `hub.shareScope: invitations`, the test
 * account (listed by id in the share) accepts the RAM invitation through its own provider, after the
 * principal association that sends it, and its TGW attachment waits for the acceptance. The
 * production account, reached through an OU principal, needs no accepter.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { summariseOperations } from "../plan/report/sections/operations";
import { byName, ofType, parentOf, planOk, providerName, types } from "./harness";

const ou = "arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-cdefgh34";
let run: CapturedRun;
before(async () => {
  run = await planOk("prod", {
    edit: (c) =>
      Object.assign(c.hub as object, { shareScope: "invitations", allowExternalPrincipals: true, sharePrincipals: ["222222222222", ou] }),
  });
});

test("one accepter, in the invited account, for the hub's share", () => {
  const accepters = ofType(run, types.ramAccepter);
  assert.deepEqual(
    accepters.map((a) => [a.name, providerName(a)]),
    [["hub-share-accept-test", "aws-test"]],
  );
  const [accepter] = accepters;
  assert.ok(accepter);
  assert.equal(parentOf(run, accepter)?.type, "hybrid-network:hub:TransitGatewayShareAccepter");
  const [share] = ofType(run, types.ramShare);
  assert.equal(accepter.inputs.shareArn, share?.outputs.arn);
  assert.equal(share?.inputs.allowExternalPrincipals, true);
});

test("the accepter waits for the principal association that sends the invitation", () => {
  const accepter = byName(run, types.ramAccepter, "hub-share-accept-test");
  const invitation = ofType(run, types.ramPrincipal).find((p) => p.inputs.principal === "222222222222");
  assert.ok(invitation);
  assert.ok(accepter.dependencies.includes(invitation.urn), "accepter waits for the invitation");
});

test("the invited account's attachment waits for the acceptance; the OU-covered and same-account ones do not", () => {
  const accepter = byName(run, types.ramAccepter, "hub-share-accept-test");
  const attachment = (spoke: string) => byName(run, types.vpcAttachment, `${spoke}-tgw-attachment`);
  assert.ok(attachment("test").dependencies.includes(accepter.urn), "test attachment waits for the accepter");
  for (const spoke of ["production", "development"]) {
    assert.ok(!attachment(spoke).dependencies.includes(accepter.urn), `${spoke} attachment does not wait for the test account's accepter`);
  }
  // Both cross-account attachments still wait for the whole share (its principal associations).
  for (const spoke of ["test", "production"]) {
    for (const p of ofType(run, types.ramPrincipal))
      assert.ok(attachment(spoke).dependencies.includes(p.urn), `${spoke} waits for ${p.name}`);
  }
});

test("the accepter shows in the outputs and the operations report", () => {
  assert.deepEqual((run.outputs.operations as { shareAccepters: unknown }).shareAccepters, { test: "ACCEPTED" });
  assert.deepEqual(summariseOperations(run).shareAccepters, [{ name: "hub-share-accept-test", account: "aws-test" }]);
});
