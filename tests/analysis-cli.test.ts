/**
 * The plan as a pull-request gate: exit 0 with the analysis sections on the real prod stack, exit 1
 * naming the key and the rule for a config whose routes would break an intent. Runs the CLI in child
 * processes (one program per process).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parse, stringify } from "yaml";
import { projectRoot } from "../plan/runtime/stack-config";
import { tsEntryArgs } from "../plan/runtime/entries";
import { entry } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "plan-intent-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function plan(...args: string[]) {
  return spawnSync(process.execPath, [...tsEntryArgs("plan/commands/plan.ts"), ...args], {
    cwd: projectRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

test("prod plan: exit 0 with the reachability matrix, failure and capacity tables and the diagram", () => {
  const r = plan("--stack", "prod");
  assert.equal(r.status, 0, r.stderr);
  for (const heading of ["## Intent check: passed", "## Reachability", "## Failure analysis", "## Capacity", "## Topology"]) {
    assert.ok(r.stdout.includes(heading), heading);
  }
  assert.match(r.stdout, /```mermaid\nflowchart LR/);
});

test("a config whose routes would break an intent is refused before anything is planned: exit 1, naming the key and the rule", () => {
  // On-prem stops announcing dev-data: development may reach it, but no route would lead there.
  // (The intent check's own exit 1, on a network whose routes break an intent, is tested on the
  // report: tests/report-readable.test.ts; every configuration the settings accept passes it,
  // tests/leak-property.test.ts.)
  const doc = parse(readFileSync(join(projectRoot, "Pulumi.dev.yaml"), "utf8")) as {
    config: Record<string, { advertises: Record<string, unknown> }>;
  };
  entry(doc.config, "hybrid-network:onPrem").advertises.zones = [
    "corporate-clients",
    "shared-infra",
    "builder-services",
    "prod-services",
    "prod-data",
  ];
  const file = join(dir, "Pulumi.broken.yaml");
  writeFileSync(file, stringify(doc));
  const r = plan("--stack", "dev", "--config-file", file);
  assert.equal(r.status, 1, r.stderr);
  assert.match(
    r.stdout + r.stderr,
    /spokes\[development\]\.onPremZones\[3\]: "dev-data" is neither announced by on-prem .* \[zone-not-routed\]/,
  );
  assert.doesNotMatch(r.stdout, /## Intent check/);
});

test("the plan command runs the offline diff: dev -> prod creates, replaces nothing; prod against itself changes nothing", () => {
  const evolution = plan("--stack", "prod", "--against", "dev");
  assert.equal(evolution.status, 0, evolution.stderr);
  const counts = /(\d+) to create, (\d+) to delete, (\d+) to replace, \d+ to update in place, (\d+) unchanged\./.exec(evolution.stdout);
  assert.ok(counts, evolution.stdout.slice(-500));
  const [created, deleted, replaced, unchanged] = counts.slice(1).map(Number);
  assert.ok(created !== undefined && deleted !== undefined && unchanged !== undefined, counts[0]);
  assert.ok(created > 100 && deleted > 0 && unchanged > 10, counts[0]);
  assert.equal(replaced, 0);
  const same = plan("--stack", "prod", "--against", "prod");
  assert.equal(same.status, 0, same.stderr);
  assert.match(same.stdout, /0 to create, 0 to delete, 0 to replace, 0 to update in place, \d{3} unchanged\./);
});
