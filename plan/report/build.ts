/** Assembles the plan report's sections from a captured run: a summary first, then the detail. */
import { analyse } from "../analysis";
import type { Analysis, AnalyseOptions } from "../analysis";
import type { CapturedRun } from "../runtime/captured-run";
import { placeholdersOf, withReferences } from "./placeholders";
import { outputsSection, renderJson, renderMarkdown, resourcesSection } from "./resources";
import type { ReportInputs, ReportSection, SectionResult } from "./section";
import { sectionBuilders } from "./sections";
import { summarise, summaryMarkdown } from "./summary";

export interface BuiltReport {
  ok: boolean;
  markdown: string;
  /** The JSON report as one string. */
  readonly json: string;
  /** The JSON report in pieces (with `allFlows`, every flow of a large stack is a piece of its own). */
  jsonPieces(): Iterable<string>;
  sections: ReportSection[];
}

export interface ReportOptions {
  /** Every flow in the JSON, however large the stack. */
  allFlows?: boolean;
  analysis?: AnalyseOptions;
}

export function buildReport(run: CapturedRun, options: ReportOptions = {}): BuiltReport {
  // The analysis is built once here and shared by the sections that show it.
  return reportOf(run, run.settings ? analyse(run, options.analysis) : undefined, options);
}

/** The report of a run whose analysis is built (undefined: the run has no settings). */
export function reportOf(run: CapturedRun, analysis: Analysis | undefined, options: Pick<ReportOptions, "allFlows"> = {}): BuiltReport {
  const resources = resourcesSection(run);
  const inputs: ReportInputs = { analysis, allFlows: !!options.allFlows };
  const extra = sectionBuilders.map((b) => b(run, inputs)).filter((s): s is SectionResult => s !== undefined);
  const outputs = outputsSection(run);
  const ok = extra.every((s) => s.ok !== false);
  const summary = summarise(run, inputs.analysis, ok, [resources, ...extra]);
  const sections = [{ title: "Summary", markdown: summaryMarkdown(summary), json: summary }, resources, ...extra, outputs];
  // No made-up value anywhere in the JSON: those the sections have not replaced (ids the analysis
  // keys its flows by) are said as what they refer to (plan/report/placeholders.ts).
  const value = withReferences(placeholdersOf(run), {
    ok,
    summary,
    resources: resources.json,
    ...Object.fromEntries(extra.map((s) => [s.key, s.json])),
    outputs: outputs.json,
    secretOutputs: run.secretOutputs,
  }) as Record<string, unknown>;
  let json: string | undefined;
  return {
    ok,
    sections,
    markdown: renderMarkdown(run.stack, sections),
    get json() {
      return (json ??= [...renderJson(run.stack, value, !!options.allFlows)].join(""));
    },
    jsonPieces: () => renderJson(run.stack, value, !!options.allFlows),
  };
}
