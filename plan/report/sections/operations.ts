/**
 * Report section "Operations", read from what the program registered: the flow log of every VPC and
 * of the Transit Gateway (where it writes, in which account, with which retention, key and role),
 * the dashboard (what each widget plots), who the alarm topic notifies, the blackhole-drop alarms
 * per attachment, and the RAM invitations accepted per account.
 *
 * The section fails the plan when, with flow logs on, a registered VPC (or the TGW) has no flow log,
 * a flow log writes from another account than its VPC's, a CloudWatch Logs flow log has no delivery
 * role, or the dashboard leaves out a registered tunnel or attachment.
 */
import { ofType as ofTypeIn, resourceById } from "../../runtime/run-index";
import type { CapturedResource, CapturedRun } from "../../runtime/captured-run";
import { awsTypes } from "../../runtime/types";
import { providerName, table } from "../markdown";
import type { SectionResult } from "../section";

export interface FlowLogRow {
  /** `vpc <name>` or `tgw <name>`: the resource recorded. */
  of: string;
  account: string;
  destinationType: string;
  /** The log group's name, or the bucket ARN. */
  destination: string;
  retentionDays?: number;
  kmsKeyArn?: string;
  trafficType: string;
  aggregationSeconds?: number;
  /** The delivery role's resource name (CloudWatch Logs only). */
  role: string;
}

export interface DashboardRow {
  name: string;
  widgets: { title: string; lines: number }[];
}

export interface OperationsSummary {
  flowLogs: FlowLogRow[];
  dashboards: DashboardRow[];
  subscriptions: { name: string; protocol: string; endpoint: string }[];
  blackholeAlarms: { attachment: string; alarm: string; periodSeconds: number; notifies: boolean }[];
  shareAccepters: { name: string; account: string }[];
  problems: string[];
}

type Widget = { properties?: { title?: string; metrics?: unknown[][] } };

function dashboardWidgets(d: CapturedResource): Widget[] {
  try {
    const body = JSON.parse(String(d.inputs.dashboardBody)) as { widgets?: Widget[] };
    return body.widgets ?? [];
  } catch {
    return [];
  }
}

/** Every dimension value a widget plots, for the check that nothing registered is left out. */
function plotted(widgets: Widget[], metric: string): Set<unknown> {
  return new Set(widgets.flatMap((w) => (w.properties?.metrics ?? []).filter((m) => m[1] === metric).flatMap((m) => m.slice(2))));
}

