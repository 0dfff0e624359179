/**
 * The deployed prod stack moving to this program (one program run): its inputs as the earlier
 * program registered them are the run with vpn-3 and vpn-4 sending tunnelBandwidth "standard" and
 * the workload ACLs allowing everything out. Against that, this program replaces and deletes
 * nothing: the accelerated connections are unchanged (tunnelBandwidth is Optional+Computed, the
 * state keeps "standard"), and each workload ACL gains its outbound denies in place.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { cloudChanges, diffRuns } from "../plan/diff/engine";
import type { RunDiff } from "../plan/diff/engine";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { planOk, types } from "./harness";

const allowAll = { ruleNo: 32000, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 };

/** The run as the program before the outbound denies and the accelerated-bandwidth fix registered it. */
function asDeployedBefore(run: CapturedRun): CapturedRun {
  return {
    ...run,
    resources: run.resources.map((r) => {
      if (r.type === types.vpn && r.inputs.enableAcceleration === true)
        return { ...r, inputs: { ...r.inputs, tunnelBandwidth: "standard" } };
      if (r.type === types.networkAcl) return { ...r, inputs: { ...r.inputs, egress: [allowAll] } };
      return r;
    }),
  };
}

let run: CapturedRun;
let diff: RunDiff;
before(async () => {
  run = await planOk("prod");
  diff = diffRuns(asDeployedBefore(run), run, { before: "deployed", after: "this program" });
});

test("the accelerated connections send no tunnelBandwidth now, and the diff sees no change to them", () => {
  const accelerated = run.resources.filter((r) => r.type === types.vpn && r.inputs.enableAcceleration === true);
  assert.deepEqual(
    accelerated.map((r) => r.name),
    ["vpn-3", "vpn-4"],
  );
  for (const r of accelerated) assert.equal("tunnelBandwidth" in r.inputs, false, r.name);
  assert.deepEqual(
    diff.changes.filter((c) => c.type === types.vpn),
    [],
  );
});

test("nothing is replaced or deleted; the workload ACLs gain their outbound denies in place, nothing else changes", () => {
  assert.deepEqual(cloudChanges(diff, "replace"), []);
  assert.deepEqual(cloudChanges(diff, "delete"), []);
  assert.deepEqual(cloudChanges(diff, "create"), []);
  const updates = cloudChanges(diff, "update");
  assert.deepEqual(updates.map((c) => c.name).sort(), ["development-workloads", "production-workloads", "test-workloads"]);
  for (const u of updates) {
    assert.equal(u.type, types.networkAcl);
    assert.equal(u.rulesUnknown, undefined, `${u.name}: the diff knows the type's rules`);
    assert.deepEqual(
      u.changes.map((c) => [c.property, c.effect]),
      [["egress", "update"]],
      u.name,
    );
  }
  assert.deepEqual(diff.refused, []);
});
