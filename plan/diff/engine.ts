/**
 * Compares two captured runs by URN, the way `pulumi preview` would compare state with a new run:
 * what is created, deleted, replaced or updated in place, and why. Pure: data in, data out.
 *
 * Replacement comes from four rules, applied in order:
 *  1. a changed input listed as replace-on-change for its type (rules.ts);
 *  2. a changed provider (another explicit provider, or default <-> explicit), or an adopted
 *     resource's import id changed (the engine replaces it by importing the other);
 *  3. a changed URN (name, type or parent): Pulumi deletes and creates. Deleted/created pairs of
 *     one type whose names differ by one consistent substitution (a renamed spoke) or only by
 *     parent are paired and reported as a replacement, with the alias that would avoid it;
 *  4. cascade: a resource whose replace-on-change input is fed by a replaced resource (its id or a
 *     computed output, and a dependency on it) is replaced too, as in a real preview where that
 *     value becomes unknown. Resources of a replaced provider are replaced.
 */
import type { CapturedResource, CapturedRun } from "../runtime/captured-run";
import { deletionWaves } from "./delete-order";
import { pairRenames } from "./pairing";
import { comparedValues, ignoredInputs, ruleEffect, rulesFor } from "./rules";
import type { ChangeSeverity } from "./rules";

export type ResourceChangeKind = "create" | "delete" | "replace" | "update";

export interface PropertyChange {
  property: string;
  before: unknown;
  after: unknown;
  /** replace / rejected / refused come from the rules table; update otherwise. */
  effect: ChangeSeverity;
  /** In-place, but traffic is interrupted (e.g. a VPN tunnel renegotiates). */
  disruptive?: boolean;
  secret?: boolean;
  source?: string;
  note?: string;
}

export interface ResourceChange {
  kind: ResourceChangeKind;
  type: string;
  name: string;
  /** URN in the "after" run; for a delete, the URN in the "before" run. */
  urn: string;
  /** URN in the "before" run when it differs (rename, move). */
  previousUrn?: string;
  custom: boolean;
  /** Why it is replaced (one line each). */
  reasons: string[];
  changes: PropertyChange[];
  /** The type has no entry in the rules table: in-place updates are unverified. */
  rulesUnknown?: boolean;
  /** Protected in the "before" state: `pulumi up` refuses to delete or replace it. */
  protectedBefore: boolean;
}

export interface RunLabel {
  project: string;
  stack: string;
  /** e.g. "working tree", a git ref, a stack name. */
  label: string;
}

/** An in-place change the provider would not apply: the plan refuses it. */
export interface RefusedChange {
  urn: string;
  type: string;
  name: string;
  properties: string[];
  message: string;
}

export interface RunDiff {
  before: RunLabel;
  after: RunLabel;
  changes: ResourceChange[];
  counts: Record<ResourceChangeKind | "same", number>;
  outputs: { added: string[]; removed: string[]; changed: string[] };
  /** Changes to existing resources that `pulumi up` would silently not apply; the diff fails on them. */
  refused: RefusedChange[];
  /** The deletions (URNs in the "before" run) in the waves Pulumi deletes them, after every create and update. */
  deleteOrder: string[][];
}

const secretMask = "[secret]";

function isStack(r: CapturedResource): boolean {
  return r.type === "pulumi:pulumi:Stack";
}

/** Deep equality over JSON-shaped values; object key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameValue(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)].filter((k) => ao[k] !== undefined || bo[k] !== undefined));
  for (const k of keys) if (!sameValue(ao[k], bo[k])) return false;
  return true;
}

/** The provider a resource uses, without its id; default providers of any version compare equal. */
export function providerKey(ref: string): string {
  if (!ref) return "";
  const urn = ref.split("::").slice(0, -1).join("::") || ref;
  const parts = urn.split("::");
  const type = (parts.at(-2)?.split("$").pop() ?? "").replace(/^pulumi:providers:/, "");
  const name = parts.at(-1) ?? "";
  return name.startsWith("default") ? `${type}::default` : `${type}::${name}`;
}

