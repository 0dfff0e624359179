/** The diff as markdown for people (pull-request comments) and JSON for tools. */
import { blockedByProtect } from "./engine";
import type { PropertyChange, ResourceChange, RunDiff } from "./engine";
import type { ChangeSeverity } from "./rules";

function short(type: string): string {
  return type.split(":").pop() ?? type;
}

function value(v: unknown): string {
  const text = v === undefined ? "(unset)" : typeof v === "string" ? v : JSON.stringify(v);
  const clipped = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return clipped.replace(/\|/g, "\\|");
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** At most `max` texts, then how many more. */
function some(texts: string[], max = 3): string {
  return texts.length <= max ? texts.join(", ") : `${texts.slice(0, max).join(", ")} and ${texts.length - max} more`;
}

/** An item of a list, compact: `key=value` pairs for an object, clipped. */
function itemText(v: unknown): string {
  if (!isRecord(v)) return value(v);
  const text = Object.entries(v)
    .map(([k, x]) => `${k}=${typeof x === "string" ? x : JSON.stringify(x)}`)
    .join(" ");
  return value(text);
}

/**
 * Items that went and came, paired where an object kept its keys and changed at most two values
 * (an ACL rule renumbered: `ruleNo 100 -> 3069 (action=deny cidrBlock=...)`).
 */
function listChange(gone: unknown[], come: unknown[]): string[] {
  const left = [...come];
  const out: string[] = [];
  const removed: unknown[] = [];
  for (const g of gone) {
    const at = !isRecord(g)
      ? -1
      : left.findIndex((c) => {
          if (!isRecord(c)) return false;
          const keys = Object.keys(g);
          if (keys.length !== Object.keys(c).length || keys.some((k) => !(k in c))) return false;
          return keys.filter((k) => JSON.stringify(g[k]) !== JSON.stringify(c[k])).length <= 2;
        });
    const c = at >= 0 ? left.splice(at, 1)[0] : undefined;
    if (!isRecord(g) || !isRecord(c)) {
      removed.push(g);
      continue;
    }
    const changed = Object.keys(g).filter((k) => JSON.stringify(g[k]) !== JSON.stringify(c[k]));
    const same = Object.fromEntries(Object.entries(g).filter(([k]) => !changed.includes(k)));
    out.push(`${changed.map((k) => `${k} ${value(g[k])} -> ${value(c[k])}`).join(", ")} (${itemText(same)})`);
  }
  if (removed.length > 0) out.push(`- ${some(removed.map(itemText))}`);
  if (left.length > 0) out.push(`+ ${some(left.map(itemText))}`);
  return out;
}

/**
 * What changed, readable in one cell: for two lists the items that go and come, paired where one
 * only changed a value or two (a list of ACL rules whose numbers moved shows the numbers, not two
 * identical clipped prefixes); for two maps the keys that differ; otherwise both values.
 */
function changeText(before: unknown, after: unknown): string {
  if (Array.isArray(before) && Array.isArray(after)) {
    const was = before.map((x) => JSON.stringify(x));
    const now = after.map((x) => JSON.stringify(x));
    const gone = before.filter((_, i) => !now.includes(was[i]!));
    const come = after.filter((_, i) => !was.includes(now[i]!));
    if (gone.length === 0 && come.length === 0) return `${value(before)} -> same items, another order`;
    return some(listChange(gone, come), 4);
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return some(
      changed.map((k) => `${k}: ${value(before[k])} -> ${value(after[k])}`),
      5,
    );
  }
  return `${value(before)} -> ${value(after)}`;
}

function tag(effect: ChangeSeverity, disruptive: boolean): string {
  switch (effect) {
    case "replace":
      return "replaces";
    case "rejected":
      return "REJECTED by AWS";
    case "refused":
      return "REFUSED";
    case "update":
      return disruptive ? "disruptive" : "in place";
    default: {
      const unknown: never = effect;
      return unknown;
    }
  }
}

function propertyLine(p: PropertyChange): string {
  const note = p.note ? ` (${p.note})` : "";
  return `${p.property}: ${changeText(p.before, p.after)} [${tag(p.effect, p.disruptive ?? false)}]${note}`;
}

function row(c: ResourceChange, detail: string): string {
  return `| ${short(c.type)} | ${c.name} | ${detail.replace(/\|/g, "\\|")} | ${c.protectedBefore ? "yes" : ""} |`;
}

export function renderDiffMarkdown(diff: RunDiff): string {
  const { counts } = diff;
  const title = `# Offline diff: ${diff.after.stack} (${diff.after.label}) against ${diff.before.stack} (${diff.before.label})`;
  const lines = [
    title,
    "",
    `${counts.create} to create, ${counts.delete} to delete, ${counts.replace} to replace, ${counts.update} to update in place, ${counts.same} unchanged.`,
    "",
  ];
  if (diff.refused.length > 0) {
    const what = diff.refused.map((r) => `${short(r.type)} ${r.name} (${r.properties.join(", ")})`).join(", ");
    lines.push(
      `**REFUSED: ${diff.refused.length} change${diff.refused.length === 1 ? "" : "s"} the AWS provider would not apply: ${what}. ` +
        "`pulumi up` would keep the old value and report the change again on every preview. See Refused below.**",
      "",
    );
  }
  const blocked = blockedByProtect(diff);
  if (blocked.length > 0) {
    lines.push(
      `**${blocked.length} protected resource(s) would be deleted or replaced: \`pulumi up\` refuses until protection is lifted.**`,
      "",
    );
  }
  const table = (heading: string, list: ResourceChange[], detail: (c: ResourceChange) => string) => {
    if (list.length === 0) return;
    lines.push(`## ${heading} (${list.length})`, "", "| type | name | why / what | protected |", "|---|---|---|---|");
    for (const c of list) lines.push(row(c, detail(c)));
    lines.push("");
  };
  const of = (kind: ResourceChange["kind"]) => diff.changes.filter((c) => c.kind === kind);
  const refused = new Map(diff.refused.map((r) => [r.urn, r]));
  const values = (p: PropertyChange) => `${p.property}: ${value(p.before)} -> ${value(p.after)}`;
  table(
    "Refused",
    diff.changes.filter((c) => refused.has(c.urn)),
    (c) =>
      `${c.changes
        .filter((p) => p.effect === "refused")
        .map(values)
        .join("; ")}: ${refused.get(c.urn)?.message ?? ""}`,
  );
  table("Replaced", of("replace"), (c) => c.reasons.join("; "));
  table("Deleted", of("delete"), () => "no longer registered");
  if (diff.deleteOrder.length > 1) {
    const names = new Map(diff.changes.filter((c) => c.kind === "delete").map((c) => [c.urn, `${short(c.type)} ${c.name}`]));
    const waves = diff.deleteOrder.map((wave, i) => `(${i + 1}) ${wave.map((u) => names.get(u) ?? u).join(", ")}`);
    lines.push(`Pulumi deletes them once every create and update is done, dependents first: ${waves.join("; ")}.`, "");
  }
  // A refused change is listed under Refused only: it would not be applied.
  const applied = (c: ResourceChange) => c.changes.filter((p) => p.effect !== "refused");
  table(
    "Updated in place",
    of("update").filter((c) => applied(c).length > 0 || c.rulesUnknown),
    (c) =>
      [...applied(c).map(propertyLine), ...(c.rulesUnknown ? ["(no replacement rules for this type: check the provider docs)"] : [])].join(
        "; ",
      ),
  );
  table("Created", of("create"), () => "");
  const { added, removed, changed } = diff.outputs;
  if (added.length + removed.length + changed.length > 0) {
    lines.push("## Stack outputs", "");
    if (added.length) lines.push(`- added: ${added.join(", ")}`);
    if (removed.length) lines.push(`- removed: ${removed.join(", ")}`);
    if (changed.length) lines.push(`- changed: ${changed.join(", ")}`);
    lines.push("");
  }
  return lines.join("\n");
}

export function renderDiffJson(diff: RunDiff): string {
  return JSON.stringify({ ok: diff.refused.length === 0, ...diff, blockedByProtect: blockedByProtect(diff).map((c) => c.urn) }, null, 2);
}
