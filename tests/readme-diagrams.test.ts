/**
 * README.md's topology diagrams are the generated ones: each stack's block between its markers
 * equals what `npm run diagrams` would write now. The plans run in child processes.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { diagramBlock, diagramStacks, freshDiagrams, readmeBlocks, readmePath, updateReadme } from "../plan/report/readme-diagrams";
import { entry } from "./harness";

test("README.md holds the current generated diagram of every stack", () => {
  const readme = readFileSync(readmePath, "utf8");
  const blocks = readmeBlocks(readme);
  const fresh = freshDiagrams();
  for (const stack of diagramStacks) {
    assert.ok(blocks[stack], `README.md lacks the <!-- diagram:${stack}:start --> ... end block: run npm run diagrams`);
    assert.equal(
      blocks[stack],
      diagramBlock(stack, entry(fresh, stack, "diagram")),
      `README.md's ${stack} diagram is stale: run npm run diagrams`,
    );
  }
});

test("the updater replaces only the marked blocks, appends a section when they are missing, and is idempotent", () => {
  const fresh = { dev: "flowchart LR\n  a --> b", prod: "flowchart LR\n  c --> d" };
  const appended = updateReadme("# Title\n\nText by hand.\n", fresh);
  assert.match(appended, /^# Title\n\nText by hand\.\n\n## Topology \(generated\)\n/);
  assert.equal(updateReadme(appended, fresh), appended);
  const edited = appended.replace("a --> b", "stale").replace("Text by hand.", "Text edited by hand.");
  const again = updateReadme(edited, fresh);
  assert.match(again, /a --> b/);
  assert.doesNotMatch(again, /stale/);
  assert.match(again, /Text edited by hand\./);
  assert.equal(again.match(/## Topology \(generated\)/g)?.length, 1);
});
