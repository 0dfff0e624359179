/**
 * CloudWatch alarms on the `AWS/VPN` `TunnelState` metric ("Monitoring your Site-to-Site VPN
 * connection with CloudWatch"): 1 when a tunnel is up (BGP: session established), 0 when down.
 * With the VpnId dimension alone the metric is averaged over both tunnels, so a value between 0
 * and 1 means one tunnel is down.
 *
 * - per tunnel, `<connection>-tunnel<n>-down`: maximum below 1 (dimensions VpnId, TunnelIpAddress);
 * - per connection, `<connection>-degraded`: average below 1 (at least one tunnel down);
 * - per connection, `<connection>-down`: maximum at or below 0 (both tunnels down).
 *
 * Missing data counts as breaching: AWS publishes TunnelState every 5 minutes for a live
 * connection, so silence means something is wrong rather than all is well.
 */
import * as pulumi from "@pulumi/pulumi";
import { MetricAlarm } from "@pulumi/aws/cloudwatch";

/** One data point every 5 minutes is what AWS publishes for VPN metrics. */
export const alarmPeriodSeconds = 300;

export interface TunnelStateAlarmArgs {
  /** The connection's name; alarm resource names derive from it. */
  connection: string;
  /** The VPN connection id (VpnId dimension). */
  vpnId: pulumi.Input<string>;
  /** Outside IP address of each tunnel (TunnelIpAddress dimension), tunnel 1 first. */
  tunnelAddresses: [pulumi.Input<string>, pulumi.Input<string>];
  /** 5-minute periods the condition must hold before an alarm fires. */
  evaluationPeriods: number;
  /** SNS topic notified on alarm and on recovery. Absent: the alarms only change state. */
  topicArn?: pulumi.Input<string>;
  tags: Record<string, string>;
}

/** Creates the three kinds of TunnelState alarms as children of `parent`. */
export function tunnelStateAlarms(args: TunnelStateAlarmArgs, parent: pulumi.Resource): MetricAlarm[] {
  const actions = args.topicArn !== undefined ? { alarmActions: [args.topicArn], okActions: [args.topicArn] } : {};
  const common = {
    namespace: "AWS/VPN",
    metricName: "TunnelState",
    period: alarmPeriodSeconds,
    evaluationPeriods: args.evaluationPeriods,
    treatMissingData: "breaching",
    ...actions,
  };
  const alarm = (suffix: string, values: Record<string, unknown>) =>
    new MetricAlarm(
      `${args.connection}-${suffix}`,
      { ...common, ...values, tags: { ...args.tags, Name: `${args.connection}-${suffix}` } },
      { parent },
    );
  const alarms = args.tunnelAddresses.map((address, i) =>
    alarm(`tunnel${i + 1}-down`, {
      alarmDescription: `VPN ${args.connection} tunnel ${i + 1} is down`,
      dimensions: { VpnId: args.vpnId, TunnelIpAddress: address },
      statistic: "Maximum",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
    }),
  );
  alarms.push(
    alarm("degraded", {
      alarmDescription: `VPN ${args.connection} is degraded: at least one tunnel is down`,
      dimensions: { VpnId: args.vpnId },
      statistic: "Average",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
    }),
    alarm("down", {
      alarmDescription: `VPN ${args.connection} is down: both tunnels are down`,
      dimensions: { VpnId: args.vpnId },
      statistic: "Maximum",
      comparisonOperator: "LessThanOrEqualToThreshold",
      threshold: 0,
    }),
  );
  return alarms;
}
