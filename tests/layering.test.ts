/**
 * Layering of the deployed program: the components (published as the C# component package) reach
 * neither the settings model nor the wiring, not even through another module or for a type; the
 * vocabulary both sides share imports nothing of the project. Read from the files' import
 * statements (`import`, `import type`, `export ... from`, `require`), followed transitively.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { test } from "node:test";
import ts from "typescript";

const root = join(__dirname, "..");
const infra = join(root, "infra");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

const posix = (file: string) => relative(root, file).split(sep).join("/");

/** A file system to read sources from: the real one, or one with some files replaced or added. */
interface Files {
  exists(file: string): boolean;
  read(file: string): string;
}
const disk: Files = { exists: existsSync, read: (f) => readFileSync(f, "utf8") };

/** The project files `file` imports, resolved as the compiler resolves them (packages left out). */
function importsOf(file: string, files: Files): string[] {
  const host: ts.ModuleResolutionHost = {
    fileExists: (f) => files.exists(f),
    readFile: (f) => (files.exists(f) ? files.read(f) : undefined),
  };
  const options: ts.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Node10 };
  return ts
    .preProcessFile(files.read(file), true, true)
    .importedFiles.map((i) => i.fileName)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => {
      const resolved = ts.resolveModuleName(spec, file, options, host).resolvedModule?.resolvedFileName;
      assert.ok(resolved, `${relative(root, file)}: cannot resolve ${spec}`);
      return resolved;
    });
}

/** Every `from -> to` import chain step, starting at `entries`, that reaches a file under one of `forbidden`. */
function forbiddenReach(entries: string[], forbidden: string[], files: Files = disk): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const target of importsOf(file, files)) {
      if (forbidden.some((dir) => target.startsWith(dir + sep))) found.push(`${posix(file)} -> ${posix(target)}`);
      else queue.push(target);
    }
  }
  return found;
}

const components = filesUnder(join(infra, "components"));
const notForComponents = [join(infra, "settings"), join(infra, "wiring")];

test("no component module imports the settings or the wiring, directly or through another module", () => {
  assert.ok(components.length >= 8, "the components are found");
  assert.deepEqual(forbiddenReach(components, notForComponents), []);
});

test("the check sees a type-only import and an import through another module", () => {
  const component = join(infra, "components", "probe.ts");
  const helper = join(infra, "lib", "probe-helper.ts");
  const overlay = (extra: Record<string, string>): Files => ({
    exists: (f) => f in extra || existsSync(f),
    read: (f) => extra[f] ?? readFileSync(f, "utf8"),
  });
  const direct = overlay({ [component]: `import type { SpokeSettings } from "../settings/types";\nexport type X = SpokeSettings;\n` });
  assert.deepEqual(forbiddenReach([component], notForComponents, direct), ["infra/components/probe.ts -> infra/settings/types.ts"]);
  const indirect = overlay({
    [component]: `export { spokeVpcArgs } from "../lib/probe-helper";\n`,
    [helper]: `export { spokeVpcArgs } from "../wiring";\n`,
  });
  assert.deepEqual(forbiddenReach([component], notForComponents, indirect), ["infra/lib/probe-helper.ts -> infra/wiring/index.ts"]);
});

test("the vocabulary imports nothing of the project, so both the settings and the components can use it", () => {
  const vocabulary = filesUnder(join(infra, "vocabulary"));
  assert.ok(vocabulary.length >= 3, "the vocabulary is found");
  for (const file of vocabulary) assert.deepEqual(importsOf(file, disk), [], relative(root, file));
});
