/**
 * A broken adoption stops the real program before any resource is registered, with every error at
 * once, each naming its key path, rule and value: Pulumi.brownfield-vpn-egress.yaml with a mistyped
 * VPC id, a subnet outside the VPC, the NAT gateway still listed after the egress switch, and an
 * attachment /28 on an existing subnet (five errors: the NAT gateway is also in a workload subnet).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { isSettingsError } from "../plan/runtime/run";
import { planStack } from "./harness";

test("every adoption error at once, each naming its key, rule and value; nothing registered", async () => {
  const result = await planStack("brownfield-vpn-egress", {
    edit: (c) => {
      const spoke = (c.spokes as { name: string; existing: Record<string, unknown> }[])[0];
      assert.ok(spoke);
      const existing = spoke.existing as {
        vpcId: string;
        subnets: { name: string; cidr: string }[];
        natGateways: unknown[];
        attachmentSubnets: { cidr: string }[];
      };
      existing.vpcId = "vpc-0a1b2c3d4e5f6071";
      const appB = existing.subnets.find((s) => s.name === "app-b");
      assert.ok(appB);
      appB.cidr = "10.30.16.0/20";
      existing.natGateways = [{ name: "nat-a", id: "nat-0a1b2c3d4e5f6e001", subnet: "app-a", allocationId: "eipalloc-0a1b2c3d4e5f6f001" }];
      const first = existing.attachmentSubnets[0];
      assert.ok(first);
      first.cidr = "10.20.0.16/28";
    },
  });
  assert.equal(result.ok, false);
  assert.ok(!result.ok && isSettingsError(result.error), String(result.ok ? "" : result.error));
  const issues = result.error.issues;
  assert.deepEqual(
    issues.map((i) => [i.path, i.rule]),
    [
      ["spokes[development].existing.vpcId", "adopt-id-format"],
      ["spokes[development].existing.subnets[app-b].cidr", "adopt-subnet-outside-vpc"],
      ["spokes[development].existing.attachmentSubnets[0].cidr", "adopt-attachment-subnet-overlap"],
      ["spokes[development].existing.natGateways[nat-a]", "adopt-retired-by-egress"],
      ["spokes[development].existing.natGateways[nat-a].subnet", "adopt-nat-in-private-subnet"],
    ],
  );
  assert.match(issues[0]?.message ?? "", /"vpc-0a1b2c3d4e5f6071" is not a vpc id: "vpc-" and 8 or 17 hexadecimal characters/);
  assert.match(issues[1]?.message ?? "", /"10\.30\.16\.0\/20" is not inside the VPC's CIDR "10\.20\.0\.0\/16"/);
  assert.match(
    issues[2]?.message ?? "",
    /"10\.20\.0\.16\/28" overlaps spokes\[development\]\.existing\.subnets\[app-a\] "10\.20\.0\.0\/20"/,
  );
  assert.match(issues[3]?.message ?? "", /egress "onprem" runs no NAT gateways of its own/);
  assert.match(result.error.message, /Invalid stack configuration: 5 errors/);
  assert.deepEqual(
    result.run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack"),
    [],
    "no resource is registered on invalid config",
  );
});
