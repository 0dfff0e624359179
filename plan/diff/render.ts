/** The diff as markdown for people (pull-request comments) and JSON for tools. */
import { blockedByProtect } from "./engine";
import type { PropertyChange, ResourceChange, RunDiff } from "./engine";

function short(type: string): string {
  return type.split(":").pop() ?? type;
}

function value(v: unknown): string {
  const text = v === undefined ? "(unset)" : typeof v === "string" ? v : JSON.stringify(v);
  const clipped = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return clipped.replace(/\|/g, "\\|");
}

function propertyLine(p: PropertyChange): string {
  const tag = p.effect === "replace" ? "replaces" : p.effect === "rejected" ? "REJECTED by AWS" : p.disruptive ? "disruptive" : "in place";
  const note = p.note ? ` (${p.note})` : "";
  return `${p.property}: ${value(p.before)} -> ${value(p.after)} [${tag}]${note}`;
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
  table("Replaced", of("replace"), (c) => c.reasons.join("; "));
  table("Deleted", of("delete"), () => "no longer registered");
  table("Updated in place", of("update"), (c) =>
    [...c.changes.map(propertyLine), ...(c.rulesUnknown ? ["(no replacement rules for this type: check the provider docs)"] : [])].join(
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
  return JSON.stringify({ ...diff, blockedByProtect: blockedByProtect(diff).map((c) => c.urn) }, null, 2);
}
