/**
 * The analysis neither cries wolf nor misses, where AWS decides per flow or per packet direction:
 * - ECMP: on-prem spreads flows over every VPN announcing the prefix; one path that fails makes the
 *   flow partial, the same in both directions (not blocked one way and reachable the other);
 * - appliance mode: the TGW picks any AZ's ENI of the attachment for a flow; every AZ is walked;
 * - network ACLs are stateless: a reply refused inbound where it lands breaks the flow;
 * - security groups: a flow the routes and ACLs deliver but no group of the program admits is
 *   "routed, not admitted", and each spoke's ingress group id is a stack output to attach.
 * Each case edits the program's own run and shows the result before the edit, so the test fails
 * if the edit stops mattering.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { analyse } from "../plan/analysis";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { reportOf } from "../plan/report/build";
import { editResource, flowOf, idOf, withResource, without } from "./analysis-fixtures";
import { first, planOk, types } from "./harness";

let prod: CapturedRun;
let dev: CapturedRun;
/** prod with the test spoke in one AZ only, so its flows enter the egress VPC from eu-west-1a alone. */
let prodOneAz: CapturedRun;

before(async () => {
  prod = await planOk("prod");
  dev = await planOk("dev");
  prodOneAz = await planOk("prod", {
    edit: (c) => {
      const spokes = c.spokes as { name: string; availabilityZones: string[] }[];
      first(spokes.filter((s) => s.name === "test")).availabilityZones = ["eu-west-1a"];
    },
  });
});

/**
 * prod with vpn-2 associated with a table of its own that sends development's CIDR to the test
 * spoke's attachment: on-prem learns 10.20.0.0/16 over vpn-1 and vpn-2 alike and spreads flows
 * over both, so the flows hashed onto vpn-2 land in the wrong VPC.
 */
function misroutedEcmpPath(run: CapturedRun): CapturedRun {
  const vpn2 = idOf(run, types.vpn, "vpn-2");
  let out = withResource(run, { type: types.tgwRouteTable, name: "hub-misrouted", inputs: {}, id: "tgw-rtb-misrouted" });
  out = withResource(out, {
    type: types.tgwRoute,
    name: "hub-misrouted-development",
    inputs: {
      transitGatewayRouteTableId: "tgw-rtb-misrouted",
      destinationCidrBlock: "10.20.0.0/16",
      transitGatewayAttachmentId: idOf(run, types.vpcAttachment, "test-tgw-attachment"),
    },
  });
  return editResource(
    out,
    (r) => r.type === types.tgwAssociation && r.inputs.transitGatewayAttachmentId === vpn2,
    (inputs) => (inputs.transitGatewayRouteTableId = "tgw-rtb-misrouted"),
  );
}

test("ECMP: one of the VPN paths failing makes the flow partial in both directions, naming that path", () => {
  const whole = analyse(prod);
  assert.equal(flowOf(whole, "corporate-clients", "development").status, "reachable");
  assert.equal(flowOf(whole, "development", "corporate-clients").status, "reachable");

  const a = analyse(misroutedEcmpPath(prod));
  const inbound = flowOf(a, "corporate-clients", "development");
  const outbound = flowOf(a, "development", "corporate-clients");
  assert.equal(inbound.status, "partial");
  assert.equal(outbound.status, "partial");
  assert.match(inbound.reason, /^ECMP path via vpn-2: /);
  assert.match(outbound.reason, /^return path from corporate-clients: ECMP path via vpn-2: /);
  // The intent check fails it: a must-reach flow that only some flows of get through.
  assert.ok(a.violations.some((v) => v.rule === "must-reach" && v.flow === "corporate-clients -> development"));
  // The pairwise reference agrees with the class analysis.
  const pairwise = analyse(misroutedEcmpPath(prod), { pairwise: true });
  assert.equal(flowOf(pairwise, "corporate-clients", "development").status, "partial");
  assert.equal(flowOf(pairwise, "development", "corporate-clients").status, "partial");
});

