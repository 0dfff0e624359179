/**
 * Pulumi mocks that record every registered resource and return outputs realistic enough to chain:
 * AWS-shaped ids and ARNs, VPN tunnel addresses, the VPN's TGW attachment id. An ARN names the
 * account of the resource's provider (its `allowedAccountIds`), as it would in AWS: a spoke's
 * resources in the spoke's account.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { runtimeSettings, urnPromise, wrapRegisterResource } from "../../infra/lib/sdk-internals";
import type { CapturedResource } from "./captured-run";
import { awsTypes } from "./types";

/** Pulumi's wire format marks a secret as `{ [specialSigKey]: secretSig, value }`. */
const specialSigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
/** The account of the default provider (the ambient credentials). */
const accountId = "111111111111";

const idPrefixes: Record<string, string> = {
  [awsTypes.tgw]: "tgw-",
  [awsTypes.tgwRouteTable]: "tgw-rtb-",
  [awsTypes.vpcAttachment]: "tgw-attach-",
  [awsTypes.vpn]: "vpn-",
  [awsTypes.cgw]: "cgw-",
  [awsTypes.vpc]: "vpc-",
  [awsTypes.subnet]: "subnet-",
  [awsTypes.routeTable]: "rtb-",
  [awsTypes.igw]: "igw-",
  [awsTypes.nat]: "nat-",
  [awsTypes.eip]: "eipalloc-",
  [awsTypes.securityGroup]: "sg-",
  [awsTypes.ramShare]: "rs-",
  [awsTypes.flowLog]: "fl-",
};

