/**
 * How every offline entry (plan, capture, bench, tests) runs TypeScript: Node's `--require` of
 * esbuild-register, which compiles the project's .ts files with esbuild and leaves node_modules'
 * JavaScript alone. Child processes are started with the same arguments.
 */
export const tsLoaderArgs: readonly string[] = ["--require", "esbuild-register"];
