/**
 * The offline speedups (plan/sdk/offline-speed.ts) change how fast the plan runs, never what it sees:
 * the captured run of each real stack (every resource with its inputs, outputs, parent,
 * dependencies, protection and secrecy, and the stack outputs, in order) is identical with them and
 * with the SDK's defaults (PLAN_STACK_TRACES=1 turns them all off). The report is built from the
 * captured run alone (plan/build-report.ts), so it is the same too. Each capture runs in its own
 * process.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { captureInChild } from "../plan/diff/capture-child";
import { projectRoot } from "../plan/runtime/stack-config";

function capture(stack: string, sdkDefaults: boolean) {
  const env = { ...process.env };
  if (sdkDefaults) env.PLAN_STACK_TRACES = "1";
  else delete env.PLAN_STACK_TRACES;
  return captureInChild({ root: projectRoot, stack, env });
}

for (const stack of ["dev", "prod"]) {
  test(`${stack}: the captured run is identical with the offline speedups and with the SDK's defaults`, async () => {
    const [fast, sdk] = await Promise.all([capture(stack, false), capture(stack, true)]);
    assert.ok(fast.resources.length > 50, "the run registered the stack's resources");
    assert.ok(Object.keys(fast.outputs).length > 3, "the run exported the stack's outputs");
    // As text: the same values in the same order.
    assert.equal(JSON.stringify(fast), JSON.stringify(sdk));
  });
}
