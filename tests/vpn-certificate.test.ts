/**
 * Certificate-based authentication and logs that never expire, on an edited dev stack (one program
 * run): the gateway carries its ACM certificate ARN, the connection's tunnels get no pre-shared key
 * (none generated, none sent), the report says so; `retentionDays: never` reaches the log groups as
 * the provider's 0. The component itself refuses a key source that does not match its gateway.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { summariseVpn } from "../plan/report/sections/vpn";
import { byName, ofType, planOk, types, under } from "./harness";
import { item } from "./settings-helpers";

const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f";

let run: CapturedRun;
before(async () => {
  run = await planOk("dev", {
    edit: (c) => {
      item(c, "customerGateways", "cgw-primary").certificateArn = certificateArn;
      (c.vpn as Record<string, unknown>).logging = { retentionDays: "never" };
    },
  });
});

test("the customer gateway carries its certificate ARN", () => {
  assert.equal(byName(run, types.cgw, "cgw-primary").inputs.certificateArn, certificateArn);
});

test("a certificate gateway's tunnels get no pre-shared key: none generated, none sent", () => {
  const vpn1 = byName(run, types.vpn, "vpn-1");
  for (const n of [1, 2]) assert.equal(`tunnel${n}PresharedKey` in vpn1.inputs, false, `tunnel${n}PresharedKey`);
  assert.deepEqual(vpn1.secretInputs, []);
  assert.deepEqual(ofType(run, types.password), [], "no RandomPassword for a certificate tunnel");
  assert.deepEqual(
    run.settings?.vpnConnections[0]?.tunnels.map((t) => t.presharedKey.source),
    ["certificate", "certificate"],
  );
});

test("the report's tunnel rows say the tunnels authenticate with the certificate", () => {
  assert.deepEqual(
    summariseVpn(run).tunnels.map((t) => t.key),
    ["certificate (no pre-shared key)", "certificate (no pre-shared key)"],
  );
  assert.deepEqual(summariseVpn(run).problems, []);
});

test("retentionDays never: the log groups get the provider's 0 (no retention policy, never expire)", () => {
  // The VPN's tunnel log groups (the flow log groups keep their own retention, flowLogs.retentionDays).
  const groups = under(run, "hybrid-network:vpn:SiteToSiteVpn", types.logGroup);
  assert.equal(groups.length, 2);
  for (const g of groups) assert.equal(g.inputs.retentionInDays, 0, g.name);
});
