/** Failure and capacity analysis on hand-built runs: single tunnel, VPN connection, customer gateway. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyse } from "../plan/analysis";
import { directionCapacity, setGbps } from "../plan/analysis/capacity";
import { AnalysisContext } from "../plan/analysis/context";
import { awsTypes, buildRouteModel } from "../plan/analysis/model";
import { designedStack, editResource, without } from "./analysis-fixtures";

const prod = designedStack("prod");
const dev = designedStack("dev");

test("prod: every flow survives the loss of any single tunnel, VPN connection or either customer gateway", () => {
  const a = analyse(prod);
  const names = a.failures.map((s) => `${s.kind} ${s.name}`);
  assert.ok(names.includes("tunnel vpn-1/tunnel1") && names.includes("customer-gateway cgw-secondary") && names.includes("vpn vpn-4"));
  assert.equal(a.failures.length, 8 + 4 + 2);
  for (const s of a.failures) assert.deepEqual(s.lost, [], `${s.kind} ${s.name}`);
  assert.equal(a.violations.length, 0);
});

test("prod capacity: 4 connections x 2 standard tunnels: 10 Gbps, 8.75 with one tunnel down, 5 with a customer gateway down", () => {
  const a = analyse(prod);
  const row = a.capacity.find((r) => r.scope === "segment development" && r.direction === "to on-prem")!;
  assert.deepEqual([row.paths, row.gbpsAllUp, row.gbpsOneTunnelDown], [8, 10, 8.75]);
  assert.equal(a.failures.find((s) => s.name === "cgw-primary")!.minGbps, 5);
  assert.equal(a.failures.find((s) => s.name === "vpn-1")!.minGbps, 7.5);
});

test("dev: a single tunnel loss loses nothing; the only VPN connection's loss loses every on-prem flow, without a violation", () => {
  const a = analyse(dev);
  for (const s of a.failures.filter((x) => x.kind === "tunnel")) assert.deepEqual(s.lost, []);
  const vpn = a.failures.find((s) => s.kind === "vpn")!;
  assert.equal(vpn.redundant, false);
  assert.ok(vpn.lost.some((l) => l.flow === "corporate-clients -> development"));
  assert.ok(!vpn.lost.some((l) => l.flow === "development -> internet"), "NAT egress does not use the VPN");
  assert.equal(a.violations.length, 0);
});

test("broken: only the primary gateway's connections propagate into the development table; losing it cuts development", () => {
  const broken = without(prod, (r) => r.type === awsTypes.tgwPropagation && /^vpn-[24]-to-development$/.test(r.name));
  const a = analyse(broken);
  const cgw = a.failures.find((s) => s.name === "cgw-primary")!;
  assert.ok(cgw.lost.some((l) => l.flow === "development -> shared-infra"));
  const v = a.violations.filter((x) => x.rule === "resilience");
  assert.ok(v.some((x) => x.flow === "development -> shared-infra" && /customer-gateway cgw-primary/.test(x.message)));
  // Capacity of development to on-prem halves: two connections instead of four.
  const row = a.capacity.find((r) => r.scope === "development" && r.direction === "to on-prem")!;
  assert.deepEqual([row.paths, row.gbpsAllUp, row.gbpsOneTunnelDown], [4, 5, 3.75]);
});

test("large tunnels carry 5 Gbps each; without VPN ECMP only one tunnel carries traffic", () => {
  const model = buildRouteModel(prod);
  const ids = model.attachments.filter((a) => a.kind === "vpn").map((a) => a.id);
  for (const a of model.attachments) if (a.vpn) a.vpn.tunnelGbps = 5;
  assert.equal(setGbps(new AnalysisContext(model), ids), 40);
  const noEcmp = buildRouteModel(
    editResource(
      prod,
      (r) => r.type === awsTypes.tgw,
      (i) => (i.vpnEcmpSupport = "disable"),
    ),
  );
  const cap = directionCapacity(new AnalysisContext(noEcmp), [ids.slice(0, 1)])!;
  assert.deepEqual([cap.paths, cap.gbpsAllUp, cap.gbpsOneTunnelDown], [1, 1.25, 1.25]);
});

test("the tunnel bandwidth comes from the VpnConnection input tunnelBandwidth", () => {
  const large = editResource(
    dev,
    (r) => r.type === awsTypes.vpn,
    (i) => (i.tunnelBandwidth = "large"),
  );
  const row = analyse(large).capacity.find((r) => r.scope === "development" && r.direction === "to on-prem")!;
  assert.deepEqual([row.gbpsAllUp, row.gbpsOneTunnelDown], [10, 5]);
});

test("a capacity below the required bandwidth with one tunnel down is a violation", () => {
  const broken = without(prod, (r) => r.type === awsTypes.tgwPropagation && /^vpn-[234]-to-test$/.test(r.name));
  const v = analyse(broken).violations.filter((x) => x.rule === "capacity");
  assert.equal(v.length, 1);
  assert.match(v[0]?.message ?? "", /segment test to on-prem: 1\.25 Gbps with one tunnel down, below the required 5 Gbps/);
});
