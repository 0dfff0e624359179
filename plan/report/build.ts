/** Assembles the plan report's sections from a captured run: a summary first, then the detail. */
import { analyse } from "../analysis";
import type { CapturedRun } from "../runtime/captured-run";
import { placeholdersOf, withReferences } from "./placeholders";
import { outputsSection, renderJson, renderMarkdown, resourcesSection } from "./resources";
import type { ReportInputs, ReportSection, SectionResult } from "./section";
import { sectionBuilders } from "./sections";
import { summarise, summaryMarkdown } from "./summary";

export interface BuiltReport {
  ok: boolean;
  markdown: string;
  json: string;
  sections: ReportSection[];
}

export function buildReport(run: CapturedRun): BuiltReport {
  const resources = resourcesSection(run);
  // The analysis is built once here and shared by the sections that show it.
  const inputs: ReportInputs = { analysis: run.settings ? analyse(run) : undefined };
  const extra = sectionBuilders.map((b) => b(run, inputs)).filter((s): s is SectionResult => s !== undefined);
  const outputs = outputsSection(run);
  const ok = extra.every((s) => s.ok !== false);
  const summary = summarise(run, inputs.analysis, ok, [resources, ...extra]);
  const sections = [{ title: "Summary", markdown: summaryMarkdown(summary), json: summary }, resources, ...extra, outputs];
  return {
    ok,
    sections,
    markdown: renderMarkdown(run.stack, sections),
    // No made-up value anywhere in the JSON: those the sections have not replaced (ids the analysis
    // keys its flows by) are said as what they refer to (plan/report/placeholders.ts).
    json: renderJson(
      run.stack,
      withReferences(placeholdersOf(run), {
        ok,
        summary,
        resources: resources.json,
        ...Object.fromEntries(extra.map((s) => [s.key, s.json])),
        outputs: outputs.json,
        secretOutputs: run.secretOutputs,
      }) as Record<string, unknown>,
    ),
  };
}
