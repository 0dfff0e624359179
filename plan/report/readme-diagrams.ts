/**
 * README topology diagrams: the blocks between `<!-- diagram:<stack>:start -->` and
 * `<!-- diagram:<stack>:end -->` in README.md, drawn from each stack's offline plan (appending a
 * "Topology (generated)" section when the markers are missing). Only those blocks are touched. The
 * command is plan/commands/diagrams.ts (`npm run diagrams`).
 *
 * Each stack's plan runs in its own process: Pulumi's runtime state is global to a process.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../runtime/stack-config";
import { tsEntryArgs } from "../runtime/entries";

export const diagramStacks = ["dev", "prod"] as const;

export const readmePath = join(projectRoot, "README.md");

const start = (stack: string) => `<!-- diagram:${stack}:start -->`;
const end = (stack: string) => `<!-- diagram:${stack}:end -->`;

/** The mermaid text of a stack's built topology, from its offline plan (the plan may fail an intent; the diagram is still drawn). */
export function stackDiagram(stack: string, root = projectRoot): string {
  // The report goes to a file: a pipe may be cut short when the plan exits.
  const dir = mkdtempSync(join(tmpdir(), "diagram-"));
  const file = join(dir, "plan.json");
  const fd = openSync(file, "w");
  let status: number | null;
  let stderr: string;
  try {
    const out = spawnSync(process.execPath, [...tsEntryArgs("plan/commands/plan.ts"), "--stack", stack, "--json"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", fd, "pipe"],
    });
    status = out.status;
    stderr = out.stderr;
  } finally {
    closeSync(fd);
  }
  const text = readFileSync(file, "utf8");
  rmSync(dir, { recursive: true, force: true });
  let report: { diagram?: { mermaid?: string } };
  try {
    report = JSON.parse(text) as typeof report;
  } catch {
    throw new Error(`the plan of stack ${stack} printed no report (exit ${status}): ${stderr.slice(0, 2000)}`);
  }
  const mermaid = report.diagram?.mermaid;
  if (!mermaid) throw new Error(`the plan of stack ${stack} has no diagram section (exit ${status})`);
  return mermaid;
}

/** A stack's block, markers included. */
export function diagramBlock(stack: string, mermaid: string): string {
  return [start(stack), "", `Stack \`${stack}\`:`, "", "```mermaid", mermaid, "```", "", end(stack)].join("\n");
}

/** The blocks README.md holds now, by stack (markers included); undefined where the markers are missing. */
export function readmeBlocks(text: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const stack of diagramStacks) {
    const i = text.indexOf(start(stack));
    const j = text.indexOf(end(stack));
    out[stack] = i >= 0 && j > i ? text.slice(i, j + end(stack).length) : undefined;
  }
  return out;
}

/** README text with every stack's block replaced (or appended in a new section when missing). */
export function updateReadme(text: string, diagrams: Record<string, string>): string {
  let result = text;
  const missing: string[] = [];
  for (const [stack, mermaid] of Object.entries(diagrams)) {
    const current = readmeBlocks(result)[stack];
    const block = diagramBlock(stack, mermaid);
    if (current !== undefined) result = result.replace(current, () => block);
    else missing.push(block);
  }
  if (missing.length > 0) {
    const section = [
      "## Topology (generated)",
      "",
      "Generated from what the program registers (`npm run diagrams`); do not edit by hand.",
      "",
      missing.join("\n\n"),
      "",
    ].join("\n");
    result = result.length === 0 ? section : `${result.replace(/\n*$/, "")}\n\n${section}`;
  }
  return result;
}

export function freshDiagrams(root = projectRoot): Record<string, string> {
  return Object.fromEntries(diagramStacks.map((s) => [s, stackDiagram(s, root)]));
}
