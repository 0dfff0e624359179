/**
 * The IAM role that VPC Flow Logs assumes to write into one CloudWatch Logs group, as policy
 * documents built from that group's ARN (pure functions, so tests read them as they are).
 *
 * Source: Amazon VPC User Guide, "IAM role for publishing flow logs to CloudWatch Logs" (the same
 * role serves Transit Gateway Flow Logs: Transit Gateway guide, "Transit Gateway Flow Logs records
 * in Amazon CloudWatch Logs"):
 *  - trust: the service principal vpc-flow-logs.amazonaws.com, with the guide's confused-deputy
 *    conditions aws:SourceAccount (the flow log's owner) and aws:SourceArn (the flow log's ARN,
 *    `arn:<partition>:ec2:<region>:<account>:vpc-flow-log/<id>`; the id is not known before the flow
 *    log exists, so `*`, as the guide allows);
 *  - permissions: the guide's minimum is logs:CreateLogGroup, CreateLogStream, PutLogEvents,
 *    DescribeLogGroups and DescribeLogStreams on "*". Here, narrower: the program creates the group
 *    (with its retention and KMS key), so CreateLogGroup is left out: the service cannot recreate a
 *    deleted group without them. CreateLogStream, PutLogEvents and DescribeLogStreams are granted on
 *    that one group and its streams. DescribeLogGroups is a listing call whose resource can only be
 *    the account's `log-group:*` (CloudWatch Logs User Guide, "Logs sent to CloudWatch Logs": "set
 *    the ARN of its Resource line to use a * wildcard"); it reveals group names, nothing else.
 */

/** The parts of a CloudWatch Logs group ARN the policies need. */
export interface LogGroupArnParts {
  partition: string;
  region: string;
  account: string;
}

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>` -> its partition, region and account. */
export function logGroupArnParts(logGroupArn: string): LogGroupArnParts {
  const parts = logGroupArn.split(":");
  const [arn, partition, service, region, account, kind] = parts;
  if (arn !== "arn" || service !== "logs" || kind !== "log-group" || !partition || !region || !account) {
    throw new Error(`not a CloudWatch Logs group ARN: ${logGroupArn}`);
  }
  return { partition, region, account };
}

/** Trust policy: only the flow logs service, and only for flow logs of the group's own account and region. */
export function flowLogsTrustPolicy(logGroupArn: string): string {
  const { partition, region, account } = logGroupArnParts(logGroupArn);
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": account },
          ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${region}:${account}:vpc-flow-log/*` },
        },
      },
    ],
  });
}

/** Permissions: write to this one log group (and its streams); list the account's groups. */
export function flowLogsDeliveryPolicy(logGroupArn: string): string {
  const { partition, region, account } = logGroupArnParts(logGroupArn);
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "WriteTheFlowLogGroup",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
      {
        Sid: "ListLogGroups",
        Effect: "Allow",
        Action: "logs:DescribeLogGroups",
        Resource: `arn:${partition}:logs:${region}:${account}:log-group:*`,
      },
    ],
  });
}
