/**
 * One network, not two hubs. Every Pulumi.<stack>.yaml is either deployed or an example state of a
 * deployed stack (`exampleOf`), and no two deployed stacks may build two hubs for one on-prem router
 * (plan/stack-files.ts, `npm run stacks`): the same customer gateway in one account and region, a
 * tunnel inside CIDR used twice toward one router, or overlapping VPC prefixes announced to one
 * router. The program itself refuses `pulumi up` of an example state.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parse, stringify } from "yaml";
import { tsEntryArgs } from "../plan/runtime/entries";
import { runProgram } from "../plan/runtime/run";
import { loadStackConfig, projectRoot } from "../plan/runtime/stack-config";
import { checkStackFiles, deployedStacks, readStackFiles } from "../plan/stack-files";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Doc = { config: Record<string, unknown> };
const doc = (stack: string): Doc => parse(readFileSync(join(projectRoot, `Pulumi.${stack}.yaml`), "utf8")) as Doc;

/** A project directory holding these stack documents (and the project's Pulumi.yaml). */
function project(stacks: Record<string, Doc>): string {
  const dir = mkdtempSync(join(tmpdir(), "stack-files-"));
  dirs.push(dir);
  copyFileSync(join(projectRoot, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  for (const [stack, d] of Object.entries(stacks)) writeFileSync(join(dir, `Pulumi.${stack}.yaml`), stringify(d));
  return dir;
}

/** dev made deployable again: the two-hubs configuration of the issue. */
function devDeployed(): Doc {
  const d = doc("dev");
  delete d.config["hybrid-network:exampleOf"];
  return d;
}

const stacksCommand = (root: string) =>
  spawnSync(process.execPath, [...tsEntryArgs(join(projectRoot, "plan/commands/stacks.ts")), "--root", root], {
    cwd: projectRoot,
    encoding: "utf8",
  });

test("this repository deploys prod; dev and the brownfield stacks are example states of it; nothing collides", () => {
  const files = readStackFiles(projectRoot);
  assert.deepEqual(files.map((f) => f.stack).sort(), ["brownfield", "brownfield-vpn-egress", "dev", "prod"]);
  assert.deepEqual(deployedStacks(files), ["prod"]);
  assert.deepEqual(Object.fromEntries(files.filter((f) => f.exampleOf !== undefined).map((f) => [f.stack, f.exampleOf])), {
    brownfield: "prod",
    "brownfield-vpn-egress": "prod",
    dev: "prod",
  });
  assert.deepEqual(checkStackFiles(files), []);
  const r = stacksCommand(projectRoot);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /deployed: prod/);
  assert.match(r.stdout, /example states \(planned, never deployed\): brownfield, brownfield-vpn-egress, dev/);
});

test("dev and prod both deployed are refused: one customer gateway, the same inside CIDRs, the same VPC prefix, named by file and key", () => {
  const root = project({ dev: devDeployed(), prod: doc("prod") });
  const issues = checkStackFiles(readStackFiles(root));
  const lines = issues.map((i) => `[${i.rule}] ${i.message}`);
  assert.deepEqual(
    issues.map((i) => i.rule),
    ["shared-customer-gateway", "shared-inside-cidr", "shared-inside-cidr", "shared-vpc-prefix"],
    lines.join("\n"),
  );
  assert.match(
    lines[0] ?? "",
    /Pulumi\.dev\.yaml customerGateways\[cgw-primary\] and Pulumi\.prod\.yaml customerGateways\[cgw-primary\]: 203\.0\.113\.10 AS65010 .*eu-west-1/,
  );
  assert.match(
    lines[1] ?? "",
    /169\.254\.10\.0\/30 .*Pulumi\.dev\.yaml vpnConnections\[vpn-1\]\.tunnel1 and Pulumi\.prod\.yaml vpnConnections\[vpn-1\]\.tunnel1, .*203\.0\.113\.10/,
  );
  assert.match(lines[2] ?? "", /169\.254\.10\.4\/30/);
  assert.match(
    lines[3] ?? "",
    /Pulumi\.dev\.yaml spokes\[development\] 10\.20\.0\.0\/16 and Pulumi\.prod\.yaml spokes\[development\] 10\.20\.0\.0\/16/,
  );
  const r = stacksCommand(root);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /2 deployed stacks would collide: 4 problems/);
  assert.match(r.stderr, /\[shared-customer-gateway\]/);
});

