/**
 * What watches the network, for the diagram: the flow log of each VPC and of the TGW (where it
 * delivers, with the log group's retention) and who the alarm topic notifies. Read from the
 * captured `ec2/FlowLog`, `cloudwatch/LogGroup` and `sns/TopicSubscription` resources.
 */
import type { CapturedRun } from "../../runtime/captured-run";
import { ofType } from "../../runtime/run-index";
import { awsTypes } from "../../runtime/types";
import { firstBy, str } from "./read";
import type { AlarmSubscription, FlowLog } from "./types";

export function buildFlowLogs(run: CapturedRun): FlowLog[] {
  const groups = firstBy(ofType(run, awsTypes.logGroup), (g) => str(g.outputs.arn));
  return ofType(run, awsTypes.flowLog).map((f) => {
    const group = groups.get(str(f.inputs.logDestination) ?? "");
    const retention = group?.inputs.retentionInDays;
    return {
      name: f.name,
      of: str(f.inputs.vpcId) ?? str(f.inputs.transitGatewayId) ?? "",
      destinationType: str(f.inputs.logDestinationType) ?? "cloud-watch-logs",
      ...(typeof retention === "number" ? { retentionDays: retention } : {}),
    };
  });
}

export function buildAlarmSubscriptions(run: CapturedRun): AlarmSubscription[] {
  const topics = firstBy(ofType(run, awsTypes.topic), (t) => str(t.outputs.arn));
  return ofType(run, awsTypes.topicSubscription).map((s) => ({
    name: s.name,
    topic: topics.get(str(s.inputs.topic) ?? "")?.name ?? str(s.inputs.topic) ?? "",
    protocol: str(s.inputs.protocol) ?? "",
    endpoint: str(s.inputs.endpoint) ?? "",
  }));
}
