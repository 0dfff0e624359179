/** The diff engine on hand-built captured runs: no program run, no child process. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { deletionWaves } from "../plan/diff/delete-order";
import { blockedByProtect, cloudChanges, diffRuns, providerKey } from "../plan/diff/engine";
import { renderDiffJson, renderDiffMarkdown } from "../plan/diff/render";
import { replacementRules } from "../plan/diff/rules";
import { T, defaultAws, find, labels, world } from "./diff-fixtures";

test("identical runs: nothing changes", () => {
  const d = diffRuns(world(), world(), labels);
  assert.deepEqual(d.changes, []);
  assert.equal(d.counts.same, world().resources.length - 1);
  assert.deepEqual(d.outputs, { added: [], removed: [], changed: [] });
});

test("flipping acceleration replaces the VPN connection and, through its attachment id, the association", () => {
  const d = diffRuns(world(), world({ acceleration: true }), labels);
  const vpn = find(d, T.vpn, "vpn-1");
  assert.equal(vpn?.kind, "replace");
  assert.match(vpn?.reasons.join() ?? "", /enableAcceleration changed/);
  const assoc = find(d, T.assoc, "vpn-1-assoc");
  assert.equal(assoc?.kind, "replace");
  assert.match(assoc?.reasons.join() ?? "", /transitGatewayAttachmentId comes from vpn-1/);
  // Nothing upstream is touched.
  assert.equal(find(d, T.tgw, "hub"), undefined);
  assert.equal(find(d, T.cgw, "cgw-primary"), undefined);
  assert.equal(d.counts.replace, 2);
});

test("a tag change is an in-place update, not a replacement", () => {
  const d = diffRuns(world(), world({ tags: { Name: "hub", owner: "net" } }), labels);
  const tgw = find(d, T.tgw, "hub");
  assert.equal(tgw?.kind, "update");
  assert.deepEqual(
    tgw?.changes.map((c) => [c.property, c.effect]),
    [["tags", "update"]],
  );
  assert.equal(d.counts.replace, 0);
});

test("the TGW's Amazon-side ASN is an update AWS rejects with BGP attachments, not a replacement", () => {
  const d = diffRuns(world(), world({ asn: 64600 }), labels);
  const tgw = find(d, T.tgw, "hub");
  assert.equal(tgw?.kind, "update");
  assert.equal(tgw?.changes[0]?.effect, "rejected");
  assert.match(renderDiffMarkdown(d), /REJECTED by AWS/);
});

test("a tunnel's inside CIDR or key changes in place but is disruptive; the key stays masked", () => {
  const d = diffRuns(world(), world({ insideCidr: "169.254.11.0/30", psk: "secondKey456" }), labels);
  const vpn = find(d, T.vpn, "vpn-1");
  assert.equal(vpn?.kind, "update");
  assert.deepEqual(
    vpn?.changes.map((c) => [c.property, c.effect, c.disruptive]),
    [
      ["tunnel1InsideCidr", "update", true],
      ["tunnel1PresharedKey", "update", true],
    ],
  );
  const key = vpn?.changes.find((c) => c.property === "tunnel1PresharedKey");
  assert.deepEqual([key?.before, key?.after], ["[secret]", "[secret]"]);
  assert.doesNotMatch(renderDiffJson(d) + renderDiffMarkdown(d), /firstKey123|secondKey456/);
});

test("renaming a spoke replaces each of its resources (new URNs), not the hub or the VPN", () => {
  const d = diffRuns(world(), world({ spoke: "dev" }), labels);
  const replaced = cloudChanges(d, "replace").map((c) => `${c.type.split(":").pop()} ${c.name}`);
  assert.deepEqual(replaced.sort(), ["Subnet dev-transit-a", "Vpc dev-vpc", "VpcAttachment dev-attachment"]);
  for (const c of cloudChanges(d, "replace")) {
    assert.match(c.reasons.join(), /renamed development-.* -> dev-.*alias/);
    assert.ok(c.previousUrn?.includes("development"));
  }
  assert.equal(cloudChanges(d, "delete").length, 0);
  assert.equal(cloudChanges(d, "create").length, 0);
  assert.equal(find(d, T.spoke, "dev")?.kind, "replace");
});

test("NAT gateways retired in one VPC and created in another are a delete and a create, not a rename", () => {
  const d = diffRuns(world({ natIn: ["development"] }), world({ natIn: ["egress"] }), labels);
  assert.equal(find(d, T.nat, "egress-nat-a")?.kind, "create");
  assert.equal(d.changes.find((c) => c.kind === "delete" && c.name === "development-nat-a")?.type, T.nat);
  assert.equal(cloudChanges(d, "replace").length, 0);
});

test("a resource moved to another parent under the same name is a replacement", () => {
  const before = world({ extra: (add) => add({ type: T.rt, name: "shared", inputs: { transitGatewayId: "tgw-x" } }) });
  const after = world({
    extra: (add) => {
      const parent = add({ type: T.hub, name: "other", component: true });
      add({ type: T.rt, name: "shared", parent, inputs: { transitGatewayId: "tgw-x" } });
    },
  });
  const d = diffRuns(before, after, labels);
  const moved = find(d, T.rt, "shared");
  assert.equal(moved?.kind, "replace");
  assert.match(moved?.reasons.join() ?? "", /parent changed/);
});

test("another explicit provider replaces; a new version of the default provider does not", () => {
  const explicit = "urn:pulumi:s::p::pulumi:providers:aws::aws-test::22222222";
  const d = diffRuns(world(), world({ vpcProvider: explicit }), labels);
  const vpc = find(d, T.vpc, "development-vpc");
  assert.equal(vpc?.kind, "replace");
  assert.match(vpc?.reasons.join() ?? "", /provider changed: aws::default -> aws::aws-test/);
  // The VPC's replacement cascades to the subnet and the attachment through vpcId.
  assert.equal(find(d, T.subnet, "development-transit-a")?.kind, "replace");
  assert.equal(find(d, T.attach, "development-attachment")?.kind, "replace");

  const bumped = "urn:pulumi:s::p::pulumi:providers:aws::default_7_60_0::33333333";
  assert.deepEqual(diffRuns(world(), world({ vpcProvider: bumped }), labels).changes, []);
  assert.equal(providerKey(defaultAws), "aws::default");
});

test("deleting or replacing a protected resource is flagged: pulumi up would refuse", () => {
  const d = diffRuns(world({ protect: true }), world({ protect: true, acceleration: true }), labels);
  assert.deepEqual(
    blockedByProtect(d).map((c) => c.name),
    ["vpn-1"],
  );
  assert.match(renderDiffMarkdown(d), /1 protected resource\(s\) would be deleted or replaced/);
  assert.equal(blockedByProtect(diffRuns(world(), world({ acceleration: true }), labels)).length, 0);
});

test("a type without rules reports its changes as unverified updates", () => {
  const type = "aws:ec2/vpcEndpoint:VpcEndpoint";
  const before = world({ extra: (add) => add({ type, name: "vpce", inputs: { privateDnsEnabled: true } }) });
  const after = world({ extra: (add) => add({ type, name: "vpce", inputs: { privateDnsEnabled: false } }) });
  const vpce = find(diffRuns(before, after, labels), type, "vpce");
  assert.equal(vpce?.kind, "update");
  assert.equal(vpce?.rulesUnknown, true);
});

test("a flow log cannot be modified: a new traffic type replaces it", () => {
  const type = "aws:ec2/flowLog:FlowLog";
  const before = world({ extra: (add) => add({ type, name: "fl", inputs: { trafficType: "ALL", tags: { a: "1" } } }) });
  const after = world({ extra: (add) => add({ type, name: "fl", inputs: { trafficType: "REJECT", tags: { a: "1" } } }) });
  const fl = find(diffRuns(before, after, labels), type, "fl");
  assert.equal(fl?.kind, "replace");
  assert.equal(fl?.rulesUnknown, undefined);
  assert.match(fl?.reasons.join() ?? "", /trafficType changed/);
  const retagged = world({ extra: (add) => add({ type, name: "fl", inputs: { trafficType: "ALL", tags: { a: "2" } } }) });
  assert.equal(find(diffRuns(before, retagged, labels), type, "fl")?.kind, "update");
});

test("added and removed resources and outputs", () => {
  const before = world();
  const after = world({ extra: (add) => add({ type: T.cgw, name: "cgw-secondary", inputs: { bgpAsn: "65010" } }) });
  after.outputs.extra = 1;
  const d = diffRuns(before, after, labels);
  assert.equal(find(d, T.cgw, "cgw-secondary")?.kind, "create");
  assert.deepEqual(d.outputs.added, ["extra"]);
  const back = diffRuns(after, before, labels);
  assert.equal(find(back, T.cgw, "cgw-secondary")?.kind, "delete");
  assert.deepEqual(back.outputs.removed, ["extra"]);
});

test("every rule names its source", () => {
  for (const [type, t] of Object.entries(replacementRules)) {
    for (const r of t.rules) assert.ok(r.source.length > 10, `${type}.${r.property} has no source`);
  }
  for (const type of [T.vpn, T.cgw, T.tgw, T.vpc, T.subnet, T.attach, T.nat, T.assoc]) assert.ok(replacementRules[type], type);
});

test("a new aws:region replaces every resource of the default AWS provider", () => {
  const inRegion = (region: string): CapturedRun => ({ ...world(), settings: { region } as CapturedRun["settings"] });
  const diff = diffRuns(inRegion("eu-west-1"), inRegion("eu-central-1"), { before: "a", after: "b" });
  const replaced = cloudChanges(diff, "replace");
  assert.ok(replaced.some((c) => c.type === T.tgw && c.reasons.some((r) => /region changed: eu-west-1 -> eu-central-1/.test(r))));
  assert.equal(replaced.length, cloudChanges(diff).length, "every AWS resource");
  const same = diffRuns(inRegion("eu-west-1"), inRegion("eu-west-1"), { before: "a", after: "b" });
  assert.equal(cloudChanges(same).length, 0);
});

/** The world with an imported subnet beside the spoke's own (import id `importId`, or created when undefined). */
function withAdopted(importId: string | undefined, name = "development-app-a"): CapturedRun {
  return world({
    extra: (add) => {
      const r = add({ type: T.subnet, name, inputs: { cidrBlock: "10.20.0.0/20" } });
      if (importId !== undefined) {
        r.importId = importId;
        r.id = importId;
      }
    },
  });
}

