/**
 * The analysis by class gives exactly what the pairwise analysis gives (every flow with its paths,
 * every violation, failure and capacity row, and the whole report in markdown and JSON), on random
 * configurations (fast-check, fixed seed):
 *  - designed runs (tests/analysis-fixtures.ts) of random settings: segments with random
 *    reachableSegments, spokes drawn from a few random templates (zones, egress nat/onprem/central
 *    mixed, NAT per AZ or single, zones, ingress), each then possibly mutated: one spoke gets one
 *    more route, one more ACL rule (inbound or outbound) or loses a route, a TGW blackhole or a
 *    propagation goes, a static TGW route is added;
 *  - runs of the real program (captured in child processes) on random valid configurations, with
 *    and without spoke summaries, mutated the same way;
 *  - a stack beyond the report's bound (the grouped matrix, every flow on request).
 * Classes must really form (counters at the end), and a key blind to a differing ACL rule must
 * give a different result (the comparison can fail).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { stringify } from "yaml";
import type { NetworkSettings } from "../infra/settings/types";
import { analyse, AnalysisContext } from "../plan/analysis";
import { EndpointClasses } from "../plan/analysis/classes";
import { intentByClass } from "../plan/analysis/classes/checks";
import { ClassFlows } from "../plan/analysis/classes/flows";
import { checkIntent } from "../plan/analysis/intent";
import { awsTypes, buildRouteModel } from "../plan/analysis/model";
import { allFlows } from "../plan/analysis/reachability";
import { captureInChild } from "../plan/diff/capture-child";
import { buildReport, reportOf } from "../plan/report/build";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { designedRun } from "./analysis-fixtures";
import { project, stackDocument } from "./harness";
import { load } from "./settings-helpers";

const zones = ["corporate-clients", "shared-infra", "builder-services", "dev-data", "prod-services", "prod-data"];
const zoneCidrs = ["10.100.0.0/16", "10.101.0.0/16", "10.102.0.0/16", "10.103.0.0/16", "10.110.0.0/16", "10.111.0.0/16"];
const azSets = [["eu-west-1a", "eu-west-1b"], ["eu-west-1a"], ["eu-west-1a", "eu-west-1b", "eu-west-1c"]];

interface Template {
  segment: number;
  zones: string[];
  /** nat, or the segment's default (central or onprem). */
  nat: boolean;
  single: boolean;
  azs: number;
  ingress: boolean;
}

interface Config {
  segments: number;
  /** Per segment: its default route's mode for spokes without NAT. */
  defaults: ("central" | "onprem")[];
  /** Pairs of segments that may talk. */
  talk: [number, number][];
  templates: Template[];
  /** Template per spoke. */
  spokes: number[];
  summary: boolean;
  vpns: number;
  defaultRoute: boolean;
}

const templateArb = fc.record({
  segment: fc.nat({ max: 2 }),
  zones: fc.subarray(zones, { minLength: 1 }),
  nat: fc.boolean(),
  single: fc.boolean(),
  azs: fc.nat({ max: 2 }),
  ingress: fc.boolean(),
});

const configArb: fc.Arbitrary<Config> = fc.record({
  segments: fc.integer({ min: 1, max: 3 }),
  defaults: fc.tuple(fc.constantFrom("central", "onprem"), fc.constantFrom("central", "onprem"), fc.constantFrom("central", "onprem")),
  talk: fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 2 })), { maxLength: 2 }),
  templates: fc.array(templateArb, { minLength: 1, maxLength: 4 }),
  spokes: fc.array(fc.nat({ max: 3 }), { minLength: 2, maxLength: 10 }),
  summary: fc.boolean(),
  vpns: fc.integer({ min: 1, max: 4 }),
  defaultRoute: fc.boolean(),
});