/** What the rules say of one changed input: effect, disruption, source. */
function classify(type: string, property: string, before: unknown, after: unknown): Omit<PropertyChange, "property" | "before" | "after"> {
  const rules = rulesFor(type);
  const rule = rules?.rules.find((r) => r.property === property);
  const effect = ruleEffect(rule, before, after);
  const disruptive = rules?.disruptive?.find((d) => d.properties.includes(property));
  if (rule && effect !== "update") return { effect, source: rule.source, ...(rule.note ? { note: rule.note } : {}) };
  if (disruptive) return { effect, disruptive: true, source: disruptive.source, note: disruptive.note };
  // A conditional rule that does not fire here still names its source.
  return { effect, ...(rule ? { source: rule.source } : {}) };
}

function propertyChanges(before: CapturedResource, after: CapturedResource): PropertyChange[] {
  const keys = new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)]);
  const out: PropertyChange[] = [];
  for (const property of [...keys].sort()) {
    if (ignoredInputs.has(property)) continue;
    const rule = rulesFor(after.type)?.rules.find((r) => r.property === property);
    const [a, b] = comparedValues(rule, before.inputs[property], after.inputs[property]);
    if (sameValue(a, b)) continue;
    const secret = before.secretInputs.includes(property) || after.secretInputs.includes(property);
    out.push({
      property,
      before: secret && a !== undefined ? secretMask : a,
      after: secret && b !== undefined ? secretMask : b,
      ...classify(after.type, property, a, b),
      ...(secret ? { secret: true } : {}),
    });
  }
  return out;
}

function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringLeaves(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) stringLeaves(v, out);
  return out;
}

/** Values a resource's replacement changes: its id and the outputs the provider computes. */
function computedValues(r: CapturedResource): Set<string> {
  const values = new Set<string>();
  if (r.id) values.add(r.id);
  for (const [k, v] of Object.entries(r.outputs)) {
    if (k in r.inputs) continue;
    for (const s of stringLeaves(v)) if (s.length >= 6) values.add(s);
  }
  return values;
}

/**
 * URNs carry the stack and project names; comparing two stacks (dev -> prod) compares them as if the
 * "before" run had been made in the "after" stack.
 */
export function rebaseRun(run: CapturedRun, stack: string, project: string): CapturedRun {
  const from = `urn:pulumi:${run.stack}::${run.project}::`;
  const to = `urn:pulumi:${stack}::${project}::`;
  if (from === to) return run;
  const fix = (u: string) => (u.startsWith(from) ? to + u.slice(from.length) : u);
  return {
    ...run,
    stack,
    project,
    resources: run.resources.map((r) => ({
      ...r,
      urn: fix(r.urn),
      parent: fix(r.parent),
      dependencies: r.dependencies.map(fix),
      provider: fix(r.provider),
    })),
  };
}

