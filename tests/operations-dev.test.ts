/**
 * Operations on the dev stack, as registered: a flow log for the development VPC and for the TGW
 * into their own CloudWatch Logs groups through least-privilege roles, the dashboard (every tunnel
 * and attachment with the right metric and dimensions, read back from the body the program
 * registered), and the blackhole-drop alarm of the development attachment.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { summariseOperations } from "../plan/report/sections/operations";
import { byName, childrenOf, ofType, planOk, types } from "./harness";

let dev: CapturedRun;
before(async () => {
  dev = await planOk("dev");
});

const flowLogs = "hybrid-network:observability:FlowLogs";
const json = (r: CapturedResource, input: string): unknown => JSON.parse(String(r.inputs[input]));

test("dev: a flow log of the development VPC into its own log group, all traffic, 600 s records", () => {
  const vpc = byName(dev, types.vpc, "development-vpc");
  const children = childrenOf(dev, flowLogs, "development-vpc-flow-logs");
  assert.deepEqual(children.map((r) => r.type).sort(), [types.logGroup, types.flowLog, types.iamRole, types.iamRolePolicy].sort());
  const group = byName(dev, types.logGroup, "development-vpc-flow-logs");
  assert.equal(group.inputs.name, "/hybrid-network/dev/flow-logs/vpc/development");
  assert.equal(group.inputs.retentionInDays, 90);
  assert.equal(group.inputs.kmsKeyId, undefined);
  const role = byName(dev, types.iamRole, "development-vpc-flow-logs");
  const flowLog = byName(dev, types.flowLog, "development-vpc-flow-logs");
  const { tags: _tags, ...inputs } = flowLog.inputs;
  assert.deepEqual(inputs, {
    vpcId: vpc.id,
    trafficType: "ALL",
    maxAggregationInterval: 600,
    logDestinationType: "cloud-watch-logs",
    logDestination: group.outputs.arn,
    iamRoleArn: role.outputs.arn,
  });
});

test("dev: the delivery role trusts only the flow logs service of its own account, and writes only its group", () => {
  for (const name of ["development-vpc-flow-logs", "hub-tgw-flow-logs"]) {
    const group = byName(dev, types.logGroup, name);
    const arn = String(group.outputs.arn);
    assert.match(arn, /^arn:aws:logs:eu-west-1:111111111111:log-group:\/hybrid-network\/dev\/flow-logs\//);
    const role = byName(dev, types.iamRole, name);
    assert.deepEqual(json(role, "assumeRolePolicy"), {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "vpc-flow-logs.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "111111111111" },
            ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:111111111111:vpc-flow-log/*" },
          },
        },
      ],
    });
    const policy = byName(dev, types.iamRolePolicy, name);
    assert.equal(policy.inputs.role, role.id);
    assert.deepEqual(json(policy, "policy"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "WriteTheFlowLogGroup",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [arn, `${arn}:*`],
        },
        {
          Sid: "ListLogGroups",
          Effect: "Allow",
          Action: "logs:DescribeLogGroups",
          Resource: "arn:aws:logs:eu-west-1:111111111111:log-group:*",
        },
      ],
    });
    // The flow log starts once the role may write.
    assert.ok(byName(dev, types.flowLog, name).dependencies.includes(policy.urn), `${name} waits for its role policy`);
  }
});

test("dev: the TGW flow log records every flow at 60 s, in the network account", () => {
  const tgw = byName(dev, types.tgw, "hub");
  const flowLog = byName(dev, types.flowLog, "hub-tgw-flow-logs");
  assert.equal(flowLog.inputs.transitGatewayId, tgw.id);
  assert.equal(flowLog.inputs.maxAggregationInterval, 60);
  assert.equal(flowLog.inputs.trafficType, undefined);
  assert.equal(flowLog.inputs.vpcId, undefined);
  assert.equal(byName(dev, types.logGroup, "hub-tgw-flow-logs").inputs.name, "/hybrid-network/dev/flow-logs/transit-gateway/hub");
  assert.equal(ofType(dev, types.flowLog).length, 2);
});

type Line = (string | { label: string; stat: string })[];
interface Widget {
  type: string;
  properties: { title: string; region: string; period: number; metrics: Line[] };
}

test("dev: the dashboard plots both tunnels' state and data, and every attachment's bytes and drops", () => {
  const dashboard = byName(dev, types.dashboard, "network-dashboard");
  assert.equal(dashboard.inputs.dashboardName, "hybrid-network-dev");
  const widgets = (json(dashboard, "dashboardBody") as { widgets: Widget[] }).widgets;
  const lines = (metric: string) => widgets.flatMap((w) => w.properties.metrics.filter((m) => m[1] === metric).map((m) => ({ w, m })));
  const vpn = byName(dev, types.vpn, "vpn-1");
  for (const metric of ["TunnelState", "TunnelDataIn", "TunnelDataOut"]) {
    assert.deepEqual(
      lines(metric).map(({ m }) => m.slice(0, 6)),
      [1, 2].map((n) => ["AWS/VPN", metric, "VpnId", vpn.id, "TunnelIpAddress", vpn.outputs[`tunnel${n}Address`]]),
      metric,
    );
  }
  const tgw = byName(dev, types.tgw, "hub");
  const attachments = [byName(dev, types.vpcAttachment, "development-tgw-attachment").id, vpn.outputs.transitGatewayAttachmentId];
  for (const metric of ["BytesIn", "BytesOut", "PacketDropCountBlackhole", "PacketDropCountNoRoute"]) {
    assert.deepEqual(
      lines(metric).map(({ m }) => m.slice(0, 6)),
      attachments.map((id) => ["AWS/TransitGateway", metric, "TransitGateway", tgw.id, "TransitGatewayAttachment", id]),
      metric,
    );
  }
  assert.deepEqual(
    lines("TunnelState").map(({ m }) => m[6]),
    [
      { label: "vpn-1 tunnel 1", stat: "Minimum" },
      { label: "vpn-1 tunnel 2", stat: "Minimum" },
    ],
  );
  for (const w of widgets) {
    assert.equal(w.type, "metric");
    assert.equal(w.properties.region, "eu-west-1");
    assert.equal(w.properties.period, 300);
  }
  assert.equal(widgets.length, 7);
});

test("dev: a blackhole-drop alarm on the development attachment notifies the alarm topic", () => {
  const [topic] = ofType(dev, types.topic);
  const alarm = byName(dev, types.alarm, "development-blackhole-drops");
  const { tags: _tags, alarmDescription: _description, ...inputs } = alarm.inputs;
  assert.deepEqual(inputs, {
    namespace: "AWS/TransitGateway",
    metricName: "PacketDropCountBlackhole",
    dimensions: {
      TransitGateway: byName(dev, types.tgw, "hub").id,
      TransitGatewayAttachment: byName(dev, types.vpcAttachment, "development-tgw-attachment").id,
    },
    statistic: "Sum",
    period: 300,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    treatMissingData: "notBreaching",
    alarmActions: [topic?.outputs.arn],
    okActions: [topic?.outputs.arn],
  });
});

test("dev: no subscription, no RAM accepter; the operations report has no problem and says where the logs go", () => {
  assert.equal(ofType(dev, types.topicSubscription).length, 0);
  assert.equal(ofType(dev, types.ramAccepter).length, 0);
  const s = summariseOperations(dev);
  assert.deepEqual(s.problems, []);
  assert.deepEqual(
    s.flowLogs.map((f) => [f.of, f.account, f.destination, f.retentionDays]),
    [
      ["vpc development-vpc", "default", "/hybrid-network/dev/flow-logs/vpc/development", 90],
      ["tgw hub", "default", "/hybrid-network/dev/flow-logs/transit-gateway/hub", 90],
    ],
  );
  assert.deepEqual(dev.outputs.operations, {
    flowLogs: {
      vpcs: { development: byName(dev, types.logGroup, "development-vpc-flow-logs").outputs.arn },
      transitGateway: byName(dev, types.logGroup, "hub-tgw-flow-logs").outputs.arn,
    },
    dashboardName: "hybrid-network-dev",
    alarmSubscriptions: {},
    shareAccepters: {},
  });
});

test("the operations check fails a run where a VPC has no flow log or the dashboard leaves out a tunnel", () => {
  const broken: CapturedRun = {
    ...dev,
    resources: dev.resources
      .filter((r) => r.name !== "development-vpc-flow-logs")
      .map((r) =>
        r.type === types.dashboard
          ? { ...r, inputs: { ...r.inputs, dashboardBody: String(r.inputs.dashboardBody).replaceAll('"TunnelState"', '"Other"') } }
          : r,
      ),
  };
  const problems = summariseOperations(broken).problems;
  assert.ok(problems.includes("VPC development-vpc has no flow log"), problems.join("; "));
  assert.ok(problems.includes("dashboard network-dashboard: no TunnelState line for vpn-1 tunnel 1"), problems.join("; "));
});