/** Pulumi.prod.yaml's config with the random segments, spokes and VPN connections (keys unqualified). */
function configDocument(c: Config): Record<string, unknown> {
  const doc = structuredClone(stackDocument("prod"));
  const segName = (i: number) => `seg-${String.fromCharCode(97 + (i % c.segments))}`;
  doc.segments = Array.from({ length: c.segments }, (_, i) => ({
    name: segName(i),
    reachableSegments: [...new Set(c.talk.filter(([a, b]) => a % c.segments === i && b % c.segments !== i).map(([, b]) => segName(b)))],
  }));
  doc.spokes = c.spokes.map((t, k) => {
    const tpl = c.templates[t % c.templates.length]!;
    const segment = tpl.segment % c.segments;
    const egress = tpl.nat ? "nat" : c.defaults[segment]!;
    return {
      name: `spoke-${k}`,
      segment: segName(segment),
      cidr: `10.${128 + k}.0.0/16`,
      availabilityZones: azSets[tpl.azs]!,
      onPremZones: tpl.zones,
      egress,
      ...(egress === "nat" && tpl.single ? { natGateways: "single" } : {}),
      ...(tpl.ingress ? { ingress: [{ fromZone: tpl.zones[0], ports: [{ protocol: "tcp", fromPort: 443, toPort: 443 }] }] } : {}),
    };
  });
  const hub = doc.hub as Record<string, unknown>;
  if (c.summary) hub.spokeSummaryCidrs = ["10.128.0.0/9"];
  doc.vpnConnections = (doc.vpnConnections as unknown[]).slice(0, c.vpns);
  // Prod's required bandwidth needs three connections: with fewer, none is required.
  if (c.vpns < 3) delete (doc.vpn as Record<string, unknown>).requiredBandwidthGbps;
  (doc.onPrem as { advertises: { defaultRoute: boolean } }).advertises.defaultRoute = c.defaultRoute;
  return doc;
}

function settingsOf(c: Config): NetworkSettings | undefined {
  try {
    const doc = configDocument(c);
    return load("prod", (config) => Object.assign(config, doc));
  } catch {
    return undefined;
  }
}

/** A change to one spoke's routing (by spoke position), or to the TGW's. */
type Mutation =
  | { kind: "route"; spoke: number; cidr: number; viaNat: boolean }
  | { kind: "acl"; spoke: number; cidr: number; outbound: boolean; allow: boolean; early: boolean }
  | { kind: "drop-route"; spoke: number; nth: number }
  | { kind: "drop-blackhole"; nth: number }
  | { kind: "drop-propagation"; nth: number }
  | { kind: "tgw-route"; table: number; spoke: number; blackhole: boolean };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("route" as const), spoke: fc.nat(), cidr: fc.nat(), viaNat: fc.boolean() }),
  fc.record({
    kind: fc.constant("acl" as const),
    spoke: fc.nat(),
    cidr: fc.nat(),
    outbound: fc.boolean(),
    allow: fc.boolean(),
    early: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("drop-route" as const), spoke: fc.nat(), nth: fc.nat() }),
  fc.record({ kind: fc.constant("drop-blackhole" as const), nth: fc.nat() }),
  fc.record({ kind: fc.constant("drop-propagation" as const), nth: fc.nat() }),
  fc.record({ kind: fc.constant("tgw-route" as const), table: fc.nat(), spoke: fc.nat(), blackhole: fc.boolean() }),
);

