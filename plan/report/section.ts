/** The shape every part of the plan report shares; the sections import it, never each other. */
import type { Analysis } from "../analysis";
import type { CapturedRun } from "../runtime/captured-run";

/** A report section: a title, its markdown body and its JSON. */
export interface ReportSection {
  title: string;
  markdown: string;
  json: unknown;
}

/** A section beyond the resource list. */
export interface SectionResult extends ReportSection {
  /** Stable key of the section in the JSON report. */
  key: string;
  /** False fails the plan (exit 1). */
  ok?: boolean;
  /** What a reader must act on, one line each, for the summary at the top of the report. */
  attention?: string[];
}

/** What the report derives from a run once, before any section is built, and hands to every section. */
export interface ReportInputs {
  /** The network intent check (undefined when the run has no settings: the configuration was invalid). */
  analysis: Analysis | undefined;
  /** Every flow in the JSON, however large the stack (`--all-flows`). */
  allFlows?: boolean;
}

/** Builds one section from a captured run; undefined when the run has nothing for it. */
export type SectionBuilder = (run: CapturedRun, inputs: ReportInputs) => SectionResult | undefined;
