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
import type { Flow } from "./reachability";
import { allFlows } from "./reachability";

export { AnalysisContext };

export interface Analysis {
  model: RouteModel;
  /** The analysis's own state: the flows read their hops through it, the report their expectations. */
  context: AnalysisContext;
  flows: Flow[];
  violations: Violation[];
  failures: ScenarioResult[];
  capacity: CapacityRow[];
  diagram: string;
}

/**
 * Everything the report needs, computed once. Pure: the same run gives the same analysis, and
 * each analysis keeps its state in its own context, so analyses never see each other's caches.
 */
export function analyse(run: CapturedRun): Analysis {
  const model = buildRouteModel(run);
  const context = new AnalysisContext(model);
  const reachability = allFlows(context);
  const { flows } = reachability;
  const failures = failureAnalysis(context, reachability);
  const capacity = capacityTable(context, flows);
  const violations = [...checkIntent(context, flows), ...resilienceViolations(failures), ...capacityViolations(model, capacity)];
  return { model, context, flows, violations, failures, capacity, diagram: mermaidDiagram(model) };
}

/** Where another VPN connection stays up, losing one tunnel, connection or customer gateway must not cut a flow. */
function resilienceViolations(failures: ScenarioResult[]): Violation[] {
  return failures
    .filter((s) => s.redundant || s.kind === "tunnel")
    .flatMap((s) =>
      s.lost.map((l) => ({
        rule: "resilience" as const,
        flow: l.flow,
        message: `${l.flow} is lost when ${s.kind} ${s.name} fails, although ${s.kind === "tunnel" ? "the other tunnel" : "another VPN connection"} is up`,
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