function pick<T>(items: T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/** A copy of the run with the mutation applied (unchanged when it finds nothing to change). */
function mutate(run: CapturedRun, m: Mutation): CapturedRun {
  const copy = structuredClone(run);
  const spokes = copy.settings!.spokes;
  const res = copy.resources;
  const vpcOf = (k: number) => res.find((r) => r.type === awsTypes.vpc && r.inputs.cidrBlock === pick(spokes, k)?.cidr);
  const tgw = res.find((r) => r.type === awsTypes.tgw);
  const targets = [...zoneCidrs, ...spokes.map((s) => s.cidr), "10.0.0.0/8", "10.96.0.0/11", "0.0.0.0/0"];
  const add = (type: string, name: string, inputs: Record<string, unknown>) =>
    res.push({
      urn: `urn:pulumi:mutated::${project}::${type}::${name}`,
      type,
      name,
      parent: "",
      inputs,
      outputs: { id: `${name}-id` },
      id: `${name}-id`,
      secretInputs: [],
      dependencies: [],
      protect: false,
      provider: "",
      custom: true,
    });
  switch (m.kind) {
    case "route": {
      const vpc = vpcOf(m.spoke);
      const table = vpc && res.find((r) => r.type === awsTypes.routeTable && r.inputs.vpcId === vpc.id);
      const nat =
        vpc && res.find((r) => r.type === awsTypes.nat && res.some((s) => s.id === r.inputs.subnetId && s.inputs.vpcId === vpc.id));
      if (table && tgw)
        add(awsTypes.route, `mutated-route-${m.spoke}`, {
          routeTableId: table.id,
          destinationCidrBlock: pick(targets, m.cidr),
          ...(m.viaNat && nat ? { natGatewayId: nat.id } : { transitGatewayId: tgw.id }),
        });
      break;
    }
    case "acl": {
      const vpc = vpcOf(m.spoke);
      if (!vpc) break;
      const rule = {
        ruleNo: m.early ? 50 : 31000,
        action: m.allow ? "allow" : "deny",
        protocol: "-1",
        cidrBlock: pick(targets, m.cidr),
        fromPort: 0,
        toPort: 0,
      };
      const acl = res.find((r) => r.type === awsTypes.networkAcl && r.inputs.vpcId === vpc.id);
      if (acl) {
        const list = m.outbound ? "egress" : "ingress";
        acl.inputs[list] = [rule, ...((acl.inputs[list] as unknown[] | undefined) ?? [])];
      } else {
        const attached = new Set(res.filter((r) => r.type === awsTypes.vpcAttachment).flatMap((r) => r.inputs.subnetIds as string[]));
        const subnets = res.filter((r) => r.type === awsTypes.subnet && r.inputs.vpcId === vpc.id && !attached.has(r.id)).map((r) => r.id);
        const allow = { ruleNo: 32000, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 };
        add(awsTypes.networkAcl, `mutated-acl-${m.spoke}`, {
          vpcId: vpc.id,
          subnetIds: subnets,
          ingress: m.outbound ? [allow] : [rule, allow],
          egress: m.outbound ? [rule, allow] : [allow],
        });
      }
      break;
    }
    case "drop-route": {
      const vpc = vpcOf(m.spoke);
      const tables = new Set(res.filter((r) => r.type === awsTypes.routeTable && r.inputs.vpcId === vpc?.id).map((r) => r.id));
      const victim = pick(
        res.filter((r) => r.type === awsTypes.route && tables.has(r.inputs.routeTableId as string)),
        m.nth,
      );
      if (victim) res.splice(res.indexOf(victim), 1);
      break;
    }
    case "drop-blackhole":
    case "drop-propagation": {
      const type = m.kind === "drop-blackhole" ? awsTypes.tgwRoute : awsTypes.tgwPropagation;
      const victim = pick(
        res.filter((r) => r.type === type && (m.kind === "drop-propagation" || r.inputs.blackhole === true)),
        m.nth,
      );
      if (victim) res.splice(res.indexOf(victim), 1);
      break;
    }
    case "tgw-route": {
      const table = pick(
        res.filter((r) => r.type === awsTypes.tgwRouteTable),
        m.table,
      );
      const att = pick(
        res.filter((r) => r.type === awsTypes.vpcAttachment),
        m.spoke,
      );
      const cidr = pick(spokes, m.spoke)?.cidr;
      if (table && att && cidr)
        add(awsTypes.tgwRoute, `mutated-tgw-route-${m.table}-${m.spoke}`, {
          transitGatewayRouteTableId: table.id,
          destinationCidrBlock: cidr,
          ...(m.blackhole ? { blackhole: true } : { transitGatewayAttachmentId: att.id }),
        });
      break;
    }
  }
  return copy;
}

const seen = { cases: 0, grouped: 0, violations: 0, partial: 0, lost: 0 };

/** The class analysis and the pairwise one agree on everything the plan shows. */
function assertSameAnalysis(run: CapturedRun, label: string): void {
  const byClass = analyse(run);
  const pairwise = analyse(run, { pairwise: true });
  assert.equal(JSON.stringify([...byClass.flows]), JSON.stringify([...pairwise.flows]), `${label}: flows`);
  assert.deepEqual(byClass.violations, pairwise.violations, `${label}: violations`);
  assert.deepEqual(byClass.failures, pairwise.failures, `${label}: failures`);
  assert.deepEqual(byClass.capacity, pairwise.capacity, `${label}: capacity`);
  assert.deepEqual(byClass.flows.cells(), pairwise.flows.cells(), `${label}: class matrix`);
  const a = reportOf(run, byClass);
  const b = reportOf(run, pairwise);
  assert.equal(a.markdown, b.markdown, `${label}: report markdown`);
  assert.equal(a.json, b.json, `${label}: report JSON`);
  seen.cases++;
  if (byClass.classes.members.some((m) => m.length > 1)) seen.grouped++;
  if (pairwise.violations.length > 0) seen.violations++;
  if ([...pairwise.flows].some((f) => f.status === "partial")) seen.partial++;
  if (pairwise.failures.some((s) => s.lost.length > 0)) seen.lost++;
}

test("designed runs of random configurations, mutated: the class analysis is the pairwise analysis", () => {
  fc.assert(
    fc.property(configArb, fc.array(mutationArb, { maxLength: 3 }), (config, mutations) => {
      const settings = settingsOf(config);
      fc.pre(settings !== undefined);
      const run = mutations.reduce(mutate, designedRun(settings!));
      assertSameAnalysis(run, JSON.stringify({ config, mutations }));
    }),
    { seed: 20261202, numRuns: 60 },
  );
});

const dir = mkdtempSync(join(tmpdir(), "analysis-classes-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("the real program on random valid configurations, mutated: the class analysis is the pairwise analysis", async () => {
  // Configurations the settings accept (a segment's spokes without NAT share its default route).
  const configs = fc
    .sample(configArb, { seed: 14, numRuns: 40 })
    .filter((c) => settingsOf(c) !== undefined)
    .slice(0, 4);
  assert.equal(configs.length, 4);
  configs[0]!.summary = true;
  const runs = await Promise.all(
    configs.map((c, i) => {
      const file = join(dir, `random-${i}.yaml`);
      const doc = configDocument(c);
      const qualified = Object.fromEntries(Object.entries(doc).map(([k, v]) => [k.includes(":") ? k : `${project}:${k}`, v]));
      writeFileSync(file, stringify({ config: qualified }));
      return captureInChild({ root: join(__dirname, ".."), stack: "prod", configFile: file });
    }),
  );
  const mutations = fc.sample(fc.array(mutationArb, { minLength: 1, maxLength: 2 }), { seed: 7, numRuns: 3 });
  runs.forEach((run, i) => {
    const label = `real program, ${JSON.stringify(configs[i])}`;
    assertSameAnalysis(run, label);
    for (const ms of mutations) assertSameAnalysis(ms.reduce(mutate, run), `${label}, mutated ${JSON.stringify(ms)}`);
  });
});

test("a stack beyond the report's bound: grouped by class, every flow on request, as the pairwise analysis", () => {
  const config: Config = {
    segments: 3,
    defaults: ["onprem", "central", "central"],
    talk: [[0, 1]],
    templates: [
      { segment: 0, zones: zones.slice(0, 4), nat: false, single: false, azs: 0, ingress: true },
      { segment: 1, zones: zones.slice(1, 4), nat: true, single: true, azs: 1, ingress: false },
      { segment: 2, zones: [zones[1]!, zones[4]!, zones[5]!], nat: false, single: false, azs: 2, ingress: false },
    ],
    spokes: Array.from({ length: 42 }, (_, i) => i % 3),
    summary: true,
    vpns: 4,
    defaultRoute: true,
  };
  const base = designedRun(settingsOf(config)!);
  // Spoke 4 loses a route; spoke 7 refuses shared-infra inbound: each a class of its own.
  const run = [
    { kind: "drop-route", spoke: 4, nth: 0 },
    { kind: "acl", spoke: 7, cidr: 1, outbound: false, allow: false, early: true },
  ].reduce((r, m) => mutate(r, m as Mutation), base);
  assertSameAnalysis(run, "42 spokes");
  const a = analyse(run);
  assert.equal(a.classes.spokeClasses().length, 5);
  const all = (pairwise: boolean) => [...buildReport(run, { allFlows: true, analysis: { pairwise } }).jsonPieces()].join("");
  const json = JSON.parse(all(false)) as { reachability: { complete: boolean; flows: unknown[] } };
  assert.equal(json.reachability.complete, true);
  assert.equal(json.reachability.flows.length, a.flows.size);
  assert.equal(all(false), all(true));
});

test("a class key blind to a spoke's extra ACL rule gives another result: the comparison can fail", () => {
  const settings = settingsOf({
    segments: 1,
    defaults: ["onprem", "onprem", "onprem"],
    talk: [],
    templates: [{ segment: 0, zones: zones.slice(0, 2), nat: false, single: false, azs: 0, ingress: true }],
    spokes: [0, 0, 0],
    summary: true,
    vpns: 2,
    defaultRoute: true,
  })!;
  // spoke-1 refuses corporate-clients, a zone it must be reachable from (its ingress).
  const run = mutate(designedRun(settings), { kind: "acl", spoke: 1, cidr: 0, outbound: false, allow: false, early: true });
  const ctx = new AnalysisContext(buildRouteModel(run));
  const truth = checkIntent(ctx, allFlows(ctx).flows);
  assert.ok(truth.some((v) => v.flow === "corporate-clients -> spoke-1"));
  const right = new ClassFlows(ctx, EndpointClasses.of(ctx, run));
  assert.deepEqual(intentByClass(right), truth);
  // Keys from the settings alone put the three spokes in one class: spoke-1's refusal is lost.
  const blind = new EndpointClasses(
    ctx.endpoints.all,
    settings.spokes.map((s) => `${s.segment} ${s.egress} ${s.onPremZones.join(" ")}`),
  );
  assert.notDeepEqual(intentByClass(new ClassFlows(ctx, blind)), truth);
});

test("the random cases exercised classes, violations, partial flows and lost flows", () => {
  assert.ok(seen.cases >= 60, JSON.stringify(seen));
  assert.ok(seen.grouped > seen.cases / 2, JSON.stringify(seen));
  for (const k of ["violations", "partial", "lost"] as const) assert.ok(seen[k] > 0, `${k}: ${JSON.stringify(seen)}`);
});
