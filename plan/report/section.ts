/** The shape every part of the plan report shares; the sections import it, never each other. */
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
}

/** Builds one section from a captured run; undefined when the run has nothing for it. */
export type SectionBuilder = (run: CapturedRun) => SectionResult | undefined;
