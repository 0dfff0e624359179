/**
 * Operations rules: flow logs, the alarm topic's subscriptions, the dashboard and the blackhole-drop
 * alarms. Sources: EC2 API reference, CreateFlowLogs; Amazon VPC User Guide, "Publish flow logs to
 * Amazon S3"; CloudWatch Logs API reference, PutRetentionPolicy and CreateLogGroup; AWS KMS
 * Developer Guide, "AWS KMS keys" (a key is used in its own Region); Amazon SNS API reference,
 * Subscribe; CloudWatch API reference, PutMetricAlarm and PutDashboard; "CloudWatch service quotas".
 */
import {
  AlarmSubscriptionProtocol,
  dashboardAttachmentMetrics,
  dashboardQuotas,
  dashboardTunnelMetrics,
  FlowLogDestination,
  flowLogAggregationIntervals,
} from "../../vocabulary/observability";
import { unhandled } from "../../lib/exhaustive";
import { keyPath, show } from "../errors";
import type { Rule } from "./context";
import { checkLogRetention } from "./vpn";

/** `arn:<partition>:kms:<region>:<account>:key/<key id>`: CreateLogGroup's kmsKeyId is a key ARN (not an alias). */
const kmsKeyArnPattern = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/[A-Za-z0-9-]+$/;
/** An S3 bucket ARN (bucket naming rules: 3-63 of lower-case letters, digits, '.', '-'), optionally with a folder. */
const s3BucketArnPattern = /^arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/.*)?$/;

/** Flow logs to CloudWatch Logs keep their records for a retention CloudWatch Logs accepts (PutRetentionPolicy), or for ever. */
export const flowLogRetention: Rule = (config, _ctx, out) =>
  checkLogRetention("flowLogs.retentionDays", config.flowLogs.retentionDays, out);

/**
 * The destination's settings go with their destination: S3 needs the bucket; the bucket only with S3;
 * a KMS key only for CloudWatch Logs (S3 objects take the bucket's own default encryption).
 */
export const flowLogDestination: Rule = (config, _ctx, out) => {
  const f = config.flowLogs;
  switch (f.destination) {
    case FlowLogDestination.S3:
      if (f.s3BucketArn === undefined)
        out.report("flowLogs.s3BucketArn", "flow-logs-s3-needs-bucket", `not set, but flowLogs.destination is ${show(f.destination)}`);
      if (f.kmsKeyArn !== undefined)
        out.report(
          "flowLogs.kmsKeyArn",
          "flow-logs-kms-needs-cloudwatch",
          `${show(f.kmsKeyArn)} encrypts CloudWatch Logs groups; with destination "s3" the bucket's default encryption applies`,
        );
      break;
    case FlowLogDestination.CloudWatchLogs:
      if (f.s3BucketArn !== undefined)
        out.report(
          "flowLogs.s3BucketArn",
          "flow-logs-bucket-needs-s3",
          `${show(f.s3BucketArn)} set with flowLogs.destination ${show(f.destination)}; set destination "s3" to use it`,
        );
      break;
    default:
      unhandled(f.destination, "flow log destination");
  }
};

/**
 * The bucket is an S3 bucket ARN; its optional folder may not be `AWSLogs`, a term the flow logs
 * service reserves for the path it writes under ("Publish flow logs to Amazon S3": "You can't use
 * AWSLogs as a subfolder name").
 */
export const flowLogBucket: Rule = (config, _ctx, out) => {
  const arn = config.flowLogs.s3BucketArn;
  if (arn === undefined) return;
  const match = s3BucketArnPattern.exec(arn);
  if (!match) {
    out.report("flowLogs.s3BucketArn", "s3-bucket-arn", `${show(arn)} is not an S3 bucket ARN (arn:aws:s3:::<bucket>[/<folder>])`);
  } else if ((match[2] ?? "").split("/").includes("AWSLogs")) {
    out.report(
      "flowLogs.s3BucketArn",
      "flow-logs-s3-folder-reserved",
      `${show(arn)} uses the folder name AWSLogs, which flow logs reserve`,
    );
  }
};

/** The log groups' key: a KMS key ARN (CreateLogGroup kmsKeyId), in the stack's region (a KMS key works in its own Region only). */
export const flowLogKmsKey: Rule = (config, ctx, out) => {
  const arn = config.flowLogs.kmsKeyArn;
  if (arn === undefined) return;
  const match = kmsKeyArnPattern.exec(arn);
  if (!match)
    out.report("flowLogs.kmsKeyArn", "kms-key-arn", `${show(arn)} is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)`);
  else if (match[1] !== ctx.region)
    out.report("flowLogs.kmsKeyArn", "kms-key-region", `${show(arn)} is in ${match[1]}; the log groups are in ${ctx.region}`);
};

