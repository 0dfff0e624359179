/**
 * A large stack: 150 spokes (prod's three spokes copied in turn, as the benchmark's synthetic stacks)
 * built in memory as a designed run. The analysis must give the same answers as on small stacks,
 * and the report must group the matrix by segment while still listing every violation. No timing
 * is asserted here; speed is measured by the benchmark.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyse } from "../plan/analysis";
import { awsTypes } from "../plan/analysis/model";
import { buildReport } from "../plan/report/build";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { fullDetailMaxNetworks, reachabilityMarkdown } from "../plan/report/sections/analysis";
import { designedRun, flowOf as flow, without } from "./analysis-fixtures";
import { load } from "./settings-helpers";
import { entry } from "./harness";

const spokes = 150;
const name = (i: number) => `spoke-${String(i).padStart(4, "0")}`;

function largeRun(): CapturedRun {
  const settings = load("prod");
  const templates = settings.spokes;
  settings.spokes = Array.from({ length: spokes }, (_, i) => ({
    ...structuredClone(entry(templates, i % templates.length, "template spoke")),
    name: name(i),
    cidr: `10.${128 + Math.floor(i / 256)}.${i % 256}.0/24`,
  }));
  return designedRun(settings);
}

const run = largeRun();
const a = analyse(run);
const zones = run.settings!.onPrem.zones.map((z) => z.name);
// Spoke i copies prod's development (i % 3 == 0), test (1) or production (2) spoke.
const development = Array.from({ length: spokes }, (_, i) => i).filter((i) => i % 3 === 0);

test("150 spokes: every pair of networks both ways, and every intent holds", () => {
  const networks = spokes + zones.length + 1;
  assert.equal(a.flows.size, networks * (networks - 1));
  assert.deepEqual(a.violations, []);
  assert.equal(a.failures.length, 8 + 4 + 2);
  for (const s of a.failures) assert.deepEqual(s.lost, [], `${s.kind} ${s.name}`);
});

test("150 spokes: sampled flows between spokes, zones and the internet", () => {
  const devToDev = flow(a, name(0), name(147));
  assert.equal(devToDev.status, "reachable");
  assert.match(devToDev.reason, /hub-development: 10\.128\.147\.0\/24 -> VPC attachment spoke-0147/);
  assert.equal(devToDev.path.length, 4);
  assert.match(devToDev.path[1] ?? "(no second hop)", /^TGW from VPC attachment spoke-0000 \[/);
  assert.match(devToDev.returnPath.at(-1)!, /delivered in VPC spoke-0000/);
  const devToTest = flow(a, name(0), name(1));
  assert.equal(devToTest.status, "blocked");
  assert.match(devToTest.reason, /10\.128\.1\.0\/24 blackhole/);
  assert.equal(flow(a, name(1), name(4)).status, "reachable");
  assert.equal(flow(a, name(2), name(0)).status, "blocked");
  assert.equal(flow(a, name(2), "prod-data").status, "reachable");
  assert.equal(flow(a, name(0), "prod-services").status, "blocked");
  assert.equal(flow(a, "corporate-clients", name(3)).status, "reachable");
  assert.equal(flow(a, "corporate-clients", name(2)).status, "blocked");
  assert.equal(flow(a, name(0), "internet").internetVia, "onprem");
  assert.ok(flow(a, name(1), "internet").attachments.includes("egress"));
});

test("150 spokes: capacity rows per spoke and per segment", () => {
  const row = a.capacity.find((r) => r.scope === "segment development" && r.direction === "to on-prem")!;
  assert.deepEqual([row.paths, row.gbpsAllUp, row.gbpsOneTunnelDown], [8, 10, 8.75]);
  assert.ok(a.capacity.some((r) => r.scope === name(149)));
});

test("150 spokes, one blackhole missing: every development spoke leaks one way to that production spoke", () => {
  const broken = without(run, (r) => r.type === awsTypes.tgwRoute && r.name === `hub-development-deny-${name(2)}`);
  const b = analyse(broken);
  const leaks = b.violations.filter((v) => v.rule === "must-not-reach");
  assert.equal(leaks.length, development.length);
  assert.deepEqual(
    leaks.map((v) => v.flow),
    development.map((i) => `${name(i)} -> ${name(2)}`),
  );
  assert.ok(leaks.every((v) => /one way/.test(v.message)));
  // The report groups the matrix but lists every violation and every flow it names.
  const report = buildReport(broken);
  assert.equal(report.ok, false);
  for (const i of development) assert.ok(report.markdown.includes(`| must-not-reach | ${name(i)} -> ${name(2)} |`), name(i));
  const json = JSON.parse(report.json) as {
    intent: { violations: unknown[] };
    reachability: { complete: boolean; flows: { from: string; to: string }[]; flowCount: number };
  };
  assert.equal(json.intent.violations.length, development.length);
  assert.equal(json.reachability.complete, false);
  assert.equal(json.reachability.flows.length, development.length);
  assert.ok(json.reachability.flowCount > 20000);
});

test("a stack beyond the bound prints the matrix grouped by class, with each class's members", () => {
  assert.ok(spokes + zones.length + 1 > fullDetailMaxNetworks);
  const md = reachabilityMarkdown(a);
  // Prod's three spokes copied in turn: three classes of 50, development's first.
  assert.match(md, /\| \*\*class 1 \(50 spokes\)\*\* \| reach \(2450\) \| blocked \(2500\) \| blocked \(2500\) \|/);
  const members = development.map(name).join(", ");
  assert.ok(md.includes(`| class 1 | 50 | development | onprem | ${members} |`), "class 1 lists every development spoke");
  assert.match(md, /flows meet the intent and none is partial/);
  assert.ok(!md.includes(`| ${name(0)} → ${name(3)} |`), "no per-flow rows when every flow meets the intent");
});
