/**
 * Operations choices away from the defaults, on the dev stack: flow logs to an existing S3 bucket
 * (no role, no log group), rejected traffic only at 60 s, no TGW flow log, no dashboard, no
 * blackhole-drop alarms, and an existing alarm topic (which gets no subscription).
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { summariseOperations } from "../plan/report/sections/operations";
import { byName, childrenOf, ofType, planOk, types } from "./harness";

const bucket = "arn:aws:s3:::network-flow-logs/dev";
let run: CapturedRun;
before(async () => {
  run = await planOk("dev", {
    edit: (c) => {
      c.flowLogs = {
        destination: "s3",
        s3BucketArn: bucket,
        trafficType: "REJECT",
        maxAggregationIntervalSeconds: 60,
        transitGateway: false,
      };
      c.monitoring = { dashboard: { enabled: false }, blackholeAlarms: { enabled: false } };
      (c.vpn as { alarms: unknown }).alarms = { snsTopicArn: "arn:aws:sns:eu-west-1:111111111111:network-oncall" };
    },
  });
});

test("S3: the flow log writes to the bucket directly; no role, no log group", () => {
  const children = childrenOf(run, "hybrid-network:observability:FlowLogs", "development-vpc-flow-logs");
  assert.deepEqual(
    children.map((r) => r.type),
    [types.flowLog],
  );
  const { tags: _tags, ...inputs } = byName(run, types.flowLog, "development-vpc-flow-logs").inputs;
  assert.deepEqual(inputs, {
    vpcId: byName(run, types.vpc, "development-vpc").id,
    trafficType: "REJECT",
    maxAggregationInterval: 60,
    logDestinationType: "s3",
    logDestination: bucket,
  });
  assert.equal(ofType(run, types.iamRole).length, 0);
  // The VPN's tunnel log groups remain; no flow log group.
  assert.deepEqual(
    ofType(run, types.logGroup).map((g) => g.name),
    ["vpn-1-tunnel1-logs", "vpn-1-tunnel2-logs"],
  );
});

test("no TGW flow log, dashboard, blackhole alarm or subscription when turned off or not owned", () => {
  assert.equal(ofType(run, types.flowLog).length, 1);
  assert.equal(ofType(run, types.dashboard).length, 0);
  assert.equal(ofType(run, types.topicSubscription).length, 0);
  assert.deepEqual(
    ofType(run, types.alarm).filter((a) => a.inputs.metricName !== "TunnelState"),
    [],
  );
  assert.deepEqual(run.outputs.operations, {
    flowLogs: { vpcs: { development: bucket }, transitGateway: null },
    dashboardName: null,
    alarmSubscriptions: {},
    shareAccepters: {},
  });
  const s = summariseOperations(run);
  assert.deepEqual(s.problems, []);
  assert.deepEqual(
    s.flowLogs.map((f) => [f.of, f.destinationType, f.destination, f.role]),
    [["vpc development-vpc", "s3", bucket, ""]],
  );
});
