/**
 * Settings -> FlowLogs args: one flow log per VPC the program manages (every spoke, the central egress
 * VPC) and one for the Transit Gateway, all with the stack's `flowLogs` settings. Names come from
 * config names: `<vpc>-vpc-flow-logs`, `<hub>-tgw-flow-logs` (distinct suffixes, so a spoke named like
 * the hub cannot collide); a CloudWatch Logs group is `/<project>/<stack>/flow-logs/vpc/<vpc>` or
 * `/<project>/<stack>/flow-logs/transit-gateway/<hub>`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { FlowLogsArgs } from "../components/observability";
import { unhandled } from "../lib/exhaustive";
import { neverExpire } from "../settings/defaults";
import type { NetworkSettings } from "../settings/types";
import { FlowLogDestination, FlowLogTarget } from "../vocabulary/observability";

/** The VPCs that get a flow log (when flow logs are on): every spoke, then the central egress VPC. */
export function flowLogVpcs(settings: NetworkSettings): string[] {
  if (!settings.flowLogs.enabled) return [];
  return [...settings.spokes.map((s) => s.name), ...(settings.centralEgress ? [settings.centralEgress.name] : [])];
}

/** Whether the Transit Gateway gets a flow log. */
export function transitGatewayFlowLog(settings: NetworkSettings): boolean {
  return settings.flowLogs.enabled && settings.flowLogs.transitGateway;
}

/** The FlowLogs component's name. */
export function flowLogsName(target: FlowLogTarget, name: string): string {
  switch (target) {
    case FlowLogTarget.Vpc:
      return `${name}-vpc-flow-logs`;
    case FlowLogTarget.TransitGateway:
      return `${name}-tgw-flow-logs`;
    default:
      return unhandled(target, "flow log target");
  }
}

function logGroupName(settings: NetworkSettings, target: FlowLogTarget, name: string): string {
  return `/${settings.project}/${settings.stack}/flow-logs/${target}/${name}`;
}

/** One flow log's args: the target and its id, and the stack's destination settings. */
export function flowLogsArgs(
  settings: NetworkSettings,
  target: FlowLogTarget,
  name: string,
  resourceId: pulumi.Input<string>,
): FlowLogsArgs {
  const f = settings.flowLogs;
  const destination = ((): Pick<FlowLogsArgs, "logGroupName" | "retentionInDays" | "kmsKeyArn" | "s3DestinationArn"> => {
    switch (f.destination) {
      case FlowLogDestination.CloudWatchLogs:
        return {
          logGroupName: logGroupName(settings, target, name),
          // `never`: the provider's 0, no retention policy (as the VPN's tunnel log groups).
          retentionInDays: f.retentionDays === neverExpire ? 0 : f.retentionDays,
          ...(f.kmsKeyArn !== undefined ? { kmsKeyArn: f.kmsKeyArn } : {}),
        };
      case FlowLogDestination.S3:
        if (f.s3BucketArn === undefined) throw new Error("flowLogs.destination s3 without s3BucketArn");
        return { s3DestinationArn: f.s3BucketArn };
      default:
        return unhandled(f.destination, "flow log destination");
    }
  })();
  return {
    target,
    resourceId,
    destination: f.destination,
    ...destination,
    trafficType: f.trafficType,
    maxAggregationIntervalSeconds: f.maxAggregationIntervalSeconds,
    tags: settings.tags,
  };
}
