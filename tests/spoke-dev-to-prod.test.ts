/**
 * dev -> prod must only add, apart from what the egress switch of development retires (NAT
 * gateways, their addresses, public subnets, public route table, internet gateway). Compares every
 * resource of the development spoke and its TGW routing, by URN and inputs, between the two stacks.
 * The dev run happens in a child process: one program run per process.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { before, test } from "node:test";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { projectRoot } from "../plan/runtime/stack-config";
import { planOk } from "./harness";
import { tsLoaderArgs } from "../plan/runtime/entries";

const script = `require("./tests/harness").planOk("dev").then((r) => process.stdout.write(JSON.stringify(r.resources)))`;

let prod: CapturedRun;
let dev: CapturedResource[];
before(async () => {
  prod = await planOk("prod");
  const out = execFileSync(process.execPath, [...tsLoaderArgs, "-e", script], {
    cwd: projectRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  dev = JSON.parse(out) as CapturedResource[];
});

/** A URN without its stack, to compare the two stacks' resources. */
const key = (urn: string) => urn.replace(/^urn:pulumi:[^:]+::/, "");

/** The development spoke's resources and the TGW routing that involves it. */
const isDevelopment = (r: CapturedResource) => r.custom && r.urn.includes("SpokeVpc$") && r.name.startsWith("development-");
const retired = /^development-(nat-|nat-eip-|igw$|public)/;
/** Inputs that change in place: tags and the default route's target. */
const comparable = (r: CapturedResource) => {
  const { tags: _tags, natGatewayId: _nat, transitGatewayId: _tgw, ...rest } = r.inputs;
  return r.name.endsWith("-default") ? rest : { ...rest, transitGatewayId: _tgw };
};

test("dev -> prod: the development VPC, subnets, attachment and routes keep their URNs and create-time inputs", () => {
  const after = new Map(prod.resources.map((r) => [key(r.urn), r]));
  const kept = dev.filter((r) => isDevelopment(r) && !retired.test(r.name));
  assert.ok(kept.length >= 15, `${kept.length} kept`);
  for (const r of kept) {
    const p = after.get(key(r.urn));
    assert.ok(p, `${r.name} is gone in prod`);
    assert.deepEqual(comparable(p), comparable(r), r.name);
    assert.equal(key(p.provider), key(r.provider), `${r.name} provider`);
  }
});

test("dev -> prod: the only removals are the NAT egress of development", () => {
  const after = new Set(prod.resources.map((r) => key(r.urn)));
  const removed = dev.filter((r) => r.custom && !after.has(key(r.urn))).map((r) => r.name);
  assert.deepEqual(removed.sort(), [
    "development-igw",
    "development-nat-eip-eu-west-1a",
    "development-nat-eip-eu-west-1b",
    "development-nat-eu-west-1a",
    "development-nat-eu-west-1b",
    "development-public",
    "development-public-default",
    "development-public-eu-west-1a",
    "development-public-eu-west-1a",
    "development-public-eu-west-1b",
    "development-public-eu-west-1b",
  ]);
});

test("dev -> prod: the development TGW routing is kept (association, propagations, blackholes)", () => {
  const after = new Set(prod.resources.map((r) => key(r.urn)));
  const tgwSide = dev.filter((r) => r.urn.includes("SegmentRouting$"));
  assert.ok(tgwSide.length >= 5);
  for (const r of tgwSide) assert.ok(after.has(key(r.urn)), `${r.name} is gone in prod`);
});