test("separate environments pass: another router, or the same router with its own inside CIDRs and prefixes in another account", () => {
  // dev as a lab: its own router address and ASN, inside CIDRs and VPC range.
  const lab = devDeployed();
  const c = lab.config as Record<string, { name: string; [k: string]: unknown }[]>;
  const cgw = c["hybrid-network:customerGateways"]?.[0];
  assert.ok(cgw);
  Object.assign(cgw, { ipAddress: "198.51.100.77", bgpAsn: 65077 });
  assert.deepEqual(checkStackFiles(readStackFiles(project({ dev: lab, prod: doc("prod") }))), []);
  // The same router, but another account and region, other inside CIDRs and another VPC range.
  const other = devDeployed();
  const o = other.config as Record<string, unknown>;
  o["aws:region"] = "eu-central-1";
  o["hybrid-network:accounts"] = [{ name: "lab", accountId: "444444444444", roleArn: "arn:aws:iam::444444444444:role/deploy" }];
  o["hybrid-network:networkAccount"] = "lab";
  const vpn = (o["hybrid-network:vpnConnections"] as { tunnel1: { insideCidr: string }; tunnel2: { insideCidr: string } }[])[0];
  assert.ok(vpn);
  vpn.tunnel1.insideCidr = "169.254.99.0/30";
  vpn.tunnel2.insideCidr = "169.254.99.4/30";
  const spoke = (o["hybrid-network:spokes"] as { cidr: string; availabilityZones: string[] }[])[0];
  assert.ok(spoke);
  spoke.cidr = "10.90.0.0/16";
  spoke.availabilityZones = ["eu-central-1a", "eu-central-1b"];
  assert.deepEqual(checkStackFiles(readStackFiles(project({ dev: other, prod: doc("prod") }))), []);
  // ... and the same router in the same account and region is one customer gateway again.
  delete o["aws:region"];
  o["aws:region"] = "eu-west-1";
  o["hybrid-network:accounts"] = (doc("prod").config["hybrid-network:accounts"] as unknown[]) ?? [];
  delete o["hybrid-network:networkAccount"];
  spoke.availabilityZones = ["eu-west-1a", "eu-west-1b"];
  assert.deepEqual(
    checkStackFiles(readStackFiles(project({ dev: other, prod: doc("prod") }))).map((i) => i.rule),
    ["shared-customer-gateway"],
  );
});

test("an example must name a deployed stack file", () => {
  const orphan = doc("dev");
  orphan.config["hybrid-network:exampleOf"] = "staging";
  const chained = doc("brownfield");
  chained.config["hybrid-network:exampleOf"] = "dev";
  const issues = checkStackFiles(readStackFiles(project({ dev: orphan, brownfield: chained, prod: doc("prod") })));
  assert.deepEqual(
    issues.map((i) => `${i.rule}: ${i.message}`),
    [
      "example-of-not-deployed: Pulumi.brownfield.yaml exampleOf: dev is an example state itself, not a deployed stack",
      "example-of-not-deployed: Pulumi.dev.yaml exampleOf: no stack file Pulumi.staging.yaml",
    ],
  );
});

test("the program refuses `pulumi up` of an example state, before registering anything; the plan (a preview) runs it", async () => {
  const up = await runProgram({ stack: "dev", config: loadStackConfig("dev"), preview: false });
  assert.equal(up.ok, false);
  assert.match(
    up.ok ? "" : up.error.message,
    /Pulumi\.dev\.yaml is an example state of stack prod \(exampleOf\): it is planned, never deployed.*deploy prod/,
  );
  assert.deepEqual(
    up.run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.urn),
    [],
  );
  const preview = await runProgram({ stack: "dev", config: loadStackConfig("dev") });
  assert.equal(preview.ok, true);
  // prod is deployed: `pulumi up` runs it.
  const prod = await runProgram({ stack: "prod", config: loadStackConfig("prod"), preview: false });
  assert.equal(prod.ok, true, prod.ok ? "" : prod.error.message);
});
