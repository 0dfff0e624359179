/**
 * Report sections beyond the resource list, in the order they print. Each takes the captured run
 * and returns a section; a section may mark the plan as failed (`ok: false`), e.g. a broken intent.
 */
import type { SectionBuilder } from "../section";
import { analysisSections } from "./analysis";
import { operationsSection } from "./operations";
import { spokesSection } from "./spokes";
import { vpnSection } from "./vpn";

export const sectionBuilders: SectionBuilder[] = [vpnSection, spokesSection, operationsSection, ...analysisSections];
