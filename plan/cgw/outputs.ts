/**
 * The deployed stack's outputs (`pulumi stack output --json`), as far as the kit needs them: per
 * VPN connection, each tunnel's AWS outside address (known only once AWS has created the
 * connection), inside addresses and AWS ASN, and the Secrets Manager ARN of its keys. Keys are not
 * read from here: the JSON the command reads is taken without --show-secrets.
 */
import { z } from "zod";

const tunnel = z.object({
  outsideAddress: z.string().min(1),
  insideCidr: z.string().optional(),
  awsInsideAddress: z.string().optional(),
  customerInsideAddress: z.string().optional(),
  awsBgpAsn: z.union([z.string(), z.number()]).optional(),
});

const connection = z.object({
  customerGateway: z.string().optional(),
  presharedKeyArn: z.string().optional(),
  tunnels: z.array(tunnel).length(2),
});

const stackOutputs = z.object({ vpnConnections: z.record(z.string(), connection) });

export type DeployedTunnel = z.infer<typeof tunnel>;
export type DeployedConnection = z.infer<typeof connection>;
/** Connection name -> what AWS reported for it. */
export type DeployedConnections = Record<string, DeployedConnection>;

/** Parses the text of `pulumi stack output --json`. Throws with the path of the first field that does not fit. */
export function parseStackOutputs(text: string, source: string): DeployedConnections {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not JSON (${e instanceof Error ? e.message : String(e)}); pass the output of 'pulumi stack output --json'`);
  }
  const parsed = stackOutputs.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.join(".") : "";
    throw new Error(
      `${source}: ${path || "the document"}: ${issue?.message ?? "unexpected shape"} (expected the vpnConnections output of this stack)`,
    );
  }
  return parsed.data.vpnConnections;
}
