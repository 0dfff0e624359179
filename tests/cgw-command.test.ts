/**
 * `npm run cgw` through the launcher, as the network team runs it: the dev kit written with the
 * right modes; an unknown gateway and outputs of another deployment refused with a message naming
 * them, exit 1, nothing written.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { kitFiles } from "../plan/cgw";
import { launcher } from "../plan/runtime/entries";
import { projectRoot } from "../plan/runtime/stack-config";

const dir = mkdtempSync(join(tmpdir(), "cgw-command-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function cgw(...args: string[]) {
  return spawnSync(process.execPath, [launcher, join(projectRoot, "plan", "commands", "cgw.ts"), ...args], {
    cwd: projectRoot,
    encoding: "utf8",
  });
}

test("dev: the kit of cgw-primary, swanctl.conf readable by its owner only, the scripts executable", () => {
  const out = join(dir, "dev");
  const r = cgw("--stack", "dev", "--out", out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /^cgw-primary: 2 tunnels of vpn-1 -> .*\/dev\/cgw-primary \(AWS outside IPs are placeholders: render again with --outputs after deploy\)\n$/,
  );
  assert.deepEqual(readdirSync(out), ["cgw-primary"]);
  assert.deepEqual(readdirSync(join(out, "cgw-primary")).sort(), [...kitFiles].sort());
  const mode = (f: string) => statSync(join(out, "cgw-primary", f)).mode & 0o777;
  assert.deepEqual([mode("swanctl.conf"), mode("interfaces.sh"), mode("fill-keys.sh"), mode("frr.conf")], [0o600, 0o755, 0o755, 0o644]);
  assert.match(readFileSync(join(out, "cgw-primary", "frr.conf"), "utf8"), /^router bgp 65010$/m);
});

test("an unknown gateway: exit 1, the known gateways named, nothing written", () => {
  const out = join(dir, "unknown");
  const r = cgw("--stack", "prod", "--gateway", "cgw-backup", "--out", out);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "error: no customer gateway cgw-backup in stack prod; known: cgw-primary, cgw-secondary\n");
  assert.ok(!existsSync(out));
});

test("outputs of a deployment without vpn-3 and vpn-4: exit 1, the missing connections named, nothing written", () => {
  const doc = JSON.parse(readFileSync(join(__dirname, "fixtures", "cgw", "prod-outputs.json"), "utf8")) as {
    vpnConnections: Record<string, unknown>;
  };
  delete doc.vpnConnections["vpn-3"];
  delete doc.vpnConnections["vpn-4"];
  const file = join(dir, "early-outputs.json");
  writeFileSync(file, JSON.stringify(doc));
  const out = join(dir, "early");
  const r = cgw("--stack", "prod", "--outputs", file, "--out", out);
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /^error: the outputs have no VPN connection vpn-3, vpn-4 \(they have: vpn-1, vpn-2\): pass 'pulumi stack output --json' of stack prod/,
  );
  assert.ok(!existsSync(out));
});
