/**
 * BlackholeDropAlarms: an alarm per Transit Gateway attachment that fires when packets entering the
 * TGW through it are dropped by a blackhole route, i.e. when a workload tries to reach what its
 * segment forbids (segmentation puts a blackhole route in the segment's table for every forbidden
 * on-prem zone and spoke). Worth knowing: a misconfigured workload, or someone probing.
 *
 * Metric: AWS/TransitGateway PacketDropCountBlackhole with the dimensions TransitGateway and
 * TransitGatewayAttachment (Transit Gateway guide, "CloudWatch metrics for your transit gateways"),
 * summed over the period; the alarm fires when the sum is above 0 in each of the evaluation periods.
 * No data means no drops (the metric is published only while traffic flows), so missing data is
 * not breaching. In the account that owns the TGW, where the metric is published.
 */
import * as pulumi from "@pulumi/pulumi";
import { MetricAlarm } from "@pulumi/aws/cloudwatch/metricAlarm";
import { componentTypes } from "../tokens";

/** One attachment watched for blackhole drops. */
export interface BlackholeAlarmAttachment {
  /** Config name of what is attached (a spoke); the alarm is named `<name>-blackhole-drops`. */
  name: string;
  /** The attachment id (TransitGatewayAttachment dimension). */
  attachmentId: pulumi.Input<string>;
}

/** Inputs of BlackholeDropAlarms. */
export interface BlackholeDropAlarmsArgs {
  /** The hub's Transit Gateway (TransitGateway dimension). */
  transitGatewayId: pulumi.Input<string>;
  /** The attachments to watch. */
  attachments: BlackholeAlarmAttachment[];
  /** Seconds per evaluation period (60 or a multiple of 60). */
  periodSeconds: number;
  /** Consecutive periods with drops before the alarm fires. */
  evaluationPeriods: number;
  /** SNS topic notified when the alarm fires and when it clears. Absent: the alarms only change state. */
  topicArn?: pulumi.Input<string>;
  /** Tags for every alarm. */
  tags: Record<string, string>;
}

/** Alarms on packets a Transit Gateway attachment sends into a blackhole route (a segmentation rule hit). */
export class BlackholeDropAlarms extends pulumi.ComponentResource {
  /** Attachment config name -> the alarm's ARN. */
  readonly alarmArns: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: BlackholeDropAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.blackholeAlarms, name, {}, opts);
    const actions = args.topicArn !== undefined ? { alarmActions: [args.topicArn], okActions: [args.topicArn] } : {};
    this.alarmArns = {};
    for (const a of args.attachments) {
      const alarmName = `${a.name}-blackhole-drops`;
      const alarm = new MetricAlarm(
        alarmName,
        {
          alarmDescription: `Packets from ${a.name} dropped by a blackhole route on the Transit Gateway: a segmentation rule was hit`,
          namespace: "AWS/TransitGateway",
          metricName: "PacketDropCountBlackhole",
          dimensions: { TransitGateway: args.transitGatewayId, TransitGatewayAttachment: a.attachmentId },
          statistic: "Sum",
          period: args.periodSeconds,
          evaluationPeriods: args.evaluationPeriods,
          comparisonOperator: "GreaterThanThreshold",
          threshold: 0,
          treatMissingData: "notBreaching",
          ...actions,
          tags: { ...args.tags, Name: alarmName },
        },
        { parent: this },
      );
      this.alarmArns[a.name] = alarm.arn;
    }
    this.registerOutputs({ alarmArns: this.alarmArns });
  }
}
