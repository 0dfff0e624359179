// The operations choices, defined once for the stack config (settings/schema.ts accepts exactly
// these values) and for the observability components' args (components/observability/, published
// in the component package). Choices are `as const` objects for the package schema's enums (see
// vocabulary/vpn.ts); the values are the ones the AWS provider takes.
// Sources: Amazon VPC User Guide, "Logging IP traffic using VPC Flow Logs"; EC2 API reference,
// CreateFlowLogs; Amazon SNS API reference, Subscribe.
// (Line comments: a /** */ block here would join the first enum's description in the package schema.)

/** What a flow log records: a VPC (every network interface in it) or a Transit Gateway. */
export const FlowLogTarget = {
  /** A VPC: every network interface in it. */
  Vpc: "vpc",
  /** A Transit Gateway: every attachment's traffic through it. */
  TransitGateway: "transit-gateway",
} as const;
export type FlowLogTarget = (typeof FlowLogTarget)[keyof typeof FlowLogTarget];

/** Where flow log records go (CreateFlowLogs LogDestinationType). */
export const FlowLogDestination = {
  /** A CloudWatch Logs group per flow log, written through an IAM role. */
  CloudWatchLogs: "cloud-watch-logs",
  /** An existing S3 bucket (its bucket policy admits the log delivery service). */
  S3: "s3",
} as const;
export type FlowLogDestination = (typeof FlowLogDestination)[keyof typeof FlowLogDestination];

/** Which VPC traffic a flow log records (CreateFlowLogs TrafficType). A Transit Gateway flow log records all. */
export const FlowLogTrafficType = {
  /** Accepted and rejected traffic. */
  All: "ALL",
  /** Traffic the security groups and network ACLs accepted. */
  Accept: "ACCEPT",
  /** Traffic the security groups or network ACLs rejected. */
  Reject: "REJECT",
} as const;
export type FlowLogTrafficType = (typeof FlowLogTrafficType)[keyof typeof FlowLogTrafficType];

/** The aggregation intervals CreateFlowLogs accepts (seconds); a Transit Gateway flow log takes 60 only. */
export const flowLogAggregationIntervals = [60, 600] as const;

/** How an alarm notification reaches someone (SNS Subscribe Protocol), the ones this program subscribes. */
export const AlarmSubscriptionProtocol = {
  /** An email address; the recipient confirms the subscription from the message SNS sends. */
  Email: "email",
  /** An HTTPS URL; the endpoint confirms the subscription (SubscriptionConfirmation). */
  Https: "https",
  /** An Amazon SQS queue ARN; its queue policy must let the topic send. */
  Sqs: "sqs",
  /** An AWS Lambda function ARN; its resource policy must let the topic invoke it. */
  Lambda: "lambda",
} as const;
export type AlarmSubscriptionProtocol = (typeof AlarmSubscriptionProtocol)[keyof typeof AlarmSubscriptionProtocol];

// What the network dashboard plots: one line per VPN tunnel on each tunnel graph, one per Transit
// Gateway attachment on each attachment graph (components/observability/dashboard-body.ts draws
// them; settings/rules/operations.ts counts them against the dashboard quotas).
/** The AWS/VPN metrics the dashboard graphs per tunnel, with the statistic each graph takes. */
export const dashboardTunnelMetrics = [
  { metric: "TunnelState", stat: "Minimum", title: "VPN tunnel state (1 up, 0 down)" },
  { metric: "TunnelDataIn", stat: "Sum", title: "VPN tunnel data in (bytes)" },
  { metric: "TunnelDataOut", stat: "Sum", title: "VPN tunnel data out (bytes)" },
] as const;
/** The AWS/TransitGateway metrics the dashboard graphs per attachment (summed). */
export const dashboardAttachmentMetrics = [
  { metric: "BytesIn", title: "TGW attachment bytes in" },
  { metric: "BytesOut", title: "TGW attachment bytes out" },
  { metric: "PacketDropCountBlackhole", title: "TGW packets dropped: blackhole route" },
  { metric: "PacketDropCountNoRoute", title: "TGW packets dropped: no route" },
] as const;
/** CloudWatch service quotas, dashboards: up to 500 metrics per widget and 2,500 per dashboard. */
export const dashboardQuotas = { metricsPerWidget: 500, metricsPerDashboard: 2500 } as const;