/** CreateFlowLogs MaxAggregationInterval: 60 or 600 seconds. */
export const flowLogAggregation: Rule = (config, _ctx, out) => {
  const seconds = config.flowLogs.maxAggregationIntervalSeconds;
  if (!(flowLogAggregationIntervals as readonly number[]).includes(seconds)) {
    out.report(
      "flowLogs.maxAggregationIntervalSeconds",
      "flow-logs-aggregation-interval",
      `${seconds} is not an aggregation interval flow logs take; use ${flowLogAggregationIntervals.join(" or ")}`,
    );
  }
};

/**
 * Subscriptions go to the topic this program creates (`createTopic`). An existing topic
 * (`snsTopicArn`) belongs to someone else, maybe another account: who it notifies is its owner's
 * choice, and a second stack managing its subscriptions would fight the first.
 */
export const subscriptionsNeedOwnTopic: Rule = (config, _ctx, out) => {
  const alarms = config.vpn.alarms;
  if (alarms.subscriptions.length === 0) return;
  const path = "vpn.alarms.subscriptions";
  if (!alarms.enabled) {
    out.report(path, "alarm-subscriptions-need-topic", `${alarms.subscriptions.length} set, but vpn.alarms.enabled is false: no topic`);
  } else if (alarms.snsTopicArn !== undefined) {
    out.report(
      path,
      "alarm-subscriptions-foreign-topic",
      `${alarms.subscriptions.length} set for the existing topic ${show(alarms.snsTopicArn)}: its subscriptions are its owner's; subscribe there, or set createTopic instead`,
    );
  } else if (!alarms.createTopic) {
    out.report(path, "alarm-subscriptions-need-topic", `${alarms.subscriptions.length} set, but vpn.alarms.createTopic is false: no topic`);
  }
};

/** SNS Subscribe, Endpoint: per protocol, an email address, a URL beginning with https://, an SQS queue ARN, a Lambda function ARN. */
const endpointForms = {
  email: {
    rule: "subscription-email",
    what: "an email address",
    ok: (e: string) => /^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(e),
  },
  https: {
    rule: "subscription-https",
    what: "a URL beginning with https://",
    ok: (e: string) => URL.canParse(e) && new URL(e).protocol === "https:" && new URL(e).hostname !== "",
  },
  sqs: {
    rule: "subscription-sqs-arn",
    what: "an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)",
    ok: (e: string) => /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(e),
  },
  lambda: {
    rule: "subscription-lambda-arn",
    what: "a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>])",
    ok: (e: string) => /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/.test(e),
  },
} satisfies Record<AlarmSubscriptionProtocol, { rule: string; what: string; ok: (endpoint: string) => boolean }>;

/**
 * Endpoints of the right form that still cannot work, or would leak:
 * - an HTTPS URL with a user name or password: SNS accepts basic-auth credentials in the URL (SNS
 *   Developer Guide, "Fanout to HTTP/S endpoints": "Using HTTP/S basic access authentication"), but
 *   here they would sit in plain stack config, in state and in the plan report. Refused, and the
 *   message masks them;
 * - an SQS FIFO queue (`.fifo`): the alarm topic is a standard topic, and a standard topic cannot
 *   deliver to a FIFO queue (SNS Developer Guide, "Message ordering and deduplication (FIFO topics)":
 *   FIFO queues subscribe to FIFO topics only).
 */
function endpointRefusal(protocol: AlarmSubscriptionProtocol, endpoint: string): { rule: string; message: string } | undefined {
  switch (protocol) {
    case "https": {
      const url = new URL(endpoint);
      if (url.username === "" && url.password === "") return undefined;
      url.username = url.username === "" ? "" : "****";
      url.password = url.password === "" ? "" : "****";
      return {
        rule: "subscription-https-credentials",
        message: `${show(url.toString())} carries credentials in the URL, which would be kept in plain config, state and the plan report; use an endpoint that authenticates otherwise`,
      };
    }
    case "sqs":
      return endpoint.endsWith(".fifo")
        ? {
            rule: "subscription-sqs-fifo",
            message: `${show(endpoint)} is a FIFO queue; the alarm topic is a standard topic, which delivers to standard queues only`,
          }
        : undefined;
    case "email":
    case "lambda":
      return undefined;
    default:
      return unhandled(protocol, "subscription protocol");
  }
}

/**
 * Each endpoint has its protocol's form; names are unique; one protocol and endpoint once (Subscribe
 * returns the existing subscription for the same endpoint, so two entries would manage one
 * subscription). An SQS queue or Lambda function in another account than the topic's would wait for
 * its owner to confirm (Subscribe), and the provider can only manage a cross-account SQS
 * subscription from the queue's account (its TopicSubscription notes): when the network account's
 * id is known, the ARN's account must be it.
 */
