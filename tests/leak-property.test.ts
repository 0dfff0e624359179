/**
 * No configuration that validates builds a leak: random small configurations (tests/leak-property-
 * configs.ts) that the settings accept go through the real program under the recording mocks, each
 * in its own child process (Pulumi's runtime is global), and through the intent check; none may
 * have a must-not-reach violation, one-way deliveries included. Configurations the settings reject
 * are skipped (the validator stopped them first).
 *
 * Fixed seed and a modest number of runs, so the unit suite stays quick: each case is one child
 * process (about a second). LEAK_PROPERTY_RUNS=<n> runs more (e.g. 200 in a nightly job) and
 * LEAK_PROPERTY_SEED=<n> explores other cases; a failure prints the seed, the shrunk configuration
 * and its violations.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { stringify } from "yaml";
import { loadSettings } from "../infra/settings/load";
import type { NetworkSettings } from "../infra/settings/types";
import { egressModes } from "../infra/vocabulary/egress";
import { analyse } from "../plan/analysis";
import { captureInChild } from "../plan/diff/capture-child";
import { projectRoot, rawConfigFrom } from "../plan/runtime/stack-config";
import { project } from "./harness";
import { stackConfigArb } from "./leak-property-configs";
import type { StackConfig } from "./leak-property-configs";

const seed = Number(process.env.LEAK_PROPERTY_SEED ?? 20261202);
const numRuns = Number(process.env.LEAK_PROPERTY_RUNS ?? 16);
const dir = mkdtempSync(join(tmpdir(), "leak-property-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The settings of the configuration, or undefined when the settings reject it (the program would throw the same errors). */
function validated(config: StackConfig): NetworkSettings | undefined {
  try {
    return loadSettings(rawConfigFrom(config, project), { project, stack: "property" });
  } catch {
    return undefined;
  }
}

/**
 * Whether the configuration has the shape that leaked: a spoke whose default route goes to the TGW
 * beside a spoke of its segment that may reach a zone it may not. Counted, so the property is known
 * to meet it.
 */
function segmentPeerExposure(settings: NetworkSettings): boolean {
  return settings.spokes.some(
    (a) =>
      egressModes[a.egress].workloadDefaultRoute === "transit-gateway" &&
      settings.spokes.some((b) => b.segment === a.segment && b.onPremZones.some((z) => !a.onPremZones.includes(z))),
  );
}

let file = 0;
const tally = { cases: 0, skipped: 0, exposed: 0, spokes: 0, flows: 0 };

test(`no valid configuration builds a leak (${numRuns} runs, seed ${seed})`, async (t) => {
  await fc.assert(
    fc.asyncProperty(stackConfigArb, async (config) => {
      tally.cases++;
      const settings = validated(config);
      if (!settings) {
        tally.skipped++;
        return;
      }
      if (segmentPeerExposure(settings)) tally.exposed++;
      const configFile = join(dir, `case-${++file}.yaml`);
      writeFileSync(configFile, stringify({ config }));
      const run = await captureInChild({ root: projectRoot, stack: "property", configFile });
      const analysis = analyse(run);
      tally.spokes += run.settings?.spokes.length ?? 0;
      tally.flows += analysis.flows.size;
      const leaks = analysis.violations.filter((v) => v.rule === "must-not-reach");
      assert.deepEqual(
        leaks.map((v) => `${v.message} [${v.route}]`),
        [],
      );
    }),
    { seed, numRuns },
  );
  t.diagnostic(
    `${tally.cases} cases, ${tally.skipped} rejected by the settings, ${tally.exposed} with a spoke exposed to a segment peer's zones; ${tally.spokes} spokes and ${tally.flows} flows analysed`,
  );
  // The generator must mostly produce configurations the settings accept, or the property says little.
  assert.ok(tally.skipped <= tally.cases / 2, `${tally.skipped} of ${tally.cases} configurations were rejected by the settings`);
  assert.ok(tally.exposed > 0, "no case had a spoke exposed to a segment peer's zones");
});
