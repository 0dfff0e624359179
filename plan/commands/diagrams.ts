/**
 * `npm run diagrams` rewrites README.md's topology blocks from each stack's offline plan
 * (plan/report/readme-diagrams.ts); `npm run diagrams -- --check` exits 1 when README.md is out of date.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { freshDiagrams, readmePath, updateReadme } from "../report/readme-diagrams";

function main(): number {
  const check = process.argv.includes("--check");
  const current = existsSync(readmePath) ? readFileSync(readmePath, "utf8") : "";
  const next = updateReadme(current, freshDiagrams());
  if (check) {
    if (next !== current) {
      process.stderr.write("README.md topology diagrams are out of date: run `npm run diagrams`\n");
      return 1;
    }
    process.stdout.write("README.md topology diagrams are current\n");
    return 0;
  }
  if (next !== current) writeFileSync(readmePath, next);
  process.stdout.write(next !== current ? "README.md topology diagrams updated\n" : "README.md topology diagrams already current\n");
  return 0;
}

process.exit(main());