function hex(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function fakeIp(seed: string): string {
  const [b0 = 0, b1 = 0, b2 = 0] = createHash("sha256").update(seed).digest();
  return `52.${16 + (b0 % 16)}.${b1}.${1 + (b2 % 250)}`;
}

function hostOf(cidr: unknown, n: number): string | undefined {
  if (typeof cidr !== "string" || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(cidr)) return undefined;
  const [a, b, c, d = 0] = (cidr.split("/")[0] ?? "").split(".").map(Number);
  return `${a}.${b}.${c}.${d + n}`;
}

/**
 * Computed outputs the mocks derive from the inputs the way AWS does, so their values are known
 * before deploy: a tunnel's inside addresses are the first and second hosts of its inside CIDR
 * (S2S VPN User Guide, "Tunnel options"), its AWS-side ASN is the TGW's Amazon-side ASN.
 */
const derivedOutputs = new Set([1, 2].flatMap((t) => [`tunnel${t}VgwInsideAddress`, `tunnel${t}CgwInsideAddress`, `tunnel${t}BgpAsn`]));

/**
 * Computed outputs composed of the resource's id, its account and its inputs (ARNs, owner and
 * receiver account ids): known before deploy exactly when their parts are, an imported id and an
 * account named in the config (a provider's allowedAccountIds) but not a created id nor the
 * credentials' account, which offline is the mock's.
 */
const composedOutputs = new Set(["arn", "dashboardArn", "ownerId", "receiverAccountId", "presharedKeyArn"]);

/**
 * The computed outputs (and `id`) whose values the mocks made up: AWS assigns them at deploy. Every
 * computed output not derived, composed of known parts or echoing its input is one (outside
 * addresses, attachment ids, main route tables, generated keys...).
 */
function madeUpOutputs(computed: Record<string, unknown>, inputs: Record<string, unknown>, id: string, imported: boolean): string[] {
  const madeUp = (k: string): boolean => {
    const v = computed[k];
    if (derivedOutputs.has(k) || v === inputs[k] || (imported && v === id)) return false;
    if (!composedOutputs.has(k)) return true;
    return typeof v === "string" && ((!imported && v.includes(id)) || v.includes(accountId));
  };
  return [...(imported ? [] : ["id"]), ...Object.keys(computed).filter(madeUp)];
}

/** Outputs a real provider would compute, for the types this program reads them from. */
function computedOutputs(
  type: string,
  name: string,
  id: string,
  inputs: Record<string, unknown>,
  region: string,
  accountId: string,
  inputsOf: (id: unknown) => Record<string, unknown> | undefined,
): Record<string, unknown> {
  const service = type.split(":")[1]?.split("/")[0] ?? "resource";
  const arnService = service.startsWith("ec2") ? "ec2" : service;
  const out: Record<string, unknown> = { arn: `arn:aws:${arnService}:${region}:${accountId}:${name}/${id}` };
  switch (type) {
    case awsTypes.tgw:
      out.associationDefaultRouteTableId = "";
      out.propagationDefaultRouteTableId = "";
      out.ownerId = accountId;
      break;
    case awsTypes.vpn:
      out.transitGatewayAttachmentId = `tgw-attach-${hex(`${name}/attachment`, 17)}`;
      for (const t of [1, 2]) {
        out[`tunnel${t}Address`] = fakeIp(`${name}/${t}`);
        out[`tunnel${t}VgwInsideAddress`] = hostOf(inputs[`tunnel${t}InsideCidr`], 1);
        out[`tunnel${t}CgwInsideAddress`] = hostOf(inputs[`tunnel${t}InsideCidr`], 2);
        // The Amazon side of the BGP session: the ASN of the TGW the connection attaches to.
        out[`tunnel${t}BgpAsn`] = String(inputsOf(inputs.transitGatewayId)?.amazonSideAsn ?? 64512);
        out[`tunnel${t}PresharedKey`] = inputs[`tunnel${t}PresharedKey`] ?? `awsGenerated${hex(name + t, 20)}`;
      }
      out.customerGatewayConfiguration = `<?xml version="1.0"?><vpn_connection id="${id}"><!-- offline mock --></vpn_connection>`;
      out.presharedKeyArn =
        inputs.presharedKeyStorage === "SecretsManager" ? `arn:aws:secretsmanager:${region}:${accountId}:secret:${id}` : undefined;
      break;
    case awsTypes.vpc:
      out.mainRouteTableId = `rtb-${hex(`${name}/main`, 17)}`;
      out.defaultSecurityGroupId = `sg-${hex(`${name}/default`, 17)}`;
      out.ownerId = accountId;
      break;
    case awsTypes.eip:
      out.publicIp = fakeIp(`${name}/eip`);
      out.allocationId = id;
      break;
    case awsTypes.password: {
      const length = typeof inputs.length === "number" ? inputs.length : 16;
      // Depends on every input, as a new password would after a replacement.
      out.result = ("Mock" + hex(`${name}/${JSON.stringify(inputs)}`, 64)).slice(0, length);
      break;
    }
    case awsTypes.topic:
      out.arn = `arn:aws:sns:${region}:${accountId}:${inputs.name ?? name}`;
      break;
    case awsTypes.logGroup:
      out.arn = `arn:aws:logs:${region}:${accountId}:log-group:${inputs.name ?? name}`;
      break;
    case awsTypes.iamRole:
      out.arn = `arn:aws:iam::${accountId}:role/${inputs.name ?? name}`;
      break;
    case awsTypes.dashboard:
      out.dashboardArn = `arn:aws:cloudwatch::${accountId}:dashboard/${inputs.dashboardName ?? name}`;
      break;
    case awsTypes.topicSubscription:
      out.arn = `${inputs.topic}:${hex(`${name}/subscription`, 8)}-${hex(`${name}/subscription/2`, 4)}`;
      break;
    case awsTypes.ramAccepter:
      out.status = "ACCEPTED";
      out.receiverAccountId = accountId;
      out.senderAccountId = typeof inputs.shareArn === "string" ? inputs.shareArn.split(":")[4] : undefined;
      break;
  }
  return out;
}

export class RecordingMocks implements pulumi.runtime.Mocks {
  readonly resources = new Map<string, CapturedResource>();
  /** Every resource the program constructed, in the order it constructed them. */
  readonly constructed: pulumi.Resource[] = [];
  /** Inputs by mock id, so an output can depend on a resource it references. */
  private readonly inputsById = new Map<string, Record<string, unknown>>();
  /** Provider id -> the account it is allowed into. */
  private readonly accountByProvider = new Map<string, string>();
  /** By id: the outputs (and `id`) whose values the mocks made up, known only after deploy. */
  readonly placeholdersById = new Map<string, string[]>();
  constructor(readonly region: string) {}

  /**
   * An imported resource (`args.id` is its import id) keeps that id, and its state is the inputs the
   * program gave: offline, the real resource is taken to be what the program describes.
   */
  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
    const prefix = idPrefixes[args.type] ?? `${args.type.split(":").pop()?.toLowerCase() ?? "res"}-`;
    const id = args.id || `${prefix}${hex(`${args.type}/${args.name}`, 17)}`;
    if (args.type.startsWith("pulumi:providers:")) {
      const allowed = allowedAccount(args.inputs as Record<string, unknown>);
      if (allowed !== undefined) this.accountByProvider.set(id, allowed);
    }
    const account = (args.provider && this.accountByProvider.get(args.provider.split("::").pop() ?? "")) || accountId;
    const computed = computedOutputs(args.type, args.name, id, args.inputs, this.region, account, (ref) =>
      this.inputsById.get(String(ref)),
    );
    const state = { ...args.inputs, id, ...computed };
    this.inputsById.set(id, args.inputs);
    // An imported resource's id is the real one (and so is an output equal to it, an Elastic IP's allocationId).
    this.placeholdersById.set(id, madeUpOutputs(computed, args.inputs, id, !!args.id));
    return { id, state };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    switch (args.token) {
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return { accountId, arn: `arn:aws:iam::${accountId}:user/offline`, userId: "offline" };
      case "aws:index/getRegion:getRegion":
        return { name: this.region, region: this.region };
      case "aws:index/getPartition:getPartition":
        return { partition: "aws", dnsSuffix: "amazonaws.com" };
      default:
        return args.inputs;
    }
  }
}