test("an adopted resource whose import id changes is replaced: Pulumi deletes the managed one and imports the other", () => {
  const d = diffRuns(withAdopted("subnet-0a1b2c3d4e5f6a001"), withAdopted("subnet-0a1b2c3d4e5f6a009"), labels);
  const subnet = find(d, T.subnet, "development-app-a");
  assert.equal(subnet?.kind, "replace");
  assert.match(subnet?.reasons.join() ?? "", /import id changed: subnet-0a1b2c3d4e5f6a001 -> subnet-0a1b2c3d4e5f6a009/);
  // The same import id, or one dropped once the resource is managed, changes nothing.
  assert.deepEqual(diffRuns(withAdopted("subnet-0a1b2c3d4e5f6a001"), withAdopted("subnet-0a1b2c3d4e5f6a001"), labels).changes, []);
  const dropped = withAdopted("subnet-0a1b2c3d4e5f6a001");
  const managed = withAdopted(undefined);
  const kept = managed.resources.find((r) => r.name === "development-app-a");
  assert.ok(kept);
  kept.id = "subnet-0a1b2c3d4e5f6a001";
  assert.deepEqual(diffRuns(dropped, managed, labels).changes, []);
});

test("an adopted resource under a new name is the deletion of the real one, reported as a replacement", () => {
  const d = diffRuns(withAdopted("subnet-0a1b2c3d4e5f6a001"), withAdopted("subnet-0a1b2c3d4e5f6a001", "development-workloads-a"), labels);
  const subnet = find(d, T.subnet, "development-workloads-a");
  assert.equal(subnet?.kind, "replace");
  assert.match(
    subnet?.reasons.join() ?? "",
    /subnet-0a1b2c3d4e5f6a001 adopted again as development-workloads-a .* deletes it in AWS, unless an alias/,
  );
  assert.equal(d.counts.delete, 0);
  // Another existing subnet under the new name is a plain delete and create.
  const other = diffRuns(
    withAdopted("subnet-0a1b2c3d4e5f6a001"),
    withAdopted("subnet-0a1b2c3d4e5f6a009", "development-workloads-a"),
    labels,
  );
  assert.deepEqual([other.counts.delete, other.counts.create, other.counts.replace], [1, 1, 0]);
});

