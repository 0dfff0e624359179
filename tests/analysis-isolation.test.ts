/**
 * Two analyses in one process keep their state apart: analyses of different runs, their steps
 * interleaved, give the same results as each run analysed alone by freshly loaded modules (as in a
 * process of its own). The runs share resource ids (a stack and broken copies of it), so a cache
 * shared between analyses, even one keyed by ids and destinations, would hand one run's routes,
 * walks or flows to another.
 */
import assert from "node:assert/strict";
import { resolve, sep } from "node:path";
import { test } from "node:test";
import * as analysisModule from "../plan/analysis";
import * as capacityModule from "../plan/analysis/capacity";
import * as diagramModule from "../plan/analysis/diagram";
import * as failureModule from "../plan/analysis/failure";
import * as intentModule from "../plan/analysis/intent";
import * as modelModule from "../plan/analysis/model";
import * as reachabilityModule from "../plan/analysis/reachability";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { designedStack, without } from "./analysis-fixtures";

/** The analysis's modules: the ones this file imported, or a fresh copy of them. */
interface Modules {
  analysis: typeof analysisModule;
  capacity: typeof capacityModule;
  diagram: typeof diagramModule;
  failure: typeof failureModule;
  intent: typeof intentModule;
  model: typeof modelModule;
  reachability: typeof reachabilityModule;
}

const loaded: Modules = {
  analysis: analysisModule,
  capacity: capacityModule,
  diagram: diagramModule,
  failure: failureModule,
  intent: intentModule,
  model: modelModule,
  reachability: reachabilityModule,
};

/** The project's modules loaded anew: nothing they hold at module level is shared with `loaded` or an earlier copy. */
function freshModules(): Modules {
  const roots = ["plan", "infra"].map((d) => resolve(__dirname, "..", d) + sep);
  for (const key of Object.keys(require.cache)) if (roots.some((r) => key.startsWith(r))) delete require.cache[key];
  /* eslint-disable @typescript-eslint/no-require-imports -- a fresh copy of each module, which import cannot give */
  return {
    analysis: require("../plan/analysis") as typeof analysisModule,
    capacity: require("../plan/analysis/capacity") as typeof capacityModule,
    diagram: require("../plan/analysis/diagram") as typeof diagramModule,
    failure: require("../plan/analysis/failure") as typeof failureModule,
    intent: require("../plan/analysis/intent") as typeof intentModule,
    model: require("../plan/analysis/model") as typeof modelModule,
    reachability: require("../plan/analysis/reachability") as typeof reachabilityModule,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

const prod = designedStack("prod");
const runs: Record<string, CapturedRun> = {
  prod,
  // Same ids as prod: development reaches prod-services (one blackhole missing)...
  leaky: without(prod, (r) => r.type === modelModule.awsTypes.tgwRoute && r.name === "hub-development-deny-prod-services"),
  // ...or only the primary gateway's connections carry development (other failures, other capacity).
  fragile: without(prod, (r) => r.type === modelModule.awsTypes.tgwPropagation && /^vpn-[24]-to-development$/.test(r.name)),
  dev: designedStack("dev"),
};
const names = Object.keys(runs);

/** One step of the analysis, run for every analysis in turn. */
type Step = (i: number) => void;

/**
 * Analyses `runs` with `m`, step by step (model, context, flows, failures, capacity, intent, diagram,
 * then the flows' hops, which are walked again when read), each step across all analyses in the
 * given order: one analysis alone, or several interleaved. The result per run is its JSON.
 */
function analyseInSteps(m: Modules, rs: CapturedRun[], order: (n: number) => number[]): string[] {
  const models = rs.map((r) => m.model.buildRouteModel(r));
  const contexts = models.map((model) => new m.analysis.AnalysisContext(model));
  const reach = contexts.map(() => undefined as ReturnType<typeof m.reachability.allFlows> | undefined);
  const out = rs.map(() => ({}) as Record<string, unknown>);
  const steps: Step[] = [
    (i) => (reach[i] = m.reachability.allFlows(contexts[i]!)),
    (i) => (out[i]!.failures = m.failure.failureAnalysis(contexts[i]!, reach[i]!)),
    (i) => (out[i]!.capacity = m.capacity.capacityTable(contexts[i]!, reach[i]!.flows)),
    (i) => (out[i]!.violations = m.intent.checkIntent(contexts[i]!, reach[i]!.flows)),
    (i) => (out[i]!.diagram = m.diagram.mermaidDiagram(models[i]!)),
    (i) => (out[i]!.flows = JSON.parse(JSON.stringify(reach[i]!.flows)) as unknown),
  ];
  steps.forEach((step, s) => {
    for (const i of order(s)) step(i);
  });
  return out.map((o) => JSON.stringify(o));
}

const forward = (n: number) => Array.from({ length: n }, (_, i) => i);
/** Alternates the order from step to step, so each analysis runs both before and after the others. */
const alternating = (n: number) => (s: number) => (s % 2 === 0 ? forward(n) : forward(n).reverse());

test("analyses of different runs, interleaved step by step, give what each gives alone", () => {
  const alone = names.map((n) => analyseInSteps(freshModules(), [runs[n]!], () => [0])[0]!);
  // The runs analyse differently, so a result handed from one to another would show.
  assert.equal(new Set(alone).size, names.length);
  const together = analyseInSteps(loaded, Object.values(runs), alternating(names.length));
  names.forEach((n, i) => assert.equal(together[i], alone[i], `${n}: interleaved differs from alone`));
});

test("analyse() of several runs, read after all of them are built, gives what each gives alone", () => {
  const json = (a: analysisModule.Analysis) =>
    JSON.stringify({ flows: a.flows, violations: a.violations, failures: a.failures, capacity: a.capacity, diagram: a.diagram });
  const alone = names.map((n) => json(freshModules().analysis.analyse(runs[n]!)));
  assert.equal(new Set(alone).size, names.length);
  // Every analysis exists before any flow's hops are read (they are walked when read).
  const analyses = names.map((n) => analysisModule.analyse(runs[n]!));
  [...names.keys()].reverse().forEach((i) => assert.equal(json(analyses[i]!), alone[i], `${names[i]}: differs from alone`));
});
