/** Assembles the plan report's sections from a captured run. */
import { analyse } from "../analysis";
import type { CapturedRun } from "../runtime/captured-run";
import { outputsSection, renderJson, renderMarkdown, resourcesSection } from "./resources";
import type { ReportInputs, ReportSection, SectionResult } from "./section";
import { sectionBuilders } from "./sections";

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
  const sections = [resources, ...extra, outputs];
  return {
    ok,
    sections,
    markdown: renderMarkdown(run.stack, sections),
    json: renderJson(run.stack, {
      ok,
      resources: resources.json,
      ...Object.fromEntries(extra.map((s) => [s.key, s.json])),
      outputs: run.outputs,
      secretOutputs: run.secretOutputs,
    }),
  };
}
