/** The shape of the diff's replacement rules and how one rule judges a change (rules.ts holds the table). */
/**
 * What a changed input does:
 *  - replace: delete/create (or create/delete);
 *  - update: modified in place;
 *  - rejected: an in-place update AWS refuses in some states;
 *  - refused: the provider neither replaces nor updates it, so `pulumi up` would silently keep the
 *    old value and every later preview would show the change again; the plan refuses it.
 */
export type ChangeSeverity = "replace" | "update" | "rejected" | "refused";

export interface PropertyRule {
  /** Top-level input name; the whole subtree counts. */
  property: string;
  effect: Exclude<ChangeSeverity, "update">;
  source: string;
  note?: string;
  /**
   * Only this direction of change has the effect (a provider CustomizeDiff ForceNewIfChange); any
   * other change is an in-place update. An unset input counts as the provider's default.
   */
  onlyWhen?: { from: string; to: string; unsetIs: string };
  /**
   * Optional+Computed in the provider's schema: an input the program stops sending keeps the value
   * in state (Terraform plans the prior value), so unset after is no change; a resource created
   * without it holds what the provider computed, `providerDefault`, so unset before counts as that.
   */
  computed?: { providerDefault: unknown };
}

/** Inputs modified in place that still interrupt traffic (e.g. a tunnel renegotiates). */
export interface DisruptiveRule {
  properties: string[];
  source: string;
  note: string;
}

export interface TypeRules {
  /** Short label for reports. */
  label: string;
  rules: PropertyRule[];
  disruptive?: DisruptiveRule[];
}

/** Provider-schema source of a property that forces a new resource. */
export const provider = (resource: string) => `provider schema: ${resource} (forces new resource)`;

/** A property whose change replaces the resource. */
export const replace = (property: string, source: string, note?: string): PropertyRule => ({
  property,
  effect: "replace",
  source,
  ...(note ? { note } : {}),
});

/** The rule for an input, if any, and the effect it has on this change (onlyWhen decides the direction). */
export function ruleEffect(rule: PropertyRule | undefined, before: unknown, after: unknown): ChangeSeverity {
  if (!rule) return "update";
  if (!rule.onlyWhen) return rule.effect;
  const { from, to, unsetIs } = rule.onlyWhen;
  const value = (v: unknown) => (v === undefined ? unsetIs : v);
  return value(before) === from && value(after) === to ? rule.effect : "update";
}

/**
 * The values of an input that the diff compares: an Optional+Computed input (`computed`) unset
 * before is the provider's default, and unset after keeps whatever is in state.
 */
export function comparedValues(rule: PropertyRule | undefined, before: unknown, after: unknown): [unknown, unknown] {
  if (!rule?.computed) return [before, after];
  const was = before === undefined ? rule.computed.providerDefault : before;
  return [was, after === undefined ? was : after];
}
