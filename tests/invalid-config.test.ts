/**
 * Invalid configuration stops the program before any resource is registered, with every error at
 * once, each naming its key and rule. Runs the real program (and the plan command) on a broken copy
 * of the dev stack: a reserved tunnel inside CIDR, a pre-shared key starting with 0, a reserved
 * customer gateway ASN and two overlapping VPC CIDRs.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { isSettingsError, runProgram } from "../plan/runtime/run";
import { projectRoot, rawConfigFrom } from "../plan/runtime/stack-config";
import { entry, project } from "./harness";
import { tsEntryArgs } from "../plan/runtime/entries";

const fixture = join(projectRoot, "tests", "fixtures", "four-errors.yaml");

test("four errors at once, each naming its key; nothing registered", async () => {
  const doc = parse(readFileSync(fixture, "utf8")) as { config: Record<string, unknown> };
  const raw = rawConfigFrom(doc.config, project);
  // As the Pulumi CLI hands a decrypted secret to the program.
  raw.values[`${project}:vpn1Tunnel1Psk`] = "0abcdefghijk";
  const result = await runProgram({ stack: "dev", config: raw, project });
  assert.equal(result.ok, false);
  assert.ok(!result.ok && isSettingsError(result.error));
  const issues = result.error.issues;
  assert.deepEqual(
    issues.map((i) => [i.path, i.rule]),
    [
      ["customerGateways[cgw-primary].bgpAsn", "cgw-asn-reserved"],
      ["vpnConnections[vpn-1].tunnel1.insideCidr", "tunnel-inside-cidr-reserved"],
      ["vpnConnections[vpn-1].tunnel1.presharedKey.configKey", "preshared-key-format"],
      ["spokes[development-2].cidr", "vpc-cidr-overlap"],
    ],
  );
  assert.match(entry(issues, 0, "issue").message, /7224/);
  assert.match(entry(issues, 1, "issue").message, /169\.254\.169\.252\/30/);
  assert.match(entry(issues, 2, "issue").message, /cannot start with '0' \(value hidden\)/);
  assert.doesNotMatch(result.error.message, /0abcdefghijk/, "the secret value never appears in an error");
  assert.match(entry(issues, 3, "issue").message, /10\.20\.128\.0\/17.*overlaps.*10\.20\.0\.0\/16/);
  assert.deepEqual(
    result.run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack"),
    [],
    "no resource is registered on invalid config",
  );
});

test("the plan command prints every error with its key and exits 1", () => {
  const child = spawnSync(process.execPath, [...tsEntryArgs("plan/commands/plan.ts"), "--stack", "dev", "--config-file", fixture], {
    cwd: projectRoot,
    encoding: "utf8",
  });
  assert.equal(child.status, 1, child.stderr);
  // Offline the secure key is a valid placeholder, so three of the four errors show here.
  assert.match(child.stderr, /3 errors/);
  assert.match(child.stderr, /customerGateways\[cgw-primary\]\.bgpAsn: 7224 is reserved/);
  assert.match(child.stderr, /vpnConnections\[vpn-1\]\.tunnel1\.insideCidr: "169\.254\.169\.252\/30" is reserved/);
  assert.match(child.stderr, /spokes\[development-2\]\.cidr: "10\.20\.128\.0\/17" overlaps/);
  assert.match(child.stderr, /Nothing was planned: 0 resources registered/);
  assert.equal(child.stdout.includes("Resources ("), false);
});

test("--json reports the errors as data and exits 1", () => {
  const child = spawnSync(
    process.execPath,
    [...tsEntryArgs("plan/commands/plan.ts"), "--stack", "dev", "--json", "--config-file", fixture],
    {
      cwd: projectRoot,
      encoding: "utf8",
    },
  );
  assert.equal(child.status, 1);
  const out = JSON.parse(child.stdout) as { ok: boolean; errors: { path: string; rule: string }[]; resources: number };
  assert.equal(out.ok, false);
  assert.equal(out.resources, 0);
  assert.deepEqual(out.errors.map((e) => e.rule).sort(), ["cgw-asn-reserved", "tunnel-inside-cidr-reserved", "vpc-cidr-overlap"]);
});
