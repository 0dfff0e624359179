/**
 * README.md is the front door: it links every page of docs/, every link it holds resolves, and the
 * two commands for a fresh machine are the ones CI runs (.ci/run).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../plan/runtime/stack-config";

const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1] ?? "").filter((l) => !/^[a-z]+:/.test(l));

test("README links every page of docs/, and every relative link resolves", () => {
  const pages = readdirSync(join(projectRoot, "docs")).filter((f) => f.endsWith(".md"));
  assert.deepEqual(
    pages.filter((p) => !links.includes(`docs/${p}`)),
    [],
    "docs pages the README does not link",
  );
  assert.deepEqual(
    links.filter((l) => !existsSync(join(projectRoot, l))),
    [],
    "links to files that do not exist",
  );
});

test("the README's two commands are the ones CI runs", () => {
  assert.match(readme, /```sh\nnpm ci && npm run plan -- --stack dev\n```/);
  assert.match(readme, /```sh\nnpm ci && npm test\n```/);
  const ci = readFileSync(join(projectRoot, ".ci", "run"), "utf8");
  assert.match(ci, /^npm ci$/m);
  assert.match(ci, /^npm test$/m);
});

test("every project path the README and docs/ name in backticks exists", () => {
  const pages = ["README.md", ...readdirSync(join(projectRoot, "docs")).map((f) => join("docs", f))];
  const missing: string[] = [];
  for (const page of pages) {
    const text = readFileSync(join(projectRoot, page), "utf8");
    for (const m of text.matchAll(/`((?:infra|plan|tests|bench)\/[A-Za-z0-9_./-]*)`/g)) {
      const path = m[1] ?? "";
      if (!existsSync(join(projectRoot, path))) missing.push(`${page}: ${path}`);
    }
  }
  assert.deepEqual(missing, []);
});
