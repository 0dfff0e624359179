/**
 * The offline diff on the real stacks: each run is captured in its own child process (the program
 * runs three times, never in this process), then compared by URN.
 *  - dev -> prod: the evolution the design promises (only additions, plus what the egress switch
 *    retires);
 *  - dev -> dev with vpn-1 accelerated and the development spoke renamed to "dev" (one run for both
 *    edits, to keep the suite fast; their effects are told apart by the reasons): acceleration is a
 *    create-time option, so vpn-1 is replaced; the rename gives the spoke's resources new URNs.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parse, stringify } from "yaml";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { captureInChild } from "../plan/diff/capture-child";
import { blockedByProtect, cloudChanges, diffRuns } from "../plan/diff/engine";
import type { ResourceChange, RunDiff } from "../plan/diff/engine";
import { renderDiffMarkdown } from "../plan/diff/render";
import { types } from "./harness";

const root = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "diff-stacks-"));
const labels = { before: "before", after: "after" };

/** Pulumi.dev.yaml with an edit, written to a temporary stack file. */
function editedDev(name: string, edit: (config: Record<string, unknown>) => void): string {
  const doc = parse(readFileSync(join(root, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
  edit(doc.config);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

let devToProd: RunDiff;
let edited: RunDiff;

before(async () => {
  const variant = editedDev("accelerated-renamed", (c) => {
    (c["hybrid-network:vpnConnections"] as { name: string; acceleration?: boolean }[])[0].acceleration = true;
    (c["hybrid-network:spokes"] as { name: string }[])[0].name = "dev";
  });
  // Every run as stack "dev", so names derived from the stack name compare equal (one stack evolving).
  const capture = (configFile: string) => captureInChild({ root, stack: "dev", configFile });
  const [dev, prod] = await Promise.all([capture(join(root, "Pulumi.dev.yaml")), capture(join(root, "Pulumi.prod.yaml"))]);
  assertSane(dev);
  devToProd = diffRuns(dev, prod, labels);
  edited = diffRuns(dev, await capture(variant), labels);
});

after(() => rmSync(dir, { recursive: true, force: true }));

function assertSane(run: CapturedRun): void {
  for (const t of [types.tgw, types.cgw, types.vpn, types.vpcAttachment])
    assert.ok(
      run.resources.some((r) => r.type === t),
      `dev registers no ${t}`,
    );
}

const names = (list: ResourceChange[]) => list.map((c) => `${c.type.split(":").pop()} ${c.name}`).sort();
const critical: string[] = [types.tgw, types.cgw, types.vpn, types.vpcAttachment, types.tgwRouteTable];

test("dev -> prod replaces nothing and deletes only what the egress switch retires", () => {
  assert.deepEqual(names(cloudChanges(devToProd, "replace")), []);
  const deleted = cloudChanges(devToProd, "delete");
  const retired = new Set<string>([
    types.nat,
    types.eip,
    types.igw,
    types.subnet,
    types.routeTable,
    types.route,
    types.routeTableAssociation,
  ]);
  for (const c of deleted) {
    assert.ok(retired.has(c.type), `unexpected deletion: ${c.type} ${c.name}`);
    assert.ok(c.name.startsWith("development-"), `deletion outside the development spoke: ${c.name}`);
    if (c.type === types.subnet || c.type === types.routeTable || c.type === types.routeTableAssociation) assert.match(c.name, /public/);
  }
  assert.ok(deleted.some((c) => c.type === types.nat) && deleted.some((c) => c.type === types.igw), "NAT and IGW are retired");
  assert.deepEqual(blockedByProtect(devToProd), []);
});

test("dev -> prod keeps the hub, the customer gateway, vpn-1 and the development attachment (at most in-place updates)", () => {
  for (const c of devToProd.changes.filter((c) => critical.includes(c.type))) {
    assert.ok(c.kind === "update" || c.kind === "create", `${c.kind} ${c.type} ${c.name}: ${c.reasons.join("; ")}`);
    for (const p of c.changes) assert.notEqual(p.effect, "rejected", `${c.name}.${p.property} would be rejected by AWS`);
  }
  const created = new Set(cloudChanges(devToProd, "create").map((c) => `${c.type} ${c.name}`));
  assert.ok(created.has(`${types.cgw} cgw-secondary`));
  assert.ok(!created.has(`${types.vpn} vpn-1`) && !created.has(`${types.tgw} hub`));
});

const isRename = (c: ResourceChange) => c.reasons.some((r) => r.startsWith("renamed development"));

test("flipping acceleration on vpn-1 is reported as its replacement", () => {
  const vpn = edited.changes.find((c) => c.type === types.vpn && c.name === "vpn-1");
  assert.equal(vpn?.kind, "replace");
  assert.match(vpn?.reasons.join() ?? "", /enableAcceleration changed/);
  // Besides the renamed spoke, only what hangs off the connection (its attachment id) is replaced.
  for (const c of cloudChanges(edited, "replace").filter((c) => c !== vpn && !isRename(c))) {
    assert.match(c.reasons.join(), /comes from (vpn-1|dev-)/, `${c.type} ${c.name}: ${c.reasons.join("; ")}`);
  }
  assert.match(renderDiffMarkdown(edited), /\| VpnConnection \| vpn-1 \| enableAcceleration changed/);
});

test("renaming a spoke is reported as a replacement of its resources, not of the hub or the gateways", () => {
  const renamedSpoke = cloudChanges(edited, "replace").filter(isRename);
  assert.ok(renamedSpoke.some((c) => c.type === types.vpc && c.name === "dev-vpc" && c.previousUrn?.endsWith("::development-vpc")));
  assert.ok(renamedSpoke.some((c) => c.type === types.vpcAttachment));
  assert.ok(renamedSpoke.some((c) => c.type === types.subnet));
  // Nothing of the spoke is left as a bare delete + create: each old resource is paired with its new one.
  assert.deepEqual(names(cloudChanges(edited, "delete")), []);
  assert.deepEqual(
    names(cloudChanges(edited, "create")).filter((n) => / dev-/.test(n)),
    [],
  );
  for (const c of edited.changes.filter((c) => [types.tgw, types.cgw, types.tgwRouteTable].includes(c.type as never))) {
    assert.notEqual(c.kind, "replace", `${c.type} ${c.name}: ${c.reasons.join("; ")}`);
  }
});
