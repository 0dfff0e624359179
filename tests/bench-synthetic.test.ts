/**
 * The benchmark's synthetic stacks (bench/synthetic.ts): up to 4,096 spokes keep the CIDRs they
 * always had (so earlier measurements stay comparable), beyond them spokes come from a second range
 * with its own summary, no two spokes overlap and none overlaps prod's zones or egress VPC; the
 * Transit Gateway's full attachment quota is 4,995 of them with prod's 4 VPN connections and egress
 * VPC (the settings refuse one more: tests/settings-rules.test.ts).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { overlappingPairs, within } from "../infra/lib/cidr";
import { maxSyntheticSpokes, spokeCidr, spokeSummaries, syntheticStackYaml } from "../bench/synthetic";
import { readProjectName } from "../plan/runtime/stack-config";

const prodYaml = readFileSync(join(__dirname, "..", "Pulumi.prod.yaml"), "utf8");
const project = readProjectName();

test("the first 4,096 spokes keep their /24 of 172.16.0.0/12; the next ones come from 10.0.0.0/14", () => {
  for (let i = 0; i < 4096; i++) assert.equal(spokeCidr(i), `172.${16 + Math.floor(i / 256)}.${i % 256}.0/24`);
  assert.equal(spokeCidr(4096), "10.0.0.0/24");
  assert.equal(spokeCidr(4994), "10.3.130.0/24");
  assert.throws(() => spokeCidr(maxSyntheticSpokes), RangeError);
  assert.deepEqual(spokeSummaries(4096), ["172.16.0.0/12"]);
  assert.deepEqual(spokeSummaries(4097), ["172.16.0.0/12", "10.0.0.0/14"]);
});

test("synthetic spokes overlap nothing in prod, and each lies in a summary", () => {
  const doc = parse(syntheticStackYaml(prodYaml, 6)) as { config: Record<string, unknown> };
  const zones = (doc.config[`${project}:onPrem`] as { zones: { cidrs: string[] }[] }).zones.flatMap((z) => z.cidrs);
  const egress = (doc.config[`${project}:centralEgress`] as { cidr: string }).cidr;
  const spokes = Array.from({ length: maxSyntheticSpokes }, (_, i) => spokeCidr(i));
  const all = [...spokes, ...zones, egress].map((cidr) => ({ path: cidr, cidr }));
  assert.deepEqual(overlappingPairs(all), []);
  const summaries = spokeSummaries(maxSyntheticSpokes);
  for (const cidr of spokes)
    assert.ok(
      summaries.some((sum) => within(cidr, sum)),
      cidr,
    );
  assert.deepEqual((doc.config[`${project}:hub`] as { spokeSummaryCidrs: string[] }).spokeSummaryCidrs, ["172.16.0.0/12"]);
});

test("the stack dashboard is off exactly when it would graph more lines than CloudWatch takes", () => {
  const dashboard = (n: number) =>
    (parse(syntheticStackYaml(prodYaml, n)) as { config: Record<string, { dashboard?: { enabled?: boolean } } | undefined> }).config[
      `${project}:monitoring`
    ]?.dashboard?.enabled;
  // Prod's 4 VPN connections and egress VPC: 495 spokes make 500 attachment lines on one graph, the most a graph takes.
  assert.equal(dashboard(495), undefined);
  assert.equal(dashboard(496), false);
});
