/**
 * Settings -> AlarmSubscriptions and BlackholeDropAlarms args: who the alarm topic notifies (the
 * topic the VPN component created: `vpn.alarms.createTopic`), and a blackhole-drop alarm per spoke
 * attachment, notifying that topic or the existing `vpn.alarms.snsTopicArn`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AlarmSubscriptionsArgs, BlackholeDropAlarmsArgs } from "../components/observability";
import type { NetworkSettings } from "../settings/types";

/** The subscriptions, when there are any (the settings rules have checked that the program owns the topic). */
export function alarmSubscriptionsArgs(
  settings: NetworkSettings,
  topicArn: pulumi.Input<string> | undefined,
): AlarmSubscriptionsArgs | undefined {
  const subscriptions = settings.vpn.alarms.subscriptions;
  if (subscriptions.length === 0) return undefined;
  if (topicArn === undefined) throw new Error("vpn.alarms.subscriptions without an alarm topic");
  return { topicArn, subscriptions: subscriptions.map((s) => ({ ...s })) };
}

/** One alarm per spoke attachment (what a segment's blackhole routes stop), when the alarms are on. */
export function blackholeDropAlarmsArgs(
  settings: NetworkSettings,
  inputs: {
    transitGatewayId: pulumi.Input<string>;
    spokeAttachmentIds: Record<string, pulumi.Input<string>>;
    topicArn?: pulumi.Input<string>;
  },
): BlackholeDropAlarmsArgs | undefined {
  const a = settings.monitoring.blackholeAlarms;
  if (!a.enabled || settings.spokes.length === 0) return undefined;
  return {
    transitGatewayId: inputs.transitGatewayId,
    attachments: settings.spokes.map((s) => {
      const attachmentId = inputs.spokeAttachmentIds[s.name];
      if (attachmentId === undefined) throw new Error(`no attachment for spoke ${s.name}`);
      return { name: s.name, attachmentId };
    }),
    periodSeconds: a.periodSeconds,
    evaluationPeriods: a.evaluationPeriods,
    ...(inputs.topicArn !== undefined ? { topicArn: inputs.topicArn } : {}),
    tags: settings.tags,
  };
}