/** The first of a provider's `allowedAccountIds` (the engine may hand a provider's list input as JSON text). */
function allowedAccount(inputs: Record<string, unknown>): string | undefined {
  let allowed = inputs.allowedAccountIds;
  if (typeof allowed === "string") {
    try {
      allowed = JSON.parse(allowed) as unknown;
    } catch {
      return undefined;
    }
  }
  return Array.isArray(allowed) && typeof allowed[0] === "string" ? allowed[0] : undefined;
}

function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[specialSigKey] === secretSig && "value" in obj) return unwrapSecrets(obj.value);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

function isSecret(value: unknown): boolean {
  return !!value && typeof value === "object" && (value as Record<string, unknown>)[specialSigKey] === secretSig;
}

/**
 * Installs the mocks for one offline run and returns the record it fills. Must run before the
 * program is loaded. The mock monitor's register call is wrapped to record parent, dependencies,
 * protection, provider and input secrecy, which the public Mocks interface does not see.
 */
export async function installRecordingMocks(project: string, stack: string, region: string, preview = true): Promise<RecordingMocks> {
  const mocks = new RecordingMocks(region);
  await pulumi.runtime.setMocks(mocks, project, stack, preview);
  const monitor = runtimeSettings().getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = async (req, callback) => {
    const raw = req.getObject()?.toJavaScript() ?? {};
    const urn = monitor.newUrn(req.getParent(), req.getType(), req.getName());
    await register(req, (err, resp) => {
      if (!err) {
        const stored = monitor.resources.get(urn);
        const state = stored ? (unwrapSecrets(stored.state) as Record<string, unknown>) : {};
        mocks.resources.set(urn, {
          urn,
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent(),
          inputs: unwrapSecrets(raw) as Record<string, unknown>,
          outputs: state,
          id: stored?.id ?? "",
          secretInputs: Object.keys(raw).filter((k) => isSecret(raw[k])),
          dependencies: req.getDependenciesList(),
          protect: req.getProtect(),
          deleteBeforeReplace: req.getDeletebeforereplace(),
          provider: req.getProvider(),
          custom: req.getCustom(),
          // Resource options the adoption of an existing VPC uses, recorded only when set.
          ...(req.getImportid() ? { importId: req.getImportid() } : {}),
          ...(req.getIgnorechangesList().length > 0 ? { ignoreChanges: req.getIgnorechangesList() } : {}),
          ...(req.getRetainondelete() ? { retainOnDelete: true } : {}),
          ...placeholdersOf(mocks, stored?.id),
        });
      }
      callback(err, resp);
    });
  };
  recordConstructionOrder(mocks);
  return mocks;
}

/** The `placeholders` field of a captured resource: set when the mocks made up any of its values. */
function placeholdersOf(mocks: RecordingMocks, id: string | null | undefined): { placeholders?: string[] } {
  const keys = id ? mocks.placeholdersById.get(id) : undefined;
  return keys && keys.length > 0 ? { placeholders: keys } : {};
}

/**
 * The SDK's registration entry (runtime/resource.js `registerResource`) is called synchronously by
 * every resource's constructor, so wrapping it records the program's own order. The order in which
 * registrations complete is promise timing, not the program's.
 */
function recordConstructionOrder(mocks: RecordingMocks): void {
  wrapRegisterResource(
    (register) =>
      function (this: unknown, res: unknown, ...rest: unknown[]) {
        mocks.constructed.push(res as pulumi.Resource);
        return register.call(this, res, ...rest);
      },
  );
}

/** URN -> position in the program's construction order (a resource whose registration failed has none). */
export async function constructionOrder(mocks: RecordingMocks): Promise<Map<string, number>> {
  const urns = await Promise.all(mocks.constructed.map((r) => urnPromise(r).catch(() => undefined)));
  const order = new Map<string, number>();
  urns.forEach((urn, i) => {
    if (urn !== undefined && !order.has(urn)) order.set(urn, i);
  });
  return order;
}
