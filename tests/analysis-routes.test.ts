/** Route model and lookups on hand-built runs: AWS's evaluation order, what propagates, ECMP. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnalysisContext } from "../plan/analysis/context";
import { awsTypes, buildRouteModel } from "../plan/analysis/model";
import type { RouteModel } from "../plan/analysis/model";
import type { Start } from "../plan/analysis/reachability";
import { walk as walkIn } from "../plan/analysis/reachability";
import { designedStack, editResource, idOf, without } from "./analysis-fixtures";

const prod = designedStack("prod");
const dev = designedStack("dev");

function table(run: typeof prod, name: string): string {
  return idOf(run, awsTypes.tgwRouteTable, name);
}

// Each lookup analyses the model as it is at the call (some tests edit a model after building it).
const tgwLookup = (model: RouteModel, tableId: string, dest: string) => new AnalysisContext(model).ix.tgwLookup(tableId, dest);
const vpcLookup = (model: RouteModel, tableId: string, dest: string) => new AnalysisContext(model).ix.vpcLookup(tableId, dest);
const walk = (model: RouteModel, start: Start, dest: string) => walkIn(new AnalysisContext(model), start, dest);

test("a VPC attachment propagates its VPC CIDR; a BGP VPN propagates the advertised zones and the default route", () => {
  const model = buildRouteModel(prod);
  const dev = model.attachments.find((a) => a.name === "development")!;
  assert.deepEqual(dev.advertises, ["10.20.0.0/16"]);
  const vpn = model.attachments.find((a) => a.name === "vpn-1")!;
  assert.equal(vpn.kind, "vpn");
  assert.ok(vpn.advertises.includes("10.110.0.0/16"));
  assert.ok(vpn.advertises.includes("0.0.0.0/0"), "prod on-prem advertises a default route");
  assert.equal(vpn.associatedTable, table(prod, "hub-onprem"));
  assert.equal(vpn.vpn?.customerGatewayName, "cgw-primary");
});

test("dev: on-prem does not advertise a default route, so no VPN route for 0.0.0.0/0", () => {
  const model = buildRouteModel(dev);
  assert.deepEqual(tgwLookup(model, table(dev, "hub-development"), "8.8.8.8/32"), []);
});

test("a static VPN propagates nothing", () => {
  const run = editResource(
    dev,
    (r) => r.type === awsTypes.vpn,
    (i) => (i.staticRoutesOnly = true),
  );
  const model = buildRouteModel(run);
  assert.deepEqual(model.attachments.find((a) => a.name === "vpn-1")!.advertises, []);
  assert.deepEqual(tgwLookup(model, table(run, "hub-development"), "10.100.0.0/16"), []);
});

test("longest prefix wins; a blackhole on a longer prefix drops", () => {
  const model = buildRouteModel(prod);
  const [r] = tgwLookup(model, table(prod, "hub-test"), "10.110.0.0/16");
  assert.equal(r?.blackhole, true);
  const [d] = tgwLookup(model, table(prod, "hub-test"), "8.8.8.8/32");
  assert.equal(d?.prefix, "0.0.0.0/0");
  assert.equal(d?.kind, "static");
});

test("for one prefix a static route beats the propagated ones", () => {
  // prod's test table has 0.0.0.0/0 both static (to the egress VPC) and propagated from four VPNs.
  const model = buildRouteModel(prod);
  const all = model.tgwRoutes.filter((r) => r.table === table(prod, "hub-test") && r.prefix === "0.0.0.0/0");
  assert.equal(all.length, 5);
  const won = tgwLookup(model, table(prod, "hub-test"), "8.8.8.8/32");
  assert.equal(won.length, 1);
  assert.equal(won[0]?.attachment, idOf(prod, awsTypes.vpcAttachment, "egress"));
});

test("for one prefix a VPC propagation beats a VPN propagation", () => {
  // On-prem announcing the development CIDR too: the VPC's own propagation still wins.
  const model = buildRouteModel(prod);
  const onprem = table(prod, "hub-onprem");
  const vpn = model.attachments.find((a) => a.name === "vpn-1")!;
  model.tgwRoutes.unshift({
    table: onprem,
    prefix: "10.20.0.0/16",
    kind: "propagated",
    blackhole: false,
    attachment: vpn.id,
    resource: "vpn-1-to-onprem",
  });
  const won = tgwLookup(model, onprem, "10.20.0.0/16");
  assert.equal(won.length, 1);
  assert.equal(won[0]?.attachment, idOf(prod, awsTypes.vpcAttachment, "development"));
});

test("several VPNs propagating one prefix are ECMP paths only with vpnEcmpSupport enabled", () => {
  const on = tgwLookup(buildRouteModel(prod), table(prod, "hub-development"), "10.100.0.0/16");
  assert.equal(on.length, 4);
  const off = editResource(
    prod,
    (r) => r.type === awsTypes.tgw,
    (i) => (i.vpnEcmpSupport = "disable"),
  );
  assert.equal(tgwLookup(buildRouteModel(off), table(off, "hub-development"), "10.100.0.0/16").length, 1);
});

test("VPC route tables: the implicit local route, longest prefix, explicit subnet associations", () => {
  const model = buildRouteModel(dev);
  const priv = model.subnets.find((s) => s.name === "development-private-eu-west-1a")!;
  assert.equal(vpcLookup(model, priv.routeTableId, "10.20.5.0/24")?.target.kind, "local");
  assert.equal(vpcLookup(model, priv.routeTableId, "10.100.0.0/16")?.target.kind, "tgw");
  assert.equal(vpcLookup(model, priv.routeTableId, "8.8.8.8/32")?.target.kind, "nat");
  // Without its association the subnet falls back to the VPC's main table, which has only the local route.
  const unassociated = without(dev, (r) => r.type === awsTypes.routeTableAssociation && r.name === "development-private-eu-west-1a");
  const m2 = buildRouteModel(unassociated);
  const s2 = m2.subnets.find((s) => s.name === "development-private-eu-west-1a")!;
  assert.equal(s2.routeTableId, "rtb-development-main");
  const w = walk(m2, { kind: "subnet", subnetId: s2.id }, "10.100.0.0/16");
  assert.equal(w.ok, false);
  assert.match(w.decidedBy, /development \(main\).*no route for 10\.100\.0\.0\/16/);
});

test("a subnet reaches the TGW only when the attachment has a subnet in its AZ", () => {
  const vpcAtt = prod.resources.find((r) => r.type === awsTypes.vpcAttachment && r.name === "production")!;
  const azC = idOf(prod, awsTypes.subnet, "production-transit-eu-west-1c");
  const run = editResource(
    prod,
    (r) => r.type === vpcAtt.type && r.name === vpcAtt.name,
    (i) => {
      i.subnetIds = (i.subnetIds as string[]).filter((s) => s !== azC);
    },
  );
  const model = buildRouteModel(run);
  const sub = model.subnets.find((s) => s.name === "production-private-eu-west-1c")!;
  const w = walk(model, { kind: "subnet", subnetId: sub.id }, "10.101.0.0/16");
  assert.equal(w.ok, false);
  assert.match(w.decidedBy, /no subnet in eu-west-1c/);
});
