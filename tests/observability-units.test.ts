/**
 * The operations pieces that are pure functions: the dashboard body, the flow log role's ARN
 * parsing, the default dashboard name, and which accounts accept a RAM invitation and which VPCs get
 * a flow log, from settings.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { dashboardBody, flowLogsTrustPolicy } from "../infra/components/observability";
import { defaultDashboardName } from "../infra/settings/defaults";
import { FlowLogTarget } from "../infra/vocabulary/observability";
import { flowLogsArgs, flowLogVpcs, shareAcceptingAccounts, transitGatewayFlowLog } from "../infra/wiring";
import { load } from "./settings-helpers";

test("the dashboard leaves out a widget with no line (PutDashboard refuses one) and lays the rest out two per row", () => {
  const body = dashboardBody({
    region: "eu-west-1",
    transitGatewayId: "tgw-1",
    tunnels: [],
    attachments: [{ name: "development", attachmentId: "tgw-attach-1" }],
    periodSeconds: 300,
  });
  assert.deepEqual(
    body.widgets.map((w) => [(w.properties as { title: string }).title, w.x, w.y]),
    [
      ["TGW attachment bytes in", 0, 0],
      ["TGW attachment bytes out", 12, 0],
      ["TGW packets dropped: blackhole route", 0, 6],
      ["TGW packets dropped: no route", 12, 6],
    ],
  );
});

test("the trust policy refuses what is not a log group ARN", () => {
  assert.throws(() => flowLogsTrustPolicy("arn:aws:s3:::bucket"), /not a CloudWatch Logs group ARN/);
  assert.match(
    flowLogsTrustPolicy("arn:aws-cn:logs:cn-north-1:222222222222:log-group:/x"),
    /arn:aws-cn:ec2:cn-north-1:222222222222:vpc-flow-log\/\*/,
  );
});

test("the default dashboard name keeps only what CloudWatch takes", () => {
  assert.equal(defaultDashboardName("hybrid-network", "prod"), "hybrid-network-prod");
  assert.equal(defaultDashboardName("hybrid-network", "org/team.dev"), "hybrid-network-org-team-dev");
});

test("flow logs off: no VPC and no TGW flow log; the TGW's alone can be turned off", () => {
  const off = load("prod", (c) => (c.flowLogs = { enabled: false }));
  assert.deepEqual(flowLogVpcs(off), []);
  assert.equal(transitGatewayFlowLog(off), false);
  const noTgw = load("prod", (c) => (c.flowLogs = { transitGateway: false }));
  assert.deepEqual(flowLogVpcs(noTgw), ["development", "test", "production", "egress"]);
  assert.equal(transitGatewayFlowLog(noTgw), false);
});

test("accepters: only under invitations, only for spoke accounts listed by id, never the network account", () => {
  assert.deepEqual(shareAcceptingAccounts(load("prod")), [], "organization scope: no invitation");
  const invitations = (principals: string[], edit?: (c: Record<string, unknown>) => void) =>
    shareAcceptingAccounts(
      load("prod", (c) => {
        Object.assign(c.hub as object, { shareScope: "invitations", allowExternalPrincipals: true, sharePrincipals: principals });
        edit?.(c);
      }),
    );
  assert.deepEqual(invitations(["222222222222", "333333333333"]), ["test", "production"]);
  assert.deepEqual(invitations(["333333333333", "arn:aws:organizations::111111111111:organization/o-abcdefghij"]), ["production"]);
  // The network account owns the share: its own spoke needs no invitation.
  assert.deepEqual(
    invitations(["222222222222", "333333333333"], (c) => (c.networkAccount = "test")),
    ["production"],
  );
});

test("flow log retention: days as configured, never as the provider's 0 (no retention policy)", () => {
  const args = (retentionDays: unknown) =>
    flowLogsArgs(
      load("dev", (c) => (c.flowLogs = { retentionDays })),
      FlowLogTarget.Vpc,
      "development",
      "vpc-1",
    );
  assert.equal(args(30).retentionInDays, 30);
  assert.equal(args("never").retentionInDays, 0);
  assert.equal(args("never").logGroupName, "/hybrid-network/dev/flow-logs/vpc/development");
});
