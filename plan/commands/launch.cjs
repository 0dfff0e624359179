// @ts-check
/**
 * Runs a TypeScript entry of the offline tooling (plan, capture, bench, diagrams) as one bundle:
 *
 *   node plan/commands/launch.cjs <entry.ts> [args...]
 *
 * esbuild compiles the entry and every project module it imports into one CommonJS module, in
 * memory (packages in node_modules stay external and load as they are), and that module runs as the
 * process's main module from the entry's own directory. Every module of the bundle shares the
 * entry's `module`, `require.main` and `__dirname`: only entries may test `require.main`, and code
 * that needs the project's directory finds it by its Pulumi.yaml (plan/runtime/stack-config.ts). One compile
 * of the whole tool costs about 25 ms; a loader hook compiling module by module cost about 0.1 s
 * more per plan (docs/benchmark.md). JavaScript, so that Node starts it without compiling anything.
 * PLAN_STACK_TRACES=1 adds inline source maps, for debugging. Exit 3: the entry could not be
 * compiled (the reason is on stderr); otherwise the entry's own exit code.
 */
const Module = require("node:module");
const { basename, dirname, resolve } = require("node:path");
const { execFileSync } = require("node:child_process");

const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write("usage: node plan/commands/launch.cjs <entry.ts> [args...]\n");
  process.exit(3);
}
const entry = resolve(entryArg);

// esbuild's command line, run once: about half the time of its JavaScript API, which starts a
// worker thread before it starts the same binary.
/** @type {string} */
let code;
try {
  code = execFileSync(
    require.resolve("esbuild/bin/esbuild"),
    [
      entry,
      "--bundle",
      "--platform=node",
      "--format=cjs",
      `--target=node${process.versions.node.split(".")[0]}`,
      "--packages=external",
      "--log-level=error",
      ...(process.env.PLAN_STACK_TRACES ? ["--sourcemap=inline"] : []),
    ],
    // From the entry's directory: the source map's paths are relative to it, as the bundle is.
    { cwd: dirname(entry), encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "inherit"] },
  );
} catch (e) {
  // When esbuild ran and failed, it has printed why; anything else (esbuild missing, the output
  // too large) is said here.
  const status = /** @type {{ status?: unknown }} */ (e).status;
  if (typeof status !== "number") process.stderr.write(`launch: cannot compile ${entry}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(3);
}

// Stack traces name the TypeScript sources only through the inline source map.
if (process.env.PLAN_STACK_TRACES) process.setSourceMapsEnabled(true);
// V8's compile cache (as plan/sdk/fast-start.ts): the bundle's bytecode is reused while its text is the same.
Module.enableCompileCache?.();
const filename = resolve(dirname(entry), `${basename(entry, ".ts")}.bundle.js`);
/** @type {NodeJS.Module & { _compile(code: string, filename: string): void }} */
const main = new /** @type {any} */ (Module)(filename, null);
main.filename = filename;
main.paths = /** @type {any} */ (Module)._nodeModulePaths(dirname(filename));
process.argv = [process.execPath, entry, ...args];
/** @type {{ mainModule?: unknown }} */ (process).mainModule = main;
main._compile(code, filename);
