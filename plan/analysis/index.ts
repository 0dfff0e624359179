/** The network intent check of a captured run: route model, flows, intent, failures, capacity, diagram. */
import type { CapturedRun } from "../runtime/captured-run";
import type { CapacityRow } from "./capacity";
import { capacityTable } from "./capacity";
import { AnalysisContext } from "./context";
import { mermaidDiagram } from "./diagram";
import type { ScenarioResult } from "./failure";
import { failureAnalysis } from "./failure";
import type { Violation } from "./intent";
import { checkIntent } from "./intent";
import type { RouteModel } from "./model";
import { buildRouteModel } from "./model";
import { allFlows } from "./reachability";
import { EndpointClasses } from "./classes";
import { capacityByClass, failuresByClass, intentByClass } from "./classes/checks";
import { ClassFlows } from "./classes/flows";
import type { FlowSet } from "./flow-set";
import { PairwiseFlows } from "./flow-set";

export { AnalysisContext };

export interface Analysis {
  model: RouteModel;
  /** The analysis's own state: the flows read their hops through it, the report their expectations. */
  context: AnalysisContext;
  /** The spokes grouped into classes that route alike (each zone and the internet a class of its own). */
  classes: EndpointClasses;
  /** Every flow, source by source (held, or evaluated when read: flow-set.ts). */
  flows: FlowSet;
  violations: Violation[];
  failures: ScenarioResult[];
  capacity: CapacityRow[];
  diagram: string;
}

export interface AnalyseOptions {
  /**
   * Walk every pair of networks instead of one pair per pair of classes: the reference the class
   * analysis is tested against (tests/analysis-classes.test.ts). Same results, quadratic cost.
   */
  pairwise?: boolean;
}

/**
 * Everything the report needs, computed once. Pure: the same run gives the same analysis, and
 * each analysis keeps its state in its own context, so analyses never see each other's caches.
 * Spokes that route alike (classes/key.ts) are walked once per pair of classes, so the cost grows
 * with the classes and with what is reported, not with the square of the spokes.
 */
export function analyse(run: CapturedRun, options: AnalyseOptions = {}): Analysis {
  const model = buildRouteModel(run);
  const context = new AnalysisContext(model);
  const classes = EndpointClasses.of(context, run);
  const diagram = mermaidDiagram(model);
  if (options.pairwise) {
    const reachability = allFlows(context);
    const { flows } = reachability;
    const failures = failureAnalysis(context, reachability);
    const capacity = capacityTable(context, flows);
    const violations = [...checkIntent(context, flows), ...resilienceViolations(failures), ...capacityViolations(model, capacity)];
    return { model, context, classes, flows: new PairwiseFlows(flows, classes), violations, failures, capacity, diagram };
  }
  const flows = new ClassFlows(context, classes);
  const failures = failuresByClass(flows);
  const capacity = capacityByClass(flows);
  const violations = [...intentByClass(flows), ...resilienceViolations(failures), ...capacityViolations(model, capacity)];
  return { model, context, classes, flows, violations, failures, capacity, diagram };
}

/**
 * Losing one tunnel must not cut a flow (the other tunnel is up), nor losing a connection or customer
 * gateway a flow that another connection still up carries. A flow only the failed connections
 * carry is a single point of failure by design: the report lists it, the check does not fail on it.
 */
function resilienceViolations(failures: ScenarioResult[]): Violation[] {
  return failures.flatMap((s) =>
    s.lost
      .filter((l) => s.kind === "tunnel" || l.failover !== undefined)
      .map((l) => ({
        rule: "resilience" as const,
        flow: l.flow,
        message: `${l.flow} is lost when ${s.kind} ${s.name} fails, although ${s.kind === "tunnel" ? "the other tunnel" : `${l.failover}, which carries it too,`} is up`,
        route: l.reason,
      })),
  );
}

/** With a required bandwidth set, every segment's narrowest path to on-prem must carry it with one tunnel down. */
function capacityViolations(model: RouteModel, rows: CapacityRow[]): Violation[] {
  const required = model.settings.vpn.capacity.requiredGbps;
  if (required === undefined) return [];
  return rows
    .filter((r) => r.scope.startsWith("segment ") && r.direction === "to on-prem" && r.gbpsOneTunnelDown < required)
    .map((r) => ({
      rule: "capacity" as const,
      flow: r.bottleneck,
      message: `${r.scope} ${r.direction}: ${r.gbpsOneTunnelDown} Gbps with one tunnel down, below the required ${required} Gbps`,
      route: `${r.paths} ECMP tunnel path(s)`,
    }));
}
