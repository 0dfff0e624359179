/**
 * The config reference (docs/config.md) cannot drift from the schema: every key the schema accepts
 * has a row (or sits under a `<key>.*` row that points to the document describing its subtree), no
 * row names a key the schema does not have, and every default written in the docs is the schema's.
 * The tunnel options table holds the hardened defaults the settings apply.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { z } from "zod";
import { hardenedTunnelOptions } from "../infra/settings/defaults";
import { configSchema, tunnelOptionsSchema } from "../infra/settings/schema";
import { projectRoot } from "../plan/runtime/stack-config";

interface Leaf {
  path: string;
  required: boolean;
  default?: unknown;
}

type JsonNode = {
  type?: string;
  properties?: Record<string, JsonNode>;
  required?: string[];
  items?: JsonNode;
  default?: unknown;
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
};

/** Every leaf key path of a JSON schema: `a.b`, lists of objects as `a[].b`; unions and records are leaves. */
function leaves(node: JsonNode, path: string, required: boolean, out: Leaf[]): Leaf[] {
  if (node.type === "object" && node.properties && !node.anyOf && !node.oneOf) {
    for (const [key, child] of Object.entries(node.properties))
      leaves(child, path ? `${path}.${key}` : key, (node.required ?? []).includes(key) && child.default === undefined, out);
  } else if (node.type === "array" && node.items?.type === "object" && node.items.properties) {
    leaves(node.items, `${path}[]`, required, out);
  } else out.push({ path, required, ...(node.default !== undefined ? { default: node.default } : {}) });
  return out;
}

const schemaLeaves = leaves(z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as JsonNode, "", false, []);
const tunnelOptionNames = Object.keys(tunnelOptionsSchema.shape);

const docPath = join(projectRoot, "docs", "config.md");
const doc = readFileSync(docPath, "utf8");

/** The rows of the markdown table that follows `heading`: cells, backticks kept. */
function tableAfter(text: string, heading: string): string[][] {
  const start = text.indexOf(heading);
  assert.ok(start >= 0, `docs/config.md has no "${heading}" section`);
  const lines = text.slice(start).split("\n");
  const first = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

/** `` `vpnConnections[].tunnel1/2.insideCidr` `` -> both tunnels' paths. */
function keysOf(cell: string): string[] {
  const key = /^`([^`]+)`$/.exec(cell)?.[1];
  assert.ok(key, `a key cell must be one key in backticks: ${cell}`);
  return key.includes("tunnel1/2") ? [key.replace("tunnel1/2", "tunnel1"), key.replace("tunnel1/2", "tunnel2")] : [key];
}

/** A default as the docs write it: `` `hub` ``, `` `[]` ``, `` `[ikev2]` ``. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return `\`[${value.map(String).join(", ")}]\``;
  if (value !== null && typeof value === "object") return `\`${JSON.stringify(value)}\``;
  return `\`${String(value)}\``;
}

/** What is wrong with a config reference text; empty when it matches the schema. */
function problems(text: string): string[] {
  const out: string[] = [];
  const rows = tableAfter(text, "## Keys");
  const documented = rows.flatMap((r) => keysOf(r[0] ?? ""));
  const subtrees = documented.filter((k) => k.endsWith(".*")).map((k) => k.slice(0, -1));
  const covered = (path: string) => documented.includes(path) || subtrees.some((s) => path.startsWith(s));
  for (const leaf of schemaLeaves) if (!covered(leaf.path)) out.push(`no row for ${leaf.path}`);
  const known = schemaLeaves.map((l) => l.path);
  for (const key of documented) {
    const subtree = key.endsWith(".*") && known.some((p) => p.startsWith(key.slice(0, -1)));
    if (key !== "aws:region" && !known.includes(key) && !subtree) out.push(`a row for ${key}, which the schema does not have`);
  }
  for (const row of rows) {
    const [keyCell = "", defaultCell = "", ruleCell = ""] = row;
    for (const key of keysOf(keyCell)) {
      const leaf = schemaLeaves.find((l) => l.path === key);
      if (leaf?.default !== undefined && defaultCell !== shown(leaf.default))
        out.push(`${key}: the default reads ${defaultCell}, the schema's is ${shown(leaf.default)}`);
      if (leaf && leaf.default === undefined && leaf.required && defaultCell !== "required")
        out.push(`${key}: required, but reads ${defaultCell}`);
      if (leaf && !leaf.required && defaultCell === "required") out.push(`${key}: optional, but reads required`);
      if (!key.endsWith(".*")) continue;
      // A subtree row links the page describing it, and that page names every key of the subtree.
      const target = /\(([a-z-]+\.md)(#[a-z-]+)?\)/.exec(ruleCell)?.[1];
      if (!target) {
        out.push(`${key}: the row links no page describing the subtree`);
        continue;
      }
      const page = target === "config.md" ? text : readFileSync(join(projectRoot, "docs", target), "utf8");
      const prefix = key.slice(0, -1);
      const names = known.filter((p) => p.startsWith(prefix)).flatMap((p) => p.slice(prefix.length).split(/\[\]\.|\./));
      for (const n of new Set(names))
        if (!page.includes(`\`${n}\``) && !page.includes(`\`${n}[]\``)) out.push(`${key}: docs/${target} does not name \`${n}\``);
    }
  }
  const options = tableAfter(text, "## Tunnel options");
  const listed = options.map((r) => /^`([^`]+)`$/.exec(r[0] ?? "")?.[1] ?? r[0] ?? "");
  for (const o of tunnelOptionNames) if (!listed.includes(o)) out.push(`tunnel option ${o} has no row`);
  for (const [cell = "", defaultCell = ""] of options) {
    const option = cell.slice(1, -1);
    if (!tunnelOptionNames.includes(option)) out.push(`tunnel option ${option} does not exist`);
    else if (defaultCell !== shown(hardenedTunnelOptions[option as keyof typeof hardenedTunnelOptions]))
      out.push(`tunnel option ${option}: the default reads ${defaultCell}`);
  }
  return out;
}

test("docs/config.md names every config key once, with the schema's defaults and the hardened tunnel defaults", () => {
  assert.deepEqual(problems(doc), []);
});

test("the check can fail: a missing row, an unknown key and a wrong default are each named", () => {
  const edited = doc
    .replace(/^\| `hub\.dnsSupport` .*\n/m, "")
    .replace("| `hub.ecmp`", "| `hub.ecmpp`")
    .replace(/^(\| `hub\.amazonSideAsn` +\| )`64512`/m, "$1`64513`")
    .replace(/^(\| `dpdTimeoutAction` +\| )`restart`/m, "$1`clear`  ");
  assert.deepEqual(problems(edited).sort(), [
    "a row for hub.ecmpp, which the schema does not have",
    "hub.amazonSideAsn: the default reads `64513`, the schema's is `64512`",
    "no row for hub.dnsSupport",
    "no row for hub.ecmp",
    "tunnel option dpdTimeoutAction: the default reads `clear`",
  ]);
});
