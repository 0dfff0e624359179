/**
 * The benchmark's floor for a stack: the registrations a plan captured, replayed through the SDK
 * under Pulumi's own mocks (with the offline speedups the plan uses), without the program, the
 * recording mocks or the report. Each resource is registered again with its type, name, inputs
 * (secret ones as secrets), parent, dependencies, protection, delete-before-replace and provider:
 * custom resources through their provider SDK class (which adds its own options, e.g. the secret
 * outputs of a VPN connection), components as plain ComponentResources that register empty outputs,
 * explicit providers as ProviderResources. Inputs that were outputs of other resources in the
 * program (ids) are plain values here; the dependencies they carried are passed as `dependsOn`.
 * The mocks answer each registration with the id and outputs the plan recorded.
 */
import type * as pulumiType from "@pulumi/pulumi";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { runtimeSettings } from "../infra/lib/sdk-internals";

type ResourceClass = new (name: string, args: Record<string, unknown>, opts: pulumiType.CustomResourceOptions) => pulumiType.Resource;

const stackType = "pulumi:pulumi:Stack";
const providerPrefix = "pulumi:providers:";

/** The provider SDK class of a type token: `aws:ec2/route:Route` is `Route` of `@pulumi/aws/ec2/route`. */
function classOf(type: string): ResourceClass {
  const [pkg, path, name] = type.split(":");
  if (!pkg || !path || !name) throw new Error(`not a resource type token: ${type}`);
  const module = path.startsWith("index/") ? path.slice("index/".length) : path;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cls = (require(`@pulumi/${pkg}/${module}`) as Record<string, unknown>)[name];
  if (typeof cls !== "function") throw new Error(`no class ${name} in @pulumi/${pkg}/${module}`);
  return cls as ResourceClass;
}

/** Loads the SDK classes of every custom type in the run (part of the replay's imports). */
export function loadClasses(run: CapturedRun): Map<string, ResourceClass> {
  const classes = new Map<string, ResourceClass>();
  for (const r of run.resources)
    if (r.custom && !r.type.startsWith(providerPrefix) && r.type !== stackType && !classes.has(r.type))
      classes.set(r.type, classOf(r.type));
  return classes;
}

/** Registers every captured resource again, in the captured (construction) order, and waits for the registrations. */
export async function replay(
  pulumi: typeof pulumiType,
  run: CapturedRun,
  classes: Map<string, ResourceClass>,
  stack: string,
): Promise<number> {
  const recorded = new Map<string, CapturedResource[]>();
  for (const r of run.resources) {
    const key = `${r.type}\n${r.name}`;
    const list = recorded.get(key);
    if (list) list.push(r);
    else recorded.set(key, [r]);
  }
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        const r = recorded.get(`${a.type}\n${a.name}`)?.shift();
        return { id: r?.id ?? `${a.name}-id`, state: r?.outputs ?? a.inputs };
      },
      call: (a) => a.inputs,
    },
    run.project,
    stack,
    true,
  );
  /** A component as registered: its type, name and options, and (empty) outputs. */
  class Component extends pulumi.ComponentResource {
    constructor(type: string, name: string, opts: pulumiType.ComponentResourceOptions) {
      super(type, name, {}, opts);
      this.registerOutputs({});
    }
  }
  /** An explicit provider, with its recorded (serialised) inputs. */
  class Provider extends pulumi.ProviderResource {}
  const byUrn = new Map<string, pulumiType.Resource>();
  let count = 0;
  await pulumi.runtime.runInPulumiStack(() => {
    for (const r of run.resources) {
      if (r.type === stackType) continue;
      const inputs: Record<string, unknown> = { ...r.inputs };
      for (const k of r.secretInputs) inputs[k] = pulumi.secret(inputs[k]);
      const dependsOn = r.dependencies.map((u) => byUrn.get(u)).filter((d): d is pulumiType.Resource => d !== undefined);
      const providerUrn = r.provider ? r.provider.split("::").slice(0, -1).join("::") : "";
      const provider = providerUrn ? byUrn.get(providerUrn) : undefined;
      const opts: pulumiType.CustomResourceOptions = {
        ...(byUrn.has(r.parent) ? { parent: byUrn.get(r.parent) } : {}),
        ...(dependsOn.length > 0 ? { dependsOn } : {}),
        ...(r.protect ? { protect: true } : {}),
        ...(r.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
        ...(provider ? { provider: provider as pulumiType.ProviderResource } : {}),
      };
      let res: pulumiType.Resource;
      if (!r.custom) {
        res = new Component(r.type, r.name, opts);
      } else if (r.type.startsWith(providerPrefix)) {
        res = new Provider(r.type.slice(providerPrefix.length), r.name, inputs, opts);
      } else {
        const cls = classes.get(r.type);
        if (!cls) throw new Error(`no class loaded for ${r.type}`);
        res = new cls(r.name, inputs, opts);
      }
      byUrn.set(r.urn, res);
      count++;
    }
    return Promise.resolve(run.outputs);
  });
  await runtimeSettings().waitForRPCs();
  return count;
}
