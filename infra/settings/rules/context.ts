import type { IssueCollector } from "../errors";
import type { ParsedConfig } from "../schema";

/** What a rule sees besides the parsed config. */
export interface RuleContext {
  /** `aws:region` of the stack. */
  region: string;
  /** Top-level config keys of the project that were set, with their value and whether they are secret. */
  rawKeys: Map<string, { value: unknown; secret: boolean }>;
}

/** A named check: reads the config, reports every violation, never throws. */
export type Rule = (config: ParsedConfig, context: RuleContext, out: IssueCollector) => void;