export function diffRuns(beforeRun: CapturedRun, after: CapturedRun, labels: { before: string; after: string }): RunDiff {
  const before = rebaseRun(beforeRun, after.stack, after.project);
  const beforeBy = new Map(before.resources.filter((r) => !isStack(r)).map((r) => [r.urn, r]));
  const afterBy = new Map(after.resources.filter((r) => !isStack(r)).map((r) => [r.urn, r]));
  const regions = [before.settings?.region, after.settings?.region];
  const defaultRegionChange = regions[0] && regions[1] && regions[0] !== regions[1] ? `${regions[0]} -> ${regions[1]}` : undefined;
  const changes = new Map<string, ResourceChange>();
  const counts: RunDiff["counts"] = { create: 0, delete: 0, replace: 0, update: 0, same: 0 };
  const base = (r: CapturedResource, kind: ResourceChangeKind, was?: CapturedResource): ResourceChange => ({
    kind,
    type: r.type,
    name: r.name,
    urn: r.urn,
    custom: r.custom,
    reasons: [],
    changes: [],
    protectedBefore: was?.protect ?? false,
  });

  // Same URN: compare inputs and provider.
  for (const [urn, b] of afterBy) {
    const a = beforeBy.get(urn);
    if (!a) continue;
    const props = b.custom ? propertyChanges(a, b) : [];
    const change = base(b, "update", a);
    change.changes = props;
    for (const p of props.filter((p) => p.effect === "replace")) change.reasons.push(`${p.property} changed (${p.source})`);
    if (b.custom && providerKey(a.provider) !== providerKey(b.provider)) {
      change.reasons.push(`provider changed: ${providerKey(a.provider) || "default"} -> ${providerKey(b.provider) || "default"}`);
    } else if (b.custom && b.type.startsWith("aws:") && ["", "aws::default"].includes(providerKey(b.provider)) && defaultRegionChange) {
      // The default AWS provider is configured by aws:region (the stack file), not captured as a resource.
      change.reasons.push(`default provider's region changed: ${defaultRegionChange}`);
    }
    // The `import` option naming another resource than the one the stack manages: the engine deletes
    // the managed one and imports the other (Pulumi developer docs, architecture/import.md: a resource
    // in the state with another id or import id is replaced by importing). A created resource given an
    // import id is not judged: offline its real id is unknown.
    if (a.importId !== undefined && b.importId !== undefined && a.importId !== b.importId) {
      change.reasons.push(`import id changed: ${a.importId} -> ${b.importId}: Pulumi deletes the managed resource and imports the other`);
    }
    if (b.custom && !rulesFor(b.type) && props.length > 0) change.rulesUnknown = true;
    if (change.reasons.length > 0) change.kind = "replace";
    if (props.length > 0 || change.reasons.length > 0) changes.set(urn, change);
  }

  // Different URN: pair renames and moves, the rest are plain deletes and creates.
  const deleted = [...beforeBy.values()].filter((r) => !afterBy.has(r.urn));
  const created = [...afterBy.values()].filter((r) => !beforeBy.has(r.urn));
  const renames = pairRenames(deleted, created);
  const renamedTo = new Set(renames.values());
  for (const [a, b] of renames) {
    const change = base(b, "replace", a);
    change.previousUrn = a.urn;
    const adoptedAgain = b.importId !== undefined && (b.importId === a.importId || b.importId === a.id);
    change.reasons.push(
      adoptedAgain
        ? // Pulumi imports it under the new URN, then deletes the old URN once the program is done: the
          // resource itself (developer docs, architecture/resource-registration.md).
          `${b.importId} adopted again as ${b.name} (new URN): Pulumi imports it, then deletes ${a.name}, which deletes it in AWS, unless an alias names the old URN`
        : a.name === b.name
          ? `parent changed (new URN): Pulumi deletes and creates it unless an alias names the old parent`
          : `renamed ${a.name} -> ${b.name} (new URN): Pulumi deletes and creates it unless an alias names the old URN`,
    );
    change.changes = b.custom ? propertyChanges(a, b) : [];
    changes.set(b.urn, change);
  }
  for (const a of deleted) if (!renames.has(a)) changes.set(`delete:${a.urn}`, base(a, "delete", a));
  for (const b of created) if (!renamedTo.has(b)) changes.set(b.urn, base(b, "create"));

  // Cascade replacements through replace-on-change inputs and providers, to a fixed point.
  const replaced = () => [...changes.values()].filter((c) => c.kind === "replace").map((c) => afterBy.get(c.urn)!);
  let frontier = replaced();
  const seen = new Set(frontier);
  while (frontier.length > 0) {
    const next: CapturedResource[] = [];
    for (const src of frontier) {
      const values = computedValues(src);
      const providerRef = src.type.startsWith("pulumi:providers:") ? providerKey(`${src.urn}::x`) : undefined;
      for (const [urn, b] of afterBy) {
        if (seen.has(b) || !b.custom || !beforeBy.has(urn)) continue;
        const reasons: string[] = [];
        const fed: string[] = [];
        if (providerRef && providerKey(b.provider) === providerRef) reasons.push(`its provider ${src.name} is replaced`);
        if (b.dependencies.includes(src.urn)) {
          const rules = rulesFor(b.type)?.rules ?? [];
          for (const [property, value] of Object.entries(b.inputs)) {
            if (!stringLeaves(value).some((s) => values.has(s))) continue;
            if (rules.some((r) => r.property === property && r.effect === "replace" && !r.onlyWhen)) {
              reasons.push(`${property} comes from ${src.name}, which is replaced`);
            } else fed.push(property);
          }
        }
        if (reasons.length === 0) {
          // In place: the input takes the replacement's new id or output (unknown until it exists).
          if (fed.length === 0) continue;
          const change = changes.get(urn) ?? { ...base(b, "update", beforeBy.get(urn)), changes: [] };
          for (const property of fed) {
            if (change.changes.some((c) => c.property === property)) continue;
            const after = `(new value from replaced ${src.name})`;
            change.changes.push({ property, before: b.inputs[property], after, ...classify(b.type, property, b.inputs[property], after) });
          }
          changes.set(urn, change);
          continue;
        }
        const change = changes.get(urn) ?? { ...base(b, "update", beforeBy.get(urn)), changes: [] };
        change.kind = "replace";
        change.reasons.push(...reasons);
        changes.set(urn, change);
        seen.add(b);
        next.push(b);
      }
    }
    frontier = next;
  }

  const list = [...changes.values()].sort((x, y) => kindOrder[x.kind] - kindOrder[y.kind] || x.urn.localeCompare(y.urn));
  const refused = refuse(list);
  for (const c of list) counts[c.kind]++;
  const touched = new Set(list.map((c) => c.urn));
  counts.same = [...afterBy.keys()].filter((u) => beforeBy.has(u) && !touched.has(u)).length;

  const outKeys = new Set([...Object.keys(before.outputs), ...Object.keys(after.outputs)]);
  const outputs: RunDiff["outputs"] = { added: [], removed: [], changed: [] };
  for (const k of [...outKeys].sort()) {
    if (!(k in before.outputs)) outputs.added.push(k);
    else if (!(k in after.outputs)) outputs.removed.push(k);
    else if (!sameValue(before.outputs[k], after.outputs[k])) outputs.changed.push(k);
  }
  return {
    before: { project: beforeRun.project, stack: beforeRun.stack, label: labels.before },
    after: { project: after.project, stack: after.stack, label: labels.after },
    changes: list,
    counts,
    outputs,
    refused,
    deleteOrder: deletionWaves(
      before,
      list.filter((c) => c.kind === "delete").map((c) => c.urn),
    ),
  };
}

