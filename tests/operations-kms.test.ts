/**
 * Encrypted flow log groups on the prod stack: the configured KMS key on every VPC's and the TGW's
 * log group, in every account; a named dashboard; blackhole-drop alarms over 1-minute periods.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { byName, ofType, planOk, types } from "./harness";

const key = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
let run: CapturedRun;
before(async () => {
  run = await planOk("prod", {
    edit: (c) => {
      (c.flowLogs as Record<string, unknown>).kmsKeyArn = key;
      c.monitoring = { dashboard: { name: "network-operations" }, blackholeAlarms: { periodSeconds: 60, evaluationPeriods: 5 } };
    },
  });
});

test("the KMS key encrypts every flow log group, and only those", () => {
  const flowLogGroups = ofType(run, types.logGroup).filter((g) => g.name.endsWith("-flow-logs"));
  assert.deepEqual(flowLogGroups.map((g) => g.name).sort(), [
    "development-vpc-flow-logs",
    "egress-vpc-flow-logs",
    "hub-tgw-flow-logs",
    "production-vpc-flow-logs",
    "test-vpc-flow-logs",
  ]);
  for (const g of flowLogGroups) assert.equal(g.inputs.kmsKeyId, key, g.name);
  for (const g of ofType(run, types.logGroup).filter((g) => !g.name.endsWith("-flow-logs")))
    assert.equal(g.inputs.kmsKeyId, undefined, g.name);
});

test("the dashboard takes the configured name; the alarms the configured window", () => {
  assert.equal(byName(run, types.dashboard, "network-dashboard").inputs.dashboardName, "network-operations");
  const alarms = ofType(run, types.alarm).filter((a) => a.inputs.metricName === "PacketDropCountBlackhole");
  assert.equal(alarms.length, 3);
  for (const a of alarms) assert.deepEqual([a.inputs.period, a.inputs.evaluationPeriods], [60, 5], a.name);
});
