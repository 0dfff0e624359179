import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Private modules of the Pulumi SDK: only infra/lib/sdk-internals.ts may load them (it says why, per module). */
const sdkInternalsFile = "infra/lib/sdk-internals.ts";
const privateSdkMessage = `a private module of the Pulumi SDK: reach it through ${sdkInternalsFile}, which is checked against one SDK version`;
// Except the documented entry point for component packages, which is public.
const privateSdkPath = "^@pulumi/pulumi/(?!provider/experimental$)";

export default tseslint.config(
  { ignores: ["node_modules/", "bin/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-new": "off",
    },
  },
  {
    // Type-aware checks: a promise nobody awaits or handles loses its error, and a promise where a
    // plain value is expected (an if, a void callback) is always truthy or never awaited.
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": [
        "error",
        // node:test registers a test and reports its failure itself; awaiting the registration is not needed.
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] }] },
      ],
      "@typescript-eslint/no-misused-promises": "error",
    },
  },
  {
    files: ["**/*.ts"],
    ignores: [sdkInternalsFile],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: privateSdkPath, message: privateSdkMessage }] }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.name='require'] > Literal[value=/^@pulumi\\/pulumi\\//]",
          message: privateSdkMessage,
        },
      ],
    },
  },
  {
    // The launcher (plan/commands/launch.cjs): plain CommonJS for Node.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "readonly", process: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