export function summariseOperations(run: CapturedRun): OperationsSummary {
  const ofType = (type: string) => ofTypeIn(run, type);
  const problems: string[] = [];
  const flowLogsOn = run.settings?.flowLogs.enabled ?? false;

  const flowLogs: FlowLogRow[] = ofType(awsTypes.flowLog).map((f) => {
    const target = resourceById(run, f.inputs.vpcId ?? f.inputs.transitGatewayId);
    const group = ofType(awsTypes.logGroup).find((g) => g.outputs.arn === f.inputs.logDestination);
    const role = ofType(awsTypes.iamRole).find((r) => r.outputs.arn === f.inputs.iamRoleArn);
    const of = target
      ? `${target.type === awsTypes.tgw ? "tgw" : "vpc"} ${target.name}`
      : String(f.inputs.vpcId ?? f.inputs.transitGatewayId);
    if (target && providerName(target.provider) !== providerName(f.provider)) {
      problems.push(`flow log ${f.name}: in account ${providerName(f.provider)}, but ${of} is in ${providerName(target.provider)}`);
    }
    if (f.inputs.logDestinationType === "cloud-watch-logs" && !role) problems.push(`flow log ${f.name}: no delivery role`);
    return {
      of,
      account: providerName(f.provider),
      destinationType: String(f.inputs.logDestinationType),
      destination: group ? String(group.inputs.name) : String(f.inputs.logDestination),
      ...(typeof group?.inputs.retentionInDays === "number" ? { retentionDays: group.inputs.retentionInDays } : {}),
      ...(typeof group?.inputs.kmsKeyId === "string" ? { kmsKeyArn: group.inputs.kmsKeyId } : {}),
      trafficType: typeof f.inputs.trafficType === "string" ? f.inputs.trafficType : "all (TGW)",
      ...(typeof f.inputs.maxAggregationInterval === "number" ? { aggregationSeconds: f.inputs.maxAggregationInterval } : {}),
      role: role?.name ?? "",
    };
  });
  if (flowLogsOn) {
    const recorded = new Set(ofType(awsTypes.flowLog).map((f) => f.inputs.vpcId ?? f.inputs.transitGatewayId));
    for (const vpc of ofType(awsTypes.vpc)) if (!recorded.has(vpc.id)) problems.push(`VPC ${vpc.name} has no flow log`);
    if (run.settings?.flowLogs.transitGateway) {
      for (const tgw of ofType(awsTypes.tgw)) if (!recorded.has(tgw.id)) problems.push(`Transit Gateway ${tgw.name} has no flow log`);
    }
  }

  const dashboards: DashboardRow[] = ofType(awsTypes.dashboard).map((d) => {
    const widgets = dashboardWidgets(d);
    const tunnelAddresses = plotted(widgets, "TunnelState");
    for (const vpn of ofType(awsTypes.vpn)) {
      for (const n of [1, 2]) {
        const address = vpn.outputs[`tunnel${n}Address`];
        if (!tunnelAddresses.has(address)) problems.push(`dashboard ${d.name}: no TunnelState line for ${vpn.name} tunnel ${n}`);
      }
    }
    const attachments = plotted(widgets, "PacketDropCountBlackhole");
    const attachmentIds = [
      ...ofType(awsTypes.vpcAttachment).map((a) => [a.name, a.id] as const),
      ...ofType(awsTypes.vpn).map((v) => [v.name, v.outputs.transitGatewayAttachmentId] as const),
    ];
    for (const [name, id] of attachmentIds) if (!attachments.has(id)) problems.push(`dashboard ${d.name}: no drop counts for ${name}`);
    return {
      name: String(d.inputs.dashboardName),
      widgets: widgets.map((w) => ({ title: w.properties?.title ?? "", lines: w.properties?.metrics?.length ?? 0 })),
    };
  });

  const subscriptions = ofType(awsTypes.topicSubscription).map((s) => ({
    name: s.name,
    protocol: String(s.inputs.protocol),
    endpoint: String(s.inputs.endpoint),
  }));
  const blackholeAlarms = ofType(awsTypes.alarm)
    .filter((a) => a.inputs.metricName === "PacketDropCountBlackhole")
    .map((a) => {
      const dimensions = a.inputs.dimensions as Record<string, unknown> | undefined;
      const attachment = resourceById(run, dimensions?.TransitGatewayAttachment);
      return {
        attachment: attachment?.name ?? String(dimensions?.TransitGatewayAttachment),
        alarm: a.name,
        periodSeconds: Number(a.inputs.period),
        notifies: Array.isArray(a.inputs.alarmActions) && a.inputs.alarmActions.length > 0,
      };
    });
  const shareAccepters = ofType(awsTypes.ramAccepter).map((a) => ({ name: a.name, account: providerName(a.provider) }));
  return { flowLogs, dashboards, subscriptions, blackholeAlarms, shareAccepters, problems };
}

export function operationsSection(run: CapturedRun): SectionResult | undefined {
  const s = summariseOperations(run);
  const empty = [s.flowLogs, s.dashboards, s.subscriptions, s.blackholeAlarms, s.shareAccepters].every((list) => list.length === 0);
  if (empty && s.problems.length === 0) return undefined;
  const part = (title: string, lines: string[]) => (lines.length > 2 ? [`### ${title}`, "", ...lines, ""] : []);
  const lines = [
    ...part(
      "Flow logs",
      table(
        ["of", "account", "destination", "where", "retention (days)", "KMS key", "traffic", "interval (s)", "delivery role"],
        s.flowLogs.map((f) => [
          f.of,
          f.account,
          f.destinationType,
          f.destination,
          f.retentionDays ?? "",
          f.kmsKeyArn ?? "",
          f.trafficType,
          f.aggregationSeconds ?? "",
          f.role,
        ]),
      ),
    ),
    ...s.dashboards.flatMap((d) =>
      part(
        `Dashboard ${d.name}`,
        table(
          ["widget", "lines"],
          d.widgets.map((w) => [w.title, w.lines]),
        ),
      ),
    ),
    ...part(
      "Alarm topic subscriptions",
      table(
        ["name", "protocol", "endpoint"],
        s.subscriptions.map((x) => [x.name, x.protocol, x.endpoint]),
      ),
    ),
    ...part(
      "Blackhole-drop alarms",
      table(
        ["attachment", "alarm", "period (s)", "notifies the topic"],
        s.blackholeAlarms.map((a) => [a.attachment, a.alarm, a.periodSeconds, a.notifies ? "yes" : ""]),
      ),
    ),
    ...part(
      "RAM invitations accepted",
      table(
        ["accepter", "account"],
        s.shareAccepters.map((a) => [a.name, a.account]),
      ),
    ),
    ...(s.problems.length > 0 ? ["### Problems", "", ...s.problems.map((p) => `- ${p}`), ""] : []),
  ];
  return { key: "operations", title: "Operations", markdown: lines.join("\n"), json: s, ok: s.problems.length === 0 };
}
