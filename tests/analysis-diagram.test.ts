/** The topology diagram: generated from the captured resources, stable under registration order. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { mermaidDiagram } from "../plan/analysis/diagram";
import { awsTypes, buildRouteModel } from "../plan/analysis/model";
import { designedStack, without } from "./analysis-fixtures";
import { planOk } from "./harness";

const prod = designedStack("prod");

test("the diagram shows the hub, route tables with blackholes, VPNs, customer gateways, spokes and egress", () => {
  const d = mermaidDiagram(buildRouteModel(prod));
  assert.match(d, /^flowchart LR\n/);
  assert.match(d, /subgraph hub\["TGW hub \(VPN ECMP\)"\]/);
  assert.match(
    d,
    /rt_hub_development\[\("hub-development<br\/>blackhole 10\.110\.0\.0\/16, 10\.111\.0\.0\/16, 10\.30\.0\.0\/16, 10\.40\.0\.0\/16"\)\]/,
  );
  assert.match(d, /cgw_cgw_secondary --- vpn_vpn_2/);
  assert.match(d, /vpn_vpn_1 ==>\|associated\| rt_hub_onprem/);
  assert.match(d, /vpc_development -.->\|propagates\| rt_hub_onprem/);
  assert.match(d, /rt_hub_test -->\|0\.0\.0\.0\/0\| vpc_egress/);
  assert.match(d, /vpc_egress\["VPC egress 10\.250\.0\.0\/22<br\/>central egress<br\/>3 NAT, IGW, appliance mode"\]/);
  assert.match(d, /vpc_development\["VPC development 10\.20\.0\.0\/16<br\/>spoke, egress onprem"\]/);
  assert.equal(d.match(/internet\(\(internet\)\)/g)?.length, 1);
});

test("the same resources in another order give the same text", () => {
  const shuffled = structuredClone(prod);
  shuffled.resources.reverse();
  assert.equal(mermaidDiagram(buildRouteModel(shuffled)), mermaidDiagram(buildRouteModel(prod)));
});

test("the diagram follows the resources, not the settings: a removed propagation disappears", () => {
  const broken = without(prod, (r) => r.type === awsTypes.tgwPropagation && r.name === "development-to-onprem");
  const d = mermaidDiagram(buildRouteModel(broken));
  assert.doesNotMatch(d, /vpc_development -.->\|propagates\| rt_hub_onprem/);
  assert.match(d, /vpc_test -.->\|propagates\| rt_hub_onprem/);
});

test("the diagram shows the flow log of each VPC and of the TGW, and who the alarm topic notifies, from the resources", async () => {
  const run = await planOk("prod");
  const d = mermaidDiagram(buildRouteModel(run));
  assert.match(d, /subgraph hub\["TGW hub \(VPN ECMP\)<br\/>flow logs: CloudWatch Logs, 365 d"\]/);
  for (const vpc of ["development-vpc", "test-vpc", "production-vpc", "egress-vpc"]) {
    assert.match(d, new RegExp(`vpc_${vpc.replace(/-/g, "_")}\\["VPC ${vpc} [^"]*<br/>flow logs: CloudWatch Logs, 365 d"\\]`), vpc);
  }
  assert.match(d, /topic_vpn_alarms\[\/"alarm topic vpn-alarms"\/\]/);
  assert.match(d, /topic_vpn_alarms -->\|email\| sub_alarm_subscriptions_network_oncall\(\["network-oncall@example\.com"\]\)/);

  // Without test's flow log, its VPC shows none; without the subscription, no topic is drawn.
  const fewer = without(
    run,
    (r) => (r.type === awsTypes.flowLog && r.name === "test-vpc-flow-logs") || r.type === awsTypes.topicSubscription,
  );
  const e = mermaidDiagram(buildRouteModel(fewer));
  assert.match(e, /vpc_test_vpc\["VPC test-vpc 10\.30\.0\.0\/16<br\/>spoke, egress central"\]/);
  assert.doesNotMatch(e, /alarm topic/);
});
