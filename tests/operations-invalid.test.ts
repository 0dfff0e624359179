/**
 * Invalid operations settings stop the real program before anything is registered, with every error
 * at once, each naming its key path, rule and value.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { isSettingsError } from "../plan/runtime/run";
import { planStack } from "./harness";

test("bad flow log, subscription, alarm and sharing settings: every error named, nothing registered", async () => {
  const result = await planStack("prod", {
    edit: (c) => {
      c.flowLogs = { destination: "s3", kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/abc", retentionDays: 45 };
      const alarms = (c.vpn as { alarms: Record<string, unknown> }).alarms;
      alarms.subscriptions = [{ name: "pager", protocol: "https", endpoint: "ftp://pager.example.com" }];
      c.monitoring = { blackholeAlarms: { periodSeconds: 30 } };
      Object.assign(c.hub as object, { shareScope: "invitations" });
    },
  });
  assert.equal(result.ok, false);
  assert.ok(!result.ok && isSettingsError(result.error));
  assert.deepEqual(
    result.error.issues.map((i) => [i.path, i.rule]),
    [
      ["hub.allowExternalPrincipals", "ram-invitations-need-external-principals"],
      ["flowLogs.retentionDays", "log-retention"],
      ["flowLogs.s3BucketArn", "flow-logs-s3-needs-bucket"],
      ["flowLogs.kmsKeyArn", "flow-logs-kms-needs-cloudwatch"],
      ["vpn.alarms.subscriptions[pager].endpoint", "subscription-https"],
      ["monitoring.blackholeAlarms.periodSeconds", "alarm-period"],
    ],
  );
  assert.match(result.error.message, /flowLogs\.retentionDays: 45 is not a CloudWatch Logs retention/);
  assert.match(
    result.error.message,
    /vpn\.alarms\.subscriptions\[pager\]\.endpoint: "ftp:\/\/pager\.example\.com" is not a URL beginning with https:\/\//,
  );
  assert.match(result.error.message, /monitoring\.blackholeAlarms\.periodSeconds: 30 is not 60 or a multiple of 60 \[alarm-period\]/);
  assert.deepEqual(
    result.run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack"),
    [],
    "no resource is registered on invalid config",
  );
});