test("appliance mode: a flow may enter the egress VPC in any AZ; one AZ without a way out makes it partial", () => {
  const whole = analyse(prodOneAz);
  assert.equal(flowOf(whole, "test", "internet").status, "reachable");
  const egress = whole.model.attachments.find((x) => x.name === "egress-tgw-attachment");
  assert.equal(egress?.applianceMode, true, "the egress VPC's attachment uses appliance mode");

  // eu-west-1b's attachment subnet loses its default route to the NAT gateway.
  const a = analyse(without(prodOneAz, (r) => r.type === types.route && r.name === "egress-tgw-eu-west-1b-default"));
  const f = flowOf(a, "test", "internet");
  assert.equal(f.status, "partial", "the same-AZ ENI (eu-west-1a) still works, the eu-west-1b one does not");
  assert.match(
    f.reason,
    /^appliance-mode ENI in eu-west-1b \(egress-tgw-eu-west-1b\): route table egress-tgw-eu-west-1b .*has no route for 8\.8\.8\.8\/32/,
  );
});

test("network ACLs are stateless: a reply refused where it lands blocks the flow, and says so", () => {
  const whole = analyse(dev);
  assert.equal(flowOf(whole, "development", "corporate-clients").status, "reachable");

  // The workload ACL refuses corporate-clients inbound, before its allow-all rule; outbound is untouched.
  const edited = editResource(
    dev,
    (r) => r.type === types.networkAcl,
    (inputs) => {
      const ingress = inputs.ingress as Record<string, unknown>[];
      ingress.unshift({ ruleNo: 50, action: "deny", protocol: "-1", cidrBlock: "10.100.0.0/16", fromPort: 0, toPort: 0 });
    },
  );
  const a = analyse(edited);
  const f = flowOf(a, "development", "corporate-clients");
  assert.equal(f.status, "blocked", "the packets leave, the replies are dropped");
  assert.match(
    f.reason,
    /^return path from corporate-clients: network ACL development-workloads rule 50 denies 10\.100\.0\.0\/16 inbound$/,
  );
  assert.ok(a.violations.some((v) => v.rule === "must-reach" && v.flow === "development -> corporate-clients"));
});

test("security groups: delivered flows into a spoke are admitted by its ingress group, or marked routed, not admitted", () => {
  const a = analyse(dev);
  const admission = (from: string, to: string) => a.context.admission.of(flowOf(a, from, to));
  // development's ingress group has rules for corporate-clients (22, 443, 3389) only.
  assert.equal(admission("corporate-clients", "development"), "admitted");
  assert.equal(admission("shared-infra", "development"), "routed, not admitted");
  assert.equal(admission("development", "shared-infra"), undefined, "only flows into a spoke");
  assert.equal(admission("prod-data", "development"), undefined, "a blocked flow is not admitted or not");

  const report = reportOf(dev, a);
  assert.match(report.markdown, /\| shared-infra → development \| reachable, routed, not admitted \|/);
  assert.match(report.markdown, /\| corporate-clients → development \| reachable \|/);
  const json = JSON.parse(report.json) as { reachability: { flows: { from: string; to: string; admission?: string }[] } };
  const flow = (from: string, to: string) => json.reachability.flows.find((f) => f.from === from && f.to === to);
  assert.equal(flow("shared-infra", "development")?.admission, "routed, not admitted");
  assert.equal(flow("corporate-clients", "development")?.admission, "admitted");

  // Without the group's rule, corporate-clients is routed but not admitted.
  const noRule = analyse(without(dev, (r) => r.type === types.ingressRule && r.inputs.cidrIpv4 === "10.100.0.0/16"));
  assert.equal(noRule.context.admission.of(flowOf(noRule, "corporate-clients", "development")), "routed, not admitted");
});

test("each spoke's ingress security group id is a stack output, for workload teams to attach", () => {
  const spokes = dev.outputs.spokes as Record<string, { securityGroupId?: unknown }> | undefined;
  const sg = dev.resources.find((r) => r.type === types.securityGroup && r.name === "development-ingress");
  assert.ok(sg, "development has an ingress security group");
  assert.equal(spokes?.development?.securityGroupId, sg.id);
});
