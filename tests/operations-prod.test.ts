/**
 * Operations on the prod stack: each VPC's flow log, role and log group in the VPC's own account
 * (the spokes' through their accounts' providers), a year's retention, the dashboard covering the
 * eight tunnels and eight attachments, the on-call address subscribed to the created alarm topic,
 * and a blackhole-drop alarm per spoke attachment (not the egress VPC's).
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { summariseOperations } from "../plan/report/sections/operations";
import { byName, childrenOf, ofType, planOk, providerName, types } from "./harness";

let prod: CapturedRun;
before(async () => {
  prod = await planOk("prod");
});

const flowLogs = "hybrid-network:observability:FlowLogs";
const vpcs: [string, string, string][] = [
  ["development", "", "111111111111"],
  ["test", "aws-test", "222222222222"],
  ["production", "aws-production", "333333333333"],
  ["egress", "", "111111111111"],
];

test("prod: every VPC's flow log, role and log group live in the VPC's account", () => {
  for (const [vpc, provider, account] of vpcs) {
    const name = `${vpc}-vpc-flow-logs`;
    const children = childrenOf(prod, flowLogs, name);
    assert.equal(children.length, 4, name);
    for (const r of children) assert.equal(providerName(r), provider, `${r.type} ${r.name}`);
    assert.equal(providerName(byName(prod, types.vpc, `${vpc}-vpc`)), provider);
    const flowLog = byName(prod, types.flowLog, name);
    assert.equal(flowLog.inputs.vpcId, byName(prod, types.vpc, `${vpc}-vpc`).id);
    const group = byName(prod, types.logGroup, name);
    assert.equal(group.inputs.retentionInDays, 365);
    assert.match(
      String(group.outputs.arn),
      new RegExp(`^arn:aws:logs:eu-west-1:${account}:log-group:/hybrid-network/prod/flow-logs/vpc/${vpc}$`),
    );
    const trust = JSON.parse(String(byName(prod, types.iamRole, name).inputs.assumeRolePolicy)) as {
      Statement: { Condition: { StringEquals: Record<string, string>; ArnLike: Record<string, string> } }[];
    };
    assert.deepEqual(trust.Statement[0]?.Condition, {
      StringEquals: { "aws:SourceAccount": account },
      ArnLike: { "aws:SourceArn": `arn:aws:ec2:eu-west-1:${account}:vpc-flow-log/*` },
    });
  }
  assert.equal(providerName(byName(prod, types.flowLog, "hub-tgw-flow-logs")), "");
  assert.equal(ofType(prod, types.flowLog).length, 5);
});

test("prod: the dashboard covers the eight tunnels and eight attachments", () => {
  const s = summariseOperations(prod);
  assert.deepEqual(s.problems, []);
  const [dashboard] = s.dashboards;
  assert.equal(dashboard?.name, "hybrid-network-prod");
  assert.deepEqual(
    dashboard?.widgets.map((w) => w.lines),
    [8, 8, 8, 8, 8, 8, 8],
  );
  const body = String(byName(prod, types.dashboard, "network-dashboard").inputs.dashboardBody);
  for (const a of ofType(prod, types.vpcAttachment)) assert.ok(body.includes(`"${a.id}"`), a.name);
  for (const v of ofType(prod, types.vpn)) {
    assert.ok(body.includes(`"${String(v.outputs.transitGatewayAttachmentId)}"`), v.name);
    for (const n of [1, 2]) assert.ok(body.includes(`"${String(v.outputs[`tunnel${n}Address`])}"`), `${v.name} tunnel ${n}`);
  }
});

test("prod: the on-call address is subscribed to the created alarm topic", () => {
  const [topic] = ofType(prod, types.topic);
  const subscriptions = ofType(prod, types.topicSubscription);
  assert.deepEqual(
    subscriptions.map((s) => [s.name, s.inputs.topic, s.inputs.protocol, s.inputs.endpoint, providerName(s)]),
    [["alarm-subscriptions-network-oncall", topic?.outputs.arn, "email", "network-oncall@example.com", ""]],
  );
  assert.deepEqual(prod.outputs.operations && (prod.outputs.operations as { alarmSubscriptions: unknown }).alarmSubscriptions, {
    "network-oncall": subscriptions[0]?.outputs.arn,
  });
});

test("prod: a blackhole-drop alarm per spoke attachment, in the network account, notifying the topic", () => {
  const [topic] = ofType(prod, types.topic);
  const alarms = ofType(prod, types.alarm).filter((a) => a.inputs.metricName === "PacketDropCountBlackhole");
  assert.deepEqual(
    alarms.map((a) => a.name),
    ["development-blackhole-drops", "test-blackhole-drops", "production-blackhole-drops"],
  );
  for (const a of alarms) {
    const spoke = a.name.replace("-blackhole-drops", "");
    assert.deepEqual(a.inputs.dimensions, {
      TransitGateway: byName(prod, types.tgw, "hub").id,
      TransitGatewayAttachment: byName(prod, types.vpcAttachment, `${spoke}-tgw-attachment`).id,
    });
    assert.deepEqual(a.inputs.alarmActions, [topic?.outputs.arn]);
    assert.equal(providerName(a), "");
  }
});

test("prod: the share reaches the spoke accounts within the organization: no accepter", () => {
  assert.equal(ofType(prod, types.ramAccepter).length, 0);
});