export const subscriptionEndpoints: Rule = (config, _ctx, out) => {
  const networkAccountId = config.accounts.find((a) => a.name === config.networkAccount)?.accountId;
  const names = new Set<string>();
  const endpoints = new Map<string, string>();
  for (const s of config.vpn.alarms.subscriptions) {
    const path = keyPath("vpn.alarms.subscriptions", s.name);
    if (names.has(s.name)) out.report(path, "duplicate-name", `${show(s.name)} is defined more than once in vpn.alarms.subscriptions`);
    names.add(s.name);
    const form = endpointForms[s.protocol];
    if (!form.ok(s.endpoint)) {
      // A malformed URL may still carry credentials: never echo them.
      const shown = s.endpoint.replace(/\/\/[^/@]*@/, "//****@");
      out.report(`${path}.endpoint`, form.rule, `${show(shown)} is not ${form.what}, as protocol ${show(s.protocol)} needs`);
      continue;
    }
    const refusal = endpointRefusal(s.protocol, s.endpoint);
    if (refusal) {
      out.report(`${path}.endpoint`, refusal.rule, refusal.message);
      continue;
    }
    const key = `${s.protocol}|${s.endpoint}`;
    const first = endpoints.get(key);
    if (first !== undefined)
      out.report(
        `${path}.endpoint`,
        "subscription-duplicate-endpoint",
        `${s.protocol} ${show(s.endpoint)} is already subscribed as ${first}`,
      );
    else endpoints.set(key, s.name);
    const arnAccount =
      s.protocol === AlarmSubscriptionProtocol.Sqs || s.protocol === AlarmSubscriptionProtocol.Lambda
        ? s.endpoint.split(":")[4]
        : undefined;
    if (arnAccount !== undefined && networkAccountId !== undefined && arnAccount !== networkAccountId) {
      out.report(
        `${path}.endpoint`,
        "subscription-endpoint-account",
        `${show(s.endpoint)} is in account ${arnAccount}, not the network account ${networkAccountId} that owns the topic: its owner would have to confirm it`,
      );
    }
  }
};

/**
 * PutMetricAlarm: a standard-resolution metric (AWS/TransitGateway) takes a period of 60 seconds or a
 * multiple of 60, and the evaluation window (period x evaluation periods) is at most one day.
 */
export const blackholeAlarmWindow: Rule = (config, _ctx, out) => {
  const a = config.monitoring.blackholeAlarms;
  if (a.periodSeconds < 60 || a.periodSeconds % 60 !== 0) {
    out.report("monitoring.blackholeAlarms.periodSeconds", "alarm-period", `${a.periodSeconds} is not 60 or a multiple of 60`);
  } else if (a.periodSeconds * a.evaluationPeriods > 86400) {
    out.report(
      "monitoring.blackholeAlarms.evaluationPeriods",
      "alarm-evaluation-window",
      `${a.evaluationPeriods} periods of ${a.periodSeconds} s span ${a.periodSeconds * a.evaluationPeriods} s; at most 86400 (one day)`,
    );
  }
};

/** PutDashboard DashboardName: letters, digits, '-' and '_', up to 255 characters. */
export const dashboardName: Rule = (config, _ctx, out) => {
  const configured = config.monitoring.dashboard.name;
  if (configured !== undefined && !/^[A-Za-z0-9_-]{1,255}$/.test(configured)) {
    out.report("monitoring.dashboard.name", "dashboard-name", `${show(configured)} must be 1-255 letters, digits, '-' or '_'`);
  }
};

/**
 * CloudWatch service quotas, dashboards: up to 500 metrics per widget and 2,500 per dashboard
 * (PutDashboard refuses more). The dashboard graphs one line per tunnel on each tunnel graph and one
 * per TGW attachment (spokes, the central egress VPC, VPN connections) on each attachment graph.
 */
export const dashboardSize: Rule = (config, _ctx, out) => {
  if (!config.monitoring.dashboard.enabled) return;
  const tunnels = 2 * config.vpnConnections.length;
  const attachments = config.spokes.length + (config.centralEgress ? 1 : 0) + config.vpnConnections.length;
  const total = tunnels * dashboardTunnelMetrics.length + attachments * dashboardAttachmentMetrics.length;
  const widest = Math.max(tunnels, attachments);
  if (widest > dashboardQuotas.metricsPerWidget || total > dashboardQuotas.metricsPerDashboard) {
    out.report(
      "monitoring.dashboard.enabled",
      "dashboard-metrics-quota",
      `${tunnels} tunnels and ${attachments} attachments make ${widest} lines on one graph and ${total} in all; a dashboard takes ${dashboardQuotas.metricsPerWidget} per graph and ${dashboardQuotas.metricsPerDashboard} in all: turn it off and build dashboards per segment`,
    );
  }
};

export const operationsRules: Rule[] = [
  flowLogRetention,
  flowLogDestination,
  flowLogBucket,
  flowLogKmsKey,
  flowLogAggregation,
  subscriptionsNeedOwnTopic,
  subscriptionEndpoints,
  blackholeAlarmWindow,
  dashboardName,
  dashboardSize,
];
