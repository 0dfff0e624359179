/**
 * The offline diff on the real stacks: each run is captured in its own child process (the program
 * runs four times, never in this process), then compared by URN.
 *  - dev -> prod: the evolution the design promises (only additions, plus what the egress switch
 *    retires);
 *  - dev -> dev with vpn-1 accelerated and the development spoke renamed to "dev" (one run for both
 *    edits, to keep the suite fast; their effects are told apart by the reasons): acceleration is a
 *    create-time option, so vpn-1 is replaced; the rename gives the spoke's resources new URNs;
 *  - dev -> dev with vpn-1 moved to private outside addresses over Direct Connect: the provider
 *    would not apply that change to the existing connection, so the diff refuses it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parse, stringify } from "yaml";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { captureInChild } from "../plan/diff/capture-child";
import { exitCodeFor } from "../plan/diff/command";
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
let privateOutside: RunDiff;

before(async () => {
  const variant = editedDev("accelerated-renamed", (c) => {
    const vpn = (c["hybrid-network:vpnConnections"] as { name: string; acceleration?: boolean }[])[0];
    const spoke = (c["hybrid-network:spokes"] as { name: string }[])[0];
    assert.ok(vpn && spoke);
    vpn.acceleration = true;
    spoke.name = "dev";
  });
  const overDirectConnect = editedDev("private-outside", (c) => {
    const vpn = (c["hybrid-network:vpnConnections"] as Record<string, unknown>[])[0];
    const cgw = (c["hybrid-network:customerGateways"] as Record<string, unknown>[])[0];
    assert.ok(vpn && cgw);
    vpn.outsideIpAddressType = "PrivateIpv4";
    vpn.transportTransitGatewayAttachmentId = "tgw-attach-0123456789abcdef0";
    // Over Direct Connect the router is reached on a private address (a new customer gateway).
    cgw.ipAddress = "10.255.0.10";
  });
  // Every run as stack "dev", so names derived from the stack name compare equal (one stack evolving).
  const capture = (configFile: string) => captureInChild({ root, stack: "dev", configFile });
  const [dev, prod, accelerated, privateRun] = await Promise.all(
    [join(root, "Pulumi.dev.yaml"), join(root, "Pulumi.prod.yaml"), variant, overDirectConnect].map(capture),
  );
  assert.ok(dev && prod && accelerated && privateRun);
  assertSane(dev);
  devToProd = diffRuns(dev, prod, labels);
  edited = diffRuns(dev, accelerated, labels);
  privateOutside = diffRuns(dev, privateRun, labels);
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

test("moving vpn-1 to private outside addresses is refused: the provider would not apply it to the existing connection", () => {
  assert.deepEqual(
    privateOutside.refused.map((r) => [r.type, r.name, r.properties]),
    [[types.vpn, "vpn-1", ["outsideIpAddressType", "transportTransitGatewayAttachmentId"]]],
  );
  assert.equal(exitCodeFor(privateOutside), 1);
  // The new customer gateway is a replacement; the connection follows it in place (disruptive).
  assert.equal(privateOutside.changes.find((c) => c.type === types.cgw)?.kind, "replace");
  const vpn = privateOutside.changes.find((c) => c.type === types.vpn && c.name === "vpn-1");
  assert.equal(vpn?.kind, "update");
  assert.equal(vpn?.changes.find((p) => p.property === "customerGatewayId")?.disruptive, true);
  assert.match(renderDiffMarkdown(privateOutside), /\*\*REFUSED: 1 change[\s\S]*## Refused \(1\)/);
  assert.equal(exitCodeFor(devToProd), 0);
  assert.equal(exitCodeFor(edited), 0);
});
