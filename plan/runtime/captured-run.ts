import type { NetworkSettings } from "../../infra/settings/types";

/** What the offline run records about each registered resource. Plain data, JSON-serialisable. */
export interface CapturedResource {
  urn: string;
  type: string;
  name: string;
  /** Parent URN ("" for the stack's direct children). */
  parent: string;
  /** Inputs as the program gave them (secrets unwrapped; see `secretInputs`). */
  inputs: Record<string, unknown>;
  /** Outputs the mocks returned (id, arn, computed attributes). */
  outputs: Record<string, unknown>;
  id: string;
  /** Names of top-level inputs that were secret. */
  secretInputs: string[];
  /** URNs this resource depends on (explicit and through inputs). */
  dependencies: string[];
  protect: boolean;
  /** Replaced by deleting first (a resource that cannot exist twice, like a route for one prefix). */
  deleteBeforeReplace?: boolean;
  /** Provider reference (`urn::id`) when an explicit provider was given. */
  provider: string;
  custom: boolean;
  /** The `import` option: the id of the existing resource Pulumi adopts instead of creating one. Absent: created. */
  importId?: string;
  /** The `ignoreChanges` option, when set. */
  ignoreChanges?: string[];
  /** The `retainOnDelete` option, when set: removed from the program, the resource stays in AWS. */
  retainOnDelete?: boolean;
  /**
   * The outputs (`id` included) whose values the mocks made up: AWS assigns them at deploy (ids,
   * ARNs, outside addresses). The report shows them as known after deploy (plan/report/placeholders.ts).
   */
  placeholders?: string[];
}

export interface CapturedRun {
  project: string;
  stack: string;
  resources: CapturedResource[];
  /** Stack outputs, secrets replaced by "[secret]". */
  outputs: Record<string, unknown>;
  /** Output names whose values are secret. */
  secretOutputs: string[];
  /** The validated settings the program ran with (absent when the config was invalid). Intent comes from here. */
  settings?: NetworkSettings;
}
