/**
 * FlowLogs: the flow log of one VPC or Transit Gateway, and where it writes.
 *
 *  - CloudWatch Logs: a log group (retention, optional KMS key), the IAM role the flow logs service
 *    assumes to write into that group alone (flow-log-role.ts), and the flow log. The flow log waits
 *    for the role's permissions, so its first deliveries are not refused.
 *  - S3: the flow log only, into an existing bucket; no role (the service writes with the bucket
 *    policy, which is the bucket owner's: Amazon VPC User Guide, "Amazon S3 bucket permissions for
 *    flow logs"), and the bucket's own encryption applies.
 *
 * A VPC flow log records the configured traffic type at the configured aggregation interval; a
 * Transit Gateway flow log records every flow at 60 seconds, the only interval CreateFlowLogs takes
 * for it (the provider's FlowLog notes: "must be 60 seconds"). Everything lives in the account of
 * the component's provider: a spoke in another account gets its flow log, role and log group there.
 */
import * as pulumi from "@pulumi/pulumi";
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { FlowLog } from "@pulumi/aws/ec2/flowLog";
import type { FlowLogArgs } from "@pulumi/aws/ec2/flowLog";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { unhandled } from "../../lib/exhaustive";
import { FlowLogDestination, FlowLogTarget, FlowLogTrafficType } from "../../vocabulary/observability";
import { componentTypes } from "../tokens";
import { flowLogsDeliveryPolicy, flowLogsTrustPolicy } from "./flow-log-role";

export { FlowLogDestination, FlowLogTarget, FlowLogTrafficType };

/** The aggregation interval CreateFlowLogs requires of a Transit Gateway flow log. */
const transitGatewayAggregationSeconds = 60;

/** Where the flow log writes, and what it waits for. */
interface Delivery {
  destination: pulumi.Input<string>;
  logGroupName?: pulumi.Output<string>;
  roleArn?: pulumi.Output<string>;
  waitFor: pulumi.Resource[];
}

/** Inputs of FlowLogs. */
export interface FlowLogsArgs {
  /** What the flow log records: a VPC or a Transit Gateway. */
  target: FlowLogTarget;
  /** The VPC id or the Transit Gateway id. */
  resourceId: pulumi.Input<string>;
  /** CloudWatch Logs (a log group created here) or an existing S3 bucket. */
  destination: FlowLogDestination;
  /** CloudWatch Logs: the name of the log group to create. */
  logGroupName?: string;
  /** CloudWatch Logs: days the records are kept (a CloudWatch Logs retention value); 0 or absent: they never expire. */
  retentionInDays?: number;
  /** CloudWatch Logs: ARN of the symmetric KMS key that encrypts the group (its key policy admits CloudWatch Logs). */
  kmsKeyArn?: string;
  /** S3: the bucket ARN, optionally with a folder (`arn:aws:s3:::bucket/folder`). */
  s3DestinationArn?: string;
  /** VPC: the traffic recorded. A Transit Gateway flow log records all traffic. */
  trafficType: FlowLogTrafficType;
  /** VPC: seconds a flow is aggregated into one record, 60 or 600. A Transit Gateway flow log uses 60. */
  maxAggregationIntervalSeconds: number;
  /** Tags for every resource. */
  tags: Record<string, string>;
}

/**
 * Flow log of a VPC or a Transit Gateway, to a CloudWatch Logs group created with its retention,
 * optional KMS key and a least-privilege delivery role, or to an existing S3 bucket.
 */
export class FlowLogs extends pulumi.ComponentResource {
  /** The flow log id (`fl-...`). */
  readonly flowLogId: pulumi.Output<string>;
  /** Where the records go: the log group's ARN or the S3 bucket (and folder) ARN. */
  readonly destinationArn: pulumi.Output<string>;
  /** CloudWatch Logs: the log group's name; absent for S3. */
  readonly logGroupName?: pulumi.Output<string>;
  /** CloudWatch Logs: the delivery role's ARN; absent for S3. */
  readonly roleArn?: pulumi.Output<string>;

  constructor(name: string, args: FlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.flowLogs, name, {}, opts);
    const tags = { ...args.tags, Name: name };
    const child = { parent: this };

    const delivery = ((): Delivery => {
      switch (args.destination) {
        case FlowLogDestination.CloudWatchLogs: {
          if (args.logGroupName === undefined) throw new Error(`${name}: a CloudWatch Logs destination needs logGroupName`);
          const group = new LogGroup(
            name,
            {
              name: args.logGroupName,
              ...(args.retentionInDays !== undefined ? { retentionInDays: args.retentionInDays } : {}),
              ...(args.kmsKeyArn !== undefined ? { kmsKeyId: args.kmsKeyArn } : {}),
              tags,
            },
            child,
          );
          const role = new Role(
            name,
            {
              description: `VPC Flow Logs delivery into ${args.logGroupName}`,
              assumeRolePolicy: group.arn.apply(flowLogsTrustPolicy),
              tags,
            },
            child,
          );
          const policy = new RolePolicy(name, { role: role.id, policy: group.arn.apply(flowLogsDeliveryPolicy) }, child);
          return { destination: group.arn, logGroupName: group.name, roleArn: role.arn, waitFor: [policy] };
        }
        case FlowLogDestination.S3:
          if (args.s3DestinationArn === undefined) throw new Error(`${name}: an S3 destination needs s3DestinationArn`);
          return { destination: args.s3DestinationArn, waitFor: [] };
        default:
          return unhandled(args.destination, "flow log destination");
      }
    })();
    this.logGroupName = delivery.logGroupName;
    this.roleArn = delivery.roleArn;

    const recorded = ((): Pick<FlowLogArgs, "vpcId" | "transitGatewayId" | "trafficType" | "maxAggregationInterval"> => {
      switch (args.target) {
        case FlowLogTarget.Vpc:
          return { vpcId: args.resourceId, trafficType: args.trafficType, maxAggregationInterval: args.maxAggregationIntervalSeconds };
        case FlowLogTarget.TransitGateway:
          return { transitGatewayId: args.resourceId, maxAggregationInterval: transitGatewayAggregationSeconds };
        default:
          return unhandled(args.target, "flow log target");
      }
    })();
    const flowLog = new FlowLog(
      name,
      {
        ...recorded,
        logDestinationType: args.destination,
        logDestination: delivery.destination,
        ...(delivery.roleArn !== undefined ? { iamRoleArn: delivery.roleArn } : {}),
        tags,
      },
      { parent: this, dependsOn: delivery.waitFor },
    );
    this.flowLogId = flowLog.id;
    this.destinationArn = pulumi.output(delivery.destination);

    this.registerOutputs({
      flowLogId: this.flowLogId,
      destinationArn: this.destinationArn,
      logGroupName: this.logGroupName,
      roleArn: this.roleArn,
    });
  }
}
