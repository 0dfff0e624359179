/**
 * The operations settings: flow logs, the alarm topic's subscriptions, the dashboard, the
 * blackhole-drop alarms and how the RAM share reaches the spoke accounts. Every rule has a failing
 * case that checks the key path, the rule id and the offending value in the message; the defaults
 * are written once and resolved as documented. Pure: the settings loader on edited stack files.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { issuesOf, item, load } from "./settings-helpers";

type Edit = (c: Record<string, unknown>) => void;
interface Case {
  name: string;
  stack?: "dev" | "prod";
  edit: Edit;
  path: string;
  rule: string;
  message: RegExp;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const flowLogs = (c: Record<string, unknown>): any => (c.flowLogs ??= {});
const monitoring = (c: Record<string, unknown>): any => (c.monitoring ??= {});
const alarms = (c: Record<string, unknown>): any => (c.vpn as any).alarms;
const hub = (c: Record<string, unknown>): any => c.hub;
/* eslint-enable @typescript-eslint/no-explicit-any */
const subscribe = (c: Record<string, unknown>, ...subs: { name: string; protocol: string; endpoint: string }[]) =>
  (alarms(c).subscriptions = subs);
const oncall = { name: "oncall", protocol: "email", endpoint: "oncall@example.com" };
const kmsKey = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const cases: Case[] = [
  // Flow logs.
  {
    name: "flow logs: unknown key",
    edit: (c) => (flowLogs(c).retention = 30),
    path: "flowLogs",
    rule: "unknown-key",
    message: /"retention"/,
  },
  {
    name: "flow logs: unknown destination",
    edit: (c) => (flowLogs(c).destination = "firehose"),
    path: "flowLogs.destination",
    rule: "schema",
    message: /cloud-watch-logs.*s3/,
  },
  {
    name: "flow logs: retention CloudWatch Logs does not take",
    edit: (c) => (flowLogs(c).retentionDays = 100),
    path: "flowLogs.retentionDays",
    rule: "log-retention",
    message: /^100 is not a CloudWatch Logs retention/,
  },
  {
    name: "flow logs: s3 without a bucket",
    edit: (c) => (flowLogs(c).destination = "s3"),
    path: "flowLogs.s3BucketArn",
    rule: "flow-logs-s3-needs-bucket",
    message: /destination is "s3"/,
  },
  {
    name: "flow logs: a bucket with CloudWatch Logs",
    edit: (c) => (flowLogs(c).s3BucketArn = "arn:aws:s3:::network-logs"),
    path: "flowLogs.s3BucketArn",
    rule: "flow-logs-bucket-needs-s3",
    message: /"arn:aws:s3:::network-logs" set with flowLogs.destination "cloud-watch-logs"/,
  },
  {
    name: "flow logs: a KMS key with s3",
    edit: (c) => Object.assign(flowLogs(c), { destination: "s3", s3BucketArn: "arn:aws:s3:::network-logs", kmsKeyArn: kmsKey }),
    path: "flowLogs.kmsKeyArn",
    rule: "flow-logs-kms-needs-cloudwatch",
    message: /bucket's default encryption/,
  },
  {
    name: "flow logs: not a bucket ARN",
    edit: (c) => Object.assign(flowLogs(c), { destination: "s3", s3BucketArn: "s3://network-logs" }),
    path: "flowLogs.s3BucketArn",
    rule: "s3-bucket-arn",
    message: /"s3:\/\/network-logs" is not an S3 bucket ARN/,
  },
  {
    name: "flow logs: the reserved AWSLogs folder",
    edit: (c) => Object.assign(flowLogs(c), { destination: "s3", s3BucketArn: "arn:aws:s3:::network-logs/AWSLogs" }),
    path: "flowLogs.s3BucketArn",
    rule: "flow-logs-s3-folder-reserved",
    message: /"arn:aws:s3:::network-logs\/AWSLogs" uses the folder name AWSLogs/,
  },
  {
    name: "flow logs: a key alias instead of a key ARN",
    edit: (c) => (flowLogs(c).kmsKeyArn = "arn:aws:kms:eu-west-1:111111111111:alias/logs"),
    path: "flowLogs.kmsKeyArn",
    rule: "kms-key-arn",
    message: /"arn:aws:kms:eu-west-1:111111111111:alias\/logs" is not a KMS key ARN/,
  },
  {
    name: "flow logs: a key in another region",
    edit: (c) => (flowLogs(c).kmsKeyArn = kmsKey.replace("eu-west-1", "us-east-1")),
    path: "flowLogs.kmsKeyArn",
    rule: "kms-key-region",
    message: /is in us-east-1; the log groups are in eu-west-1/,
  },
  {
    name: "flow logs: an aggregation interval CreateFlowLogs refuses",
    edit: (c) => (flowLogs(c).maxAggregationIntervalSeconds = 300),
    path: "flowLogs.maxAggregationIntervalSeconds",
    rule: "flow-logs-aggregation-interval",
    message: /^300 is not an aggregation interval.*60 or 600/,
  },
  // The alarm topic's subscriptions.
  {
    name: "subscriptions: unknown protocol",
    stack: "prod",
    edit: (c) => subscribe(c, { ...oncall, protocol: "sms" }),
    path: "vpn.alarms.subscriptions[oncall].protocol",
    rule: "schema",
    message: /email.*https.*sqs.*lambda/,
  },
  {
    name: "subscriptions: not an email address",
    stack: "prod",
    edit: (c) => subscribe(c, { ...oncall, endpoint: "oncall.example.com" }),
    path: "vpn.alarms.subscriptions[oncall].endpoint",
    rule: "subscription-email",
    message: /"oncall.example.com" is not an email address, as protocol "email" needs/,
  },
  {
    name: "subscriptions: an http URL for https",
    stack: "prod",
    edit: (c) => subscribe(c, { name: "pager", protocol: "https", endpoint: "http://events.example.com/sns" }),
    path: "vpn.alarms.subscriptions[pager].endpoint",
    rule: "subscription-https",
    message: /"http:\/\/events.example.com\/sns" is not a URL beginning with https:\/\//,
  },
  {
    name: "subscriptions: credentials in an https URL (masked in the message)",
    stack: "prod",
    edit: (c) => subscribe(c, { name: "pager", protocol: "https", endpoint: "https://alerts:s3cr3t-Pa55@events.example.com/sns" }),
    path: "vpn.alarms.subscriptions[pager].endpoint",
    rule: "subscription-https-credentials",
    message:
      /^"https:\/\/\*\*\*\*:\*\*\*\*@events\.example\.com\/sns" carries credentials in the URL, which would be kept in plain config, state and the plan report/,
  },
  {
    name: "subscriptions: a malformed https URL with credentials is not echoed",
    stack: "prod",
    edit: (c) => subscribe(c, { name: "pager", protocol: "https", endpoint: "https://alerts:s3cr3t-Pa55@" }),
    path: "vpn.alarms.subscriptions[pager].endpoint",
    rule: "subscription-https",
    message: /^"https:\/\/\*\*\*\*@" is not a URL beginning with https:\/\//,
  },
  {
    name: "subscriptions: a FIFO queue for the standard alarm topic",
    stack: "prod",
    edit: (c) => subscribe(c, { name: "queue", protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-1:111111111111:alarms.fifo" }),
    path: "vpn.alarms.subscriptions[queue].endpoint",
    rule: "subscription-sqs-fifo",
    message: /"arn:aws:sqs:eu-west-1:111111111111:alarms\.fifo" is a FIFO queue; the alarm topic is a standard topic/,
  },
  {
    name: "subscriptions: a topic ARN for sqs",
    stack: "prod",
    edit: (c) => subscribe(c, { name: "queue", protocol: "sqs", endpoint: "arn:aws:sns:eu-west-1:111111111111:ops" }),
    path: "vpn.alarms.subscriptions[queue].endpoint",
    rule: "subscription-sqs-arn",
    message: /"arn:aws:sns:eu-west-1:111111111111:ops" is not an SQS queue ARN/,
  },
  {
    name: "subscriptions: a queue ARN for lambda",
    stack: "prod",
    edit: (c) => subscribe(c, { name: "fn", protocol: "lambda", endpoint: "arn:aws:sqs:eu-west-1:111111111111:ops" }),
    path: "vpn.alarms.subscriptions[fn].endpoint",
    rule: "subscription-lambda-arn",
    message: /"arn:aws:sqs:eu-west-1:111111111111:ops" is not a Lambda function ARN/,
  },
  {
    name: "subscriptions: a name twice",
    stack: "prod",
    edit: (c) => subscribe(c, oncall, { ...oncall, endpoint: "noc@example.com" }),
    path: "vpn.alarms.subscriptions[oncall]",
    rule: "duplicate-name",
    message: /"oncall" is defined more than once/,
  },
  {
    name: "subscriptions: one endpoint twice",
    stack: "prod",
    edit: (c) => subscribe(c, oncall, { ...oncall, name: "oncall-2" }),
    path: "vpn.alarms.subscriptions[oncall-2].endpoint",
    rule: "subscription-duplicate-endpoint",
    message: /email "oncall@example.com" is already subscribed as oncall/,
  },
  {
    name: "subscriptions: a queue in another account than the topic's",
    stack: "prod",
    edit: (c) => {
      (c.accounts as unknown[]).push({ name: "network", accountId: "444444444444", roleArn: "arn:aws:iam::444444444444:role/deployer" });
      c.networkAccount = "network";
      subscribe(c, { name: "queue", protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-1:555555555555:network-alarms" });
    },
    path: "vpn.alarms.subscriptions[queue].endpoint",
    rule: "subscription-endpoint-account",
    message: /is in account 555555555555, not the network account 444444444444/,
  },
  {
    name: "subscriptions: on an existing topic",
    stack: "prod",
    edit: (c) => Object.assign(alarms(c), { createTopic: false, snsTopicArn: "arn:aws:sns:eu-west-1:111111111111:ops" }),
    path: "vpn.alarms.subscriptions",
    rule: "alarm-subscriptions-foreign-topic",
    message: /existing topic "arn:aws:sns:eu-west-1:111111111111:ops": its subscriptions are its owner's/,
  },
  {
    name: "subscriptions: without a topic",
    stack: "prod",
    edit: (c) => (alarms(c).createTopic = false),
    path: "vpn.alarms.subscriptions",
    rule: "alarm-subscriptions-need-topic",
    message: /createTopic is false/,
  },
  {
    name: "subscriptions: with the alarms off",
    stack: "prod",
    edit: (c) => (alarms(c).enabled = false),
    path: "vpn.alarms.subscriptions",
    rule: "alarm-subscriptions-need-topic",
    message: /vpn.alarms.enabled is false/,
  },
  // Dashboard and blackhole alarms.
  {
    name: "dashboard: a name CloudWatch refuses",
    edit: (c) => (monitoring(c).dashboard = { name: "network.dev" }),
    path: "monitoring.dashboard.name",
    rule: "dashboard-name",
    message: /"network.dev" must be 1-255 letters, digits/,
  },
  {
    name: "blackhole alarms: a period not a multiple of 60",
    edit: (c) => (monitoring(c).blackholeAlarms = { periodSeconds: 90 }),
    path: "monitoring.blackholeAlarms.periodSeconds",
    rule: "alarm-period",
    message: /^90 is not 60 or a multiple of 60/,
  },
  {
    name: "blackhole alarms: a window over one day",
    edit: (c) => (monitoring(c).blackholeAlarms = { periodSeconds: 3600, evaluationPeriods: 25 }),
    path: "monitoring.blackholeAlarms.evaluationPeriods",
    rule: "alarm-evaluation-window",
    message: /25 periods of 3600 s span 90000 s; at most 86400/,
  },
  {
    name: "blackhole alarms: zero periods",
    edit: (c) => (monitoring(c).blackholeAlarms = { evaluationPeriods: 0 }),
    path: "monitoring.blackholeAlarms.evaluationPeriods",
    rule: "schema",
    message: /got 0/,
  },
  {
    name: "dashboard: more attachments than a graph takes",
    stack: "prod",
    edit: (c) => {
      const spokes = c.spokes as Record<string, unknown>[];
      const template = spokes[2] as Record<string, unknown>;
      for (let i = 0; i < 494; i++) {
        spokes.push({ ...template, name: `spoke-${i}`, cidr: `172.${16 + Math.floor(i / 256)}.${i % 256}.0/24` });
      }
      (c.hub as Record<string, unknown>).spokeSummaryCidrs = ["10.0.0.0/8", "172.16.0.0/12"];
    },
    path: "monitoring.dashboard.enabled",
    rule: "dashboard-metrics-quota",
    message: /8 tunnels and 502 attachments make 502 lines on one graph and 2032 in all; a dashboard takes 500 per graph/,
  },
  // The RAM share.
  {
    name: "sharing: invitations without external principals",
    stack: "prod",
    edit: (c) => (hub(c).shareScope = "invitations"),
    path: "hub.allowExternalPrincipals",
    rule: "ram-invitations-need-external-principals",
    message: /false with hub.shareScope "invitations"/,
  },
  {
    name: "sharing: invitations with no account principal",
    stack: "prod",
    edit: (c) =>
      Object.assign(hub(c), {
        shareScope: "invitations",
        allowExternalPrincipals: true,
        sharePrincipals: ["arn:aws:organizations::111111111111:organization/o-abcdefghij"],
      }),
    path: "hub.shareScope",
    rule: "ram-invitations-without-account-principal",
    message: /lists no account id \(\["arn:aws:organizations::111111111111:organization\/o-abcdefghij"\]\)/,
  },
  {
    name: "sharing: unknown scope",
    stack: "prod",
    edit: (c) => (hub(c).shareScope = "external"),
    path: "hub.shareScope",
    rule: "schema",
    message: /organization.*invitations/,
  },
];

for (const c of cases) {
  test(`rejects: ${c.name}`, () => {
    const issues = issuesOf(c.stack ?? "dev", c.edit);
    const hit = issues.find((i) => i.path === c.path && i.rule === c.rule);
    assert.ok(hit, `expected ${c.path} [${c.rule}], got:\n${issues.map((i) => `${i.path} [${i.rule}] ${i.message}`).join("\n")}`);
    assert.match(hit.message, c.message);
    // No message ever repeats a password.
    for (const i of issues) assert.ok(!i.message.includes("s3cr3t-Pa55"), `${i.rule} echoes the password`);
  });
}

test("every operations error at once", () => {
  const issues = issuesOf("prod", (c) => {
    flowLogs(c).retentionDays = 100;
    flowLogs(c).maxAggregationIntervalSeconds = 120;
    subscribe(c, { ...oncall, endpoint: "not-an-address" });
    monitoring(c).blackholeAlarms = { periodSeconds: 45 };
    hub(c).shareScope = "invitations";
  });
  assert.deepEqual(issues.map((i) => i.rule).sort(), [
    "alarm-period",
    "flow-logs-aggregation-interval",
    "log-retention",
    "ram-invitations-need-external-principals",
    "subscription-email",
  ]);
});

test("valid forms of each protocol load", () => {
  const s = load("prod", (c) =>
    subscribe(
      c,
      oncall,
      { name: "pager", protocol: "https", endpoint: "https://events.example.com/integration/sns?key=1" },
      { name: "queue", protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-1:111111111111:network-alarms" },
      { name: "fn", protocol: "lambda", endpoint: "arn:aws:lambda:eu-west-1:111111111111:function:page-network:live" },
    ),
  );
  assert.deepEqual(
    s.vpn.alarms.subscriptions.map((x) => x.protocol),
    ["email", "https", "sqs", "lambda"],
  );
});

test("defaults: flow logs on every VPC and the TGW to CloudWatch Logs, dashboard and blackhole alarms on, organization sharing", () => {
  const dev = load("dev");
  assert.deepEqual(dev.flowLogs, {
    enabled: true,
    transitGateway: true,
    destination: "cloud-watch-logs",
    retentionDays: 90,
    trafficType: "ALL",
    maxAggregationIntervalSeconds: 600,
  });
  assert.deepEqual(dev.monitoring, {
    dashboard: { enabled: true, name: "hybrid-network-dev" },
    blackholeAlarms: { enabled: true, periodSeconds: 300, evaluationPeriods: 1 },
  });
  assert.equal(dev.hub.shareScope, "organization");
  assert.deepEqual(dev.vpn.alarms.subscriptions, []);
  // The prod stack keeps flow logs a year and pages the on-call address.
  const prod = load("prod");
  assert.equal(prod.flowLogs.retentionDays, 365);
  assert.deepEqual(prod.vpn.alarms.subscriptions, [{ name: "network-oncall", protocol: "email", endpoint: "network-oncall@example.com" }]);
});

test("a configured dashboard name is kept; the default one is made valid for CloudWatch", () => {
  assert.equal(load("dev", (c) => (monitoring(c).dashboard = { name: "network_ops" })).monitoring.dashboard.name, "network_ops");
  // A stack name may hold '.', which PutDashboard refuses.
  assert.equal(load("dev", undefined, {}, "team.dev").monitoring.dashboard.name, "hybrid-network-team-dev");
});

test("an account reached through an OU principal passes the share check under invitations", () => {
  const s = load("prod", (c) =>
    Object.assign(hub(c), {
      shareScope: "invitations",
      allowExternalPrincipals: true,
      sharePrincipals: ["222222222222", "arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-cdefgh34"],
    }),
  );
  assert.equal(s.hub.shareScope, "invitations");
  assert.equal(item({ spokes: s.spokes }, "spokes", "production").account, "production");
});