test("deletions come in Pulumi's waves: dependents first; a cycle ends in one last wave", () => {
  const run = world({ natIn: ["development"] });
  const urn = (name: string) => run.resources.find((r) => r.name === name)?.urn ?? "";
  const d = diffRuns(run, world(), labels);
  // The NAT gateway depends on nothing else deleted: one wave.
  assert.deepEqual(d.deleteOrder, [[urn("development-nat-a")]]);
  const gone = ["development-attachment", "development-transit-a", "development-vpc"].map(urn);
  assert.deepEqual(
    deletionWaves(run, [...gone].reverse()),
    gone.map((u) => [u]),
  );
  const vpc = run.resources.find((r) => r.name === "development-vpc");
  assert.ok(vpc);
  vpc.dependencies.push(urn("development-transit-a"));
  assert.deepEqual(deletionWaves(run, gone), [[urn("development-attachment")], [urn("development-transit-a"), urn("development-vpc")]]);
});

test("the markdown says what changed inside a list or a map: renumbered rules paired, tag keys named", () => {
  const tagged = diffRuns(world(), world({ tags: { Name: "hub", owner: "net" } }), labels);
  const tagLine = renderDiffMarkdown(tagged)
    .split("\n")
    .find((l) => l.includes("| TransitGateway | hub |"));
  assert.match(tagLine ?? "", /tags: owner: \(unset\) -> net \[in place\]/);

  // An ACL whose deny rules were renumbered, one rule added and one dropped.
  const acl = (rules: { ruleNo: number; cidrBlock: string }[]) => {
    const run = world();
    run.resources.push({
      ...structuredClone(run.resources.find((r) => r.type === T.tgw)!),
      urn: "urn:pulumi:test::hybrid-network::aws:ec2/networkAcl:NetworkAcl::dev-workloads",
      type: "aws:ec2/networkAcl:NetworkAcl",
      name: "dev-workloads",
      inputs: { egress: rules.map((r) => ({ action: "deny", protocol: "-1", ...r })) },
    });
    return run;
  };
  const d = diffRuns(
    acl([
      { ruleNo: 100, cidrBlock: "10.110.0.0/16" },
      { ruleNo: 110, cidrBlock: "10.111.0.0/16" },
      { ruleNo: 120, cidrBlock: "10.112.0.0/16" },
    ]),
    acl([
      { ruleNo: 3069, cidrBlock: "10.110.0.0/16" },
      { ruleNo: 110, cidrBlock: "10.111.0.0/16" },
      { ruleNo: 900, cidrBlock: "192.0.2.0/24" },
    ]),
    labels,
  );
  const line = renderDiffMarkdown(d)
    .split("\n")
    .find((l) => l.includes("| NetworkAcl | dev-workloads |"));
  assert.match(line ?? "", /egress: ruleNo 100 -> 3069 \(action=deny protocol=-1 cidrBlock=10\.110\.0\.0\/16\)/);
  assert.match(line ?? "", /ruleNo 120 -> 900, cidrBlock 10\.112\.0\.0\/16 -> 192\.0\.2\.0\/24 \(action=deny protocol=-1\)/);
  assert.doesNotMatch(line ?? "", /10\.111\.0\.0/, "an unchanged rule is not listed");
});