/**
 * A refused input matters only for a resource kept in place: a replaced resource is created with
 * the new value. Those become plain updates; the rest are listed, one entry per resource.
 */
function refuse(list: ResourceChange[]): RefusedChange[] {
  const out: RefusedChange[] = [];
  for (const c of list) {
    const props = c.changes.filter((p) => p.effect === "refused");
    if (props.length === 0) continue;
    if (c.kind === "replace") {
      for (const p of props) {
        p.effect = "update";
        p.note = "set on the replacement";
      }
      continue;
    }
    const notes = [...new Set(props.map((p) => p.note ?? "the provider would not apply it"))];
    out.push({ urn: c.urn, type: c.type, name: c.name, properties: props.map((p) => p.property), message: notes.join("; ") });
  }
  return out;
}

const kindOrder: Record<ResourceChangeKind, number> = { replace: 0, delete: 1, update: 2, create: 3 };

/** Changes of custom resources (the cloud resources), leaving out components. */
export function cloudChanges(diff: RunDiff, kind?: ResourceChangeKind): ResourceChange[] {
  return diff.changes.filter((c) => c.custom && (kind === undefined || c.kind === kind));
}

/** Replacements and deletions `pulumi up` would refuse because the resource is protected. */
export function blockedByProtect(diff: RunDiff): ResourceChange[] {
  return diff.changes.filter((c) => c.protectedBefore && (c.kind === "delete" || c.kind === "replace"));
}
