/**
 * Several program runs in one process capture exactly what one run per process does: each run
 * installs fresh mocks (`setMocks` resets the SDK's runtime options, monitor and stack resource),
 * overwrites the config and calls the program again (infra/program.ts), so nothing of one run is
 * seen by the next. The property test (tests/leak-property.test.ts) relies on it to run hundreds of
 * configurations in one process.
 *
 * Here, in this process: dev, a configuration the settings refuse, prod, the adopted brownfield
 * stack, and dev again; each compared, as JSON, with the same stack captured in its own child
 * process (plan/diff/capture-child.ts).
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { captureInChild } from "../plan/diff/capture-child";
import { runProgram } from "../plan/runtime/run";
import { loadStackConfig, projectRoot } from "../plan/runtime/stack-config";
import { planStack } from "./harness";

type Stack = "dev" | "prod" | "brownfield";

/** JSON text, as a child hands its run over. */
const json = (run: CapturedRun) => JSON.parse(JSON.stringify(run)) as unknown;

const inProcess: { stack: Stack; run: CapturedRun }[] = [];
let refused: Awaited<ReturnType<typeof planStack>>;
let separate: Record<Stack, CapturedRun>;

before(async () => {
  // The children start first and run beside this process's sequence.
  const capture = (stack: Stack) => captureInChild({ root: projectRoot, stack });
  const children = Promise.all([capture("dev"), capture("prod"), capture("brownfield")]);
  const runOk = async (stack: Stack) => {
    const r = await runProgram({ stack, config: loadStackConfig(stack) });
    if (!r.ok) throw r.error;
    inProcess.push({ stack, run: r.run });
  };
  await runOk("dev");
  refused = await planStack("dev", { edit: (c) => ((c.hub as Record<string, unknown>).amazonSideAsn = 1) });
  await runOk("prod");
  await runOk("brownfield");
  await runOk("dev");
  const [dev, prod, brownfield] = await children;
  separate = { dev, prod, brownfield };
});

test("runs in one process capture what runs in separate processes do, in any order", () => {
  assert.deepEqual(
    inProcess.map((r) => r.stack),
    ["dev", "prod", "brownfield", "dev"],
  );
  for (const [i, { stack, run }] of inProcess.entries()) {
    assert.ok(run.resources.length > 60, `run ${i + 1} (${stack}) registered ${run.resources.length} resources`);
    assert.deepEqual(json(run), json(separate[stack]), `run ${i + 1} (${stack}) differs from its own process's capture`);
  }
});

test("a refused configuration between runs registers nothing and leaves nothing for the next run", () => {
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? "" : refused.error.message, /hub\.amazonSideAsn.*tgw-asn-range/);
  assert.deepEqual(
    refused.run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.urn),
    [],
  );
  // The run after it (prod) is already compared above; its stack resource is its own.
  const stackUrns = inProcess.map((r) => r.run.resources.filter((x) => x.type === "pulumi:pulumi:Stack").map((x) => x.urn));
  assert.deepEqual(stackUrns, [
    ["urn:pulumi:dev::hybrid-network::pulumi:pulumi:Stack::hybrid-network-dev"],
    ["urn:pulumi:prod::hybrid-network::pulumi:pulumi:Stack::hybrid-network-prod"],
    ["urn:pulumi:brownfield::hybrid-network::pulumi:pulumi:Stack::hybrid-network-brownfield"],
    ["urn:pulumi:dev::hybrid-network::pulumi:pulumi:Stack::hybrid-network-dev"],
  ]);
});
