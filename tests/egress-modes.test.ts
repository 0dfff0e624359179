/**
 * The egress modes have one home (infra/vocabulary/egress.ts) and every consumer handles every kind
 * of fact a mode can have. Checked with the TypeScript compiler itself: the program (infra/ and
 * plan/) is compiled as it is, and with the modes file replaced in memory by a copy that adds a mode.
 *
 * - as it is: no error at all (so the errors below come from the added mode);
 * - a mode bringing new kinds of facts (its own workload route target, segment default route and
 *   internet exit): the compiler names exactly the consumer files, each for the new kinds;
 * - a mode name without its facts: the modes file is named, and every file that reads a mode's facts;
 * - a mode made of existing kinds: compiles, every consumer handles it through its facts.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { test } from "node:test";
import ts from "typescript";

const root = join(__dirname, "..");
const modesFile = join(root, "infra", "vocabulary", "egress.ts");
const modesSource = readFileSync(modesFile, "utf8");

/** Every file that decides something per egress mode; each must fail to compile on an unhandled kind. */
const consumers = [
  "infra/components/spoke-routing.ts",
  "infra/components/vpc-adoption.ts",
  "infra/settings/intent.ts",
  "infra/settings/rules/adoption-egress.ts",
  "infra/settings/rules/network.ts",
  "infra/wiring/segment-routing.ts",
  "plan/analysis/intent.ts",
  "plan/report/sections/spokes.ts",
];
/** Files that read a mode's facts without a decision of their own (public subnets or not). */
const otherReaders = ["infra/components/spoke-vpc.ts", "infra/settings/load.ts"];

const config = ts.getParsedCommandLineOfConfigFile(
  join(root, "tsconfig.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
);
assert.ok(config, "tsconfig.json");
/** The program, not its tests and benchmarks: every entry is under infra/ or plan/. */
const rootNames = config.fileNames.filter((f) => ["infra", "plan"].some((dir) => f.startsWith(join(root, dir) + sep)));
/** Parsed files shared by the compilations (the SDKs' declarations are large). */
const parsed = new Map<string, ts.SourceFile>();

/** Compiles the program with `egress.ts` replaced by `modes`; returns the errors by file (relative path). */
function compile(modes: string): Map<string, string[]> {
  const host = ts.createCompilerHost(config!.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (fileName === modesFile) return ts.createSourceFile(fileName, modes, languageVersion, true);
    let file = parsed.get(fileName);
    if (!file) {
      file = read(fileName, languageVersion, onError, shouldCreate);
      if (file) parsed.set(fileName, file);
    }
    return file;
  };
  const program = ts.createProgram({ rootNames, options: config!.options, host });
  const errors = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.category !== ts.DiagnosticCategory.Error) continue;
    const file = d.file ? relative(root, d.file.fileName).split(sep).join("/") : "(global)";
    errors.set(file, [...(errors.get(file) ?? []), ts.flattenDiagnosticMessageText(d.messageText, " ")]);
  }
  return errors;
}

/** The modes file with `insert` placed right after `anchor`, which must occur exactly once. */
function insertAfter(source: string, anchor: string, insert: string): string {
  assert.equal(source.split(anchor).length - 1, 1, `the modes file has one \`${anchor}\``);
  return source.replace(anchor, anchor + insert);
}

const withModeName = (source: string) => insertAfter(source, "export const SpokeEgress = {", `\n  Inspected: "inspected",`);

function withMode(facts: string): string {
  return insertAfter(withModeName(modesSource), "export const egressModes = {", `\n  inspected: { ${facts} },`);
}

/** New kinds for every fact, as a mode sending its traffic through an inspection VPC would bring. */
const newKinds = ["firewall-endpoint", "inspection-vpc", "inspection-exit"];

function withModeOfNewKinds(): string {
  let source = withMode(
    `ownNatGateways: false, workloadDefaultRoute: "firewall-endpoint", segmentDefaultRoute: "inspection-vpc", internetExit: "inspection-exit"`,
  );
  source = insertAfter(source, "export const workloadDefaultRoutes = [", `"firewall-endpoint", `);
  source = insertAfter(source, "export const segmentDefaultRoutes = [", `"inspection-vpc", `);
  return insertAfter(source, "export type InternetExit = ", `"inspection-exit" | `);
}

const show = (errors: Map<string, string[]>) => [...errors].map(([f, m]) => `${f}: ${m.join(" / ")}`).join("\n");

test("the program compiles cleanly with the modes as they are", () => {
  const errors = compile(modesSource);
  assert.deepEqual([...errors.keys()], [], show(errors));
});

test("a mode with new kinds of facts fails to compile in exactly the consumers, each for a new kind", () => {
  const errors = compile(withModeOfNewKinds());
  assert.deepEqual([...errors.keys()].sort(), consumers, show(errors));
  for (const [file, messages] of errors) {
    for (const m of messages) {
      assert.ok(
        newKinds.some((k) => m.includes(`"${k}"`)),
        `${file}: an error that does not name a new kind: ${m}`,
      );
    }
  }
});

test("a mode named without its facts fails to compile in the modes file and wherever a mode's facts are read", () => {
  const errors = compile(withModeName(modesSource));
  assert.deepEqual([...errors.keys()].sort(), [...consumers, ...otherReaders, "infra/vocabulary/egress.ts"].sort(), show(errors));
  for (const [file, messages] of errors) {
    assert.ok(
      messages.some((m) => m.includes("inspected")),
      `${file}: no error names the new mode: ${messages.join(" / ")}`,
    );
  }
});

test("a mode made of existing kinds compiles: every consumer handles it through its facts", () => {
  const errors = compile(
    withMode(`ownNatGateways: false, workloadDefaultRoute: "transit-gateway", segmentDefaultRoute: "onprem", internetExit: "onprem"`),
  );
  assert.deepEqual([...errors.keys()], [], show(errors));
});
