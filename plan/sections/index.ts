/**
 * Report sections beyond the resource list, in the order they print. Each takes the captured run
 * and returns a section; a section may mark the plan as failed (`ok: false`), e.g. a broken intent.
 */
import type { CapturedRun } from "../capture";
import type { ReportSection } from "../report";
import { analysisSections } from "./analysis";
import { spokesSection } from "./spokes";
import { vpnSection } from "./vpn";

export interface SectionResult extends ReportSection {
  /** Stable key of the section in the JSON report. */
  key: string;
  /** False fails the plan (exit 1). */
  ok?: boolean;
}

export type SectionBuilder = (run: CapturedRun) => SectionResult | undefined;

export const sectionBuilders: SectionBuilder[] = [vpnSection, spokesSection, ...analysisSections];
