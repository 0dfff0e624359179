/**
 * Tunnel rules. Source unless noted: S2S VPN User Guide, "Tunnel options for your Site-to-Site VPN
 * connection", and EC2 API reference, VpnTunnelOptionsSpecification.
 */
import { isIpv4Cidr, isIpv6Cidr, prefixLength, within } from "../../lib/cidr";
import { hardenedTunnelOptions } from "../defaults";
import { keyPath, show } from "../errors";
import type { TunnelOptionsInput } from "../schema";
import { insideCidrCollisions, reservedInsideCidrs } from "../tunnel-cidrs";
import { phase1DhGroups, phase2DhGroups } from "../../vocabulary/vpn";
import type { Rule } from "./context";

const tunnels = ["tunnel1", "tunnel2"] as const;

/** Inside CIDR: a /30 inside 169.254.0.0/16, none of the reserved blocks. */
export const tunnelInsideCidr: Rule = (config, _ctx, out) => {
  for (const c of config.vpnConnections) {
    for (const t of tunnels) {
      const cidr = c[t].insideCidr;
      if (cidr === undefined) continue;
      const path = keyPath("vpnConnections", c.name, t, "insideCidr");
      if (!isIpv4Cidr(cidr) || prefixLength(cidr) !== 30 || !within(cidr, "169.254.0.0/16")) {
        out.report(path, "tunnel-inside-cidr-range", `${show(cidr)} must be a /30 inside 169.254.0.0/16`);
      } else if (reservedInsideCidrs.includes(cidr)) {
        out.report(path, "tunnel-inside-cidr-reserved", `${show(cidr)} is reserved by AWS; not allowed: ${reservedInsideCidrs.join(", ")}`);
      }
    }
  }
};

/**
 * An IPv6 connection's tunnels have IPv6 inside addresses only: the provider would drop a pinned
 * IPv4 block without a word (components/vpn/site-to-site-connection.ts sends one or the other), so
 * a config that pins one there is refused rather than silently ignored.
 */
export const tunnelInsideCidrNeedsIpv4: Rule = (config, _ctx, out) => {
  for (const c of config.vpnConnections) {
    if (c.tunnelInsideIpVersion === "ipv4") continue;
    for (const t of tunnels) {
      const cidr = c[t].insideCidr;
      if (cidr === undefined) continue;
      out.report(
        keyPath("vpnConnections", c.name, t, "insideCidr"),
        "tunnel-inside-cidr-needs-ipv4",
        `${show(cidr)} is an IPv4 inside CIDR, but tunnelInsideIpVersion "${c.tunnelInsideIpVersion}" uses insideIpv6Cidr only; remove it`,
      );
    }
  }
};

/** IPv6 inside CIDR: a /126 inside fd00::/8, TGW only (always a TGW here). */
export const tunnelInsideIpv6Cidr: Rule = (config, _ctx, out) => {
  for (const c of config.vpnConnections) {
    for (const t of tunnels) {
      const cidr = c[t].insideIpv6Cidr;
      if (cidr === undefined) continue;
      const path = keyPath("vpnConnections", c.name, t, "insideIpv6Cidr");
      if (!isIpv6Cidr(cidr) || prefixLength(cidr) !== 126 || !within(cidr, "fd00::/8")) {
        out.report(path, "tunnel-inside-ipv6-cidr-range", `${show(cidr)} must be a /126 inside fd00::/8`);
      }
      if (c.tunnelInsideIpVersion !== "ipv6") {
        out.report(
          path,
          "tunnel-inside-ipv6-needs-ipv6",
          `set only with tunnelInsideIpVersion "ipv6" (got ${show(c.tunnelInsideIpVersion)})`,
        );
      }
    }
  }
};

/**
 * The two tunnels of a connection use different blocks (AWS); across connections AWS allows reuse
 * on a TGW, but the customer device cannot hold two identical inside subnets, so we demand unique.
 */
export const tunnelInsideCidrUnique: Rule = (config, _ctx, out) => {
  for (const field of ["insideCidr", "insideIpv6Cidr"] as const) {
    const seen = new Map<string, string>();
    for (const c of config.vpnConnections) {
      for (const t of tunnels) {
        const cidr = c[t][field];
        if (cidr === undefined) continue;
        const path = keyPath("vpnConnections", c.name, t, field);
        const first = seen.get(cidr);
        if (first !== undefined) {
          const sameConnection = first.startsWith(keyPath("vpnConnections", c.name) + ".");
          out.report(
            path,
            sameConnection ? "tunnel-inside-cidr-same-connection" : "tunnel-inside-cidr-unique",
            `${show(cidr)} is already used by ${first}; ${sameConnection ? "the two tunnels of a connection need different blocks" : "inside CIDRs must be unique across the stack"}`,
          );
        } else seen.set(cidr, path);
      }
    }
  }
};

/**
 * An unpinned tunnel takes its hash block (tunnel-cidrs.ts), which depends on its connection's name
 * alone, so a live tunnel never moves. Two tunnels on one block are refused as in
 * tunnelInsideCidrUnique (AWS: the two tunnels of a connection need different blocks; across
 * connections on a TGW AWS allows reuse, but the customer device cannot hold two identical inside
 * subnets), so a hash block that another tunnel pins, or that an unpinned tunnel listed earlier
 * also hashes to, is refused with a free block to pin. Reported at the later tunnel in the list;
 * the message names both, since only the user knows which one is deployed.
 */
export const tunnelInsideCidrCollision: Rule = (config, _ctx, out) => {
  const requests = config.vpnConnections.flatMap((c) =>
    ([1, 2] as const).map((tunnel) => {
      const pinned = c[`tunnel${tunnel}`].insideCidr;
      return { connection: c.name, tunnel, ...(pinned !== undefined ? { configured: pinned } : {}) };
    }),
  );
  for (const { tunnel, cidr, holder, freeBlock } of insideCidrCollisions(requests)) {
    const holderPath = keyPath("vpnConnections", holder.connection, `tunnel${holder.tunnel}`);
    const taken = holder.pinned
      ? `the block ${holderPath}.insideCidr pins; pin this tunnel to a free block, e.g. ${show(freeBlock)} (if it is already deployed on ${show(cidr)}, pin it there and move the other pin)`
      : `${holderPath} is allocated the same block; allocated blocks never move, so pin the new one to a free block, e.g. ${show(freeBlock)} (pinning the deployed one to ${show(cidr)} alone does not clear this)`;
    out.report(
      keyPath("vpnConnections", tunnel.connection, `tunnel${tunnel.tunnel}`, "insideCidr"),
      "tunnel-inside-cidr-collision",
      `unset, so allocated from the connection name: ${show(cidr)}, ${taken}`,
    );
  }
};

/** Pre-shared key: 8-64 characters of letters, digits, '.' and '_', not starting with '0'. */
export function presharedKeyProblem(key: string): string | undefined {
  if (key.length < 8 || key.length > 64) return `must be 8 to 64 characters (got ${key.length})`;
  if (!/^[A-Za-z0-9._]+$/.test(key)) return "may contain only letters, digits, '.' and '_'";
  if (key.startsWith("0")) return "cannot start with '0'";
  return undefined;
}

/** A key taken from config must be a secret config value and obey AWS's key rules. The value is never shown. */
export const presharedKeyFromConfig: Rule = (config, ctx, out) => {
  for (const c of config.vpnConnections) {
    // A certificate gateway's tunnels take no key at all (customer-gateways.ts reports a key set there).
    if (config.customerGateways.some((g) => g.name === c.customerGateway && g.certificateArn !== undefined)) continue;
    for (const t of tunnels) {
      const psk = c[t].presharedKey;
      if (psk?.source !== "config") continue;
      const path = keyPath("vpnConnections", c.name, t, "presharedKey", "configKey");
      const raw = ctx.rawKeys.get(psk.configKey);
      if (raw === undefined) {
        out.report(
          path,
          "preshared-key-config-missing",
          `config key ${show(psk.configKey)} is not set; run pulumi config set --secret ${psk.configKey} <key>`,
        );
        continue;
      }
      if (!raw.secret) {
        out.report(
          path,
          "preshared-key-not-secret",
          `config key ${show(psk.configKey)} holds a pre-shared key in plain text; set it with --secret`,
        );
      }
      const problem = typeof raw.value === "string" ? presharedKeyProblem(raw.value) : "must be a string";
      if (problem) out.report(path, "preshared-key-format", `the pre-shared key in ${show(psk.configKey)} ${problem} (value hidden)`);
    }
  }
};

/** A set of tunnel options as configured at `path`: merged over the stack-wide ones, and the keys set there. */
type OptionsAt = { path: string; options: TunnelOptionsInput; own: TunnelOptionsInput };

function optionSets(config: Parameters<Rule>[0]): OptionsAt[] {
  const sets: OptionsAt[] = [{ path: "vpn.tunnelOptions", options: config.vpn.tunnelOptions, own: config.vpn.tunnelOptions }];
  for (const c of config.vpnConnections) {
    if (c.tunnelOptions) {
      sets.push({
        path: keyPath("vpnConnections", c.name, "tunnelOptions"),
        options: { ...config.vpn.tunnelOptions, ...c.tunnelOptions },
        own: c.tunnelOptions,
      });
    }
  }
  return sets;
}

/**
 * Startup action `start` (AWS initiates IKE) works with IKEv2 only: "Tunnel options for your
 * Site-to-Site VPN connection" (Startup action) and "Site-to-Site VPN tunnel initiation options"
 * (rules and limitations: IKE initiation from the AWS side is supported for IKEv2 only). It also
 * needs the customer gateway's IP address; `customerGateways[].ipAddress` is required here, so
 * every gateway has one. A set is checked where it says either option: a connection that changes
 * neither inherits the stack-wide verdict, reported once at vpn.tunnelOptions.
 */
export const startupActionNeedsIkev2: Rule = (config, _ctx, out) => {
  for (const { path, options, own } of optionSets(config)) {
    if (own.startupAction === undefined && own.ikeVersions === undefined && path !== "vpn.tunnelOptions") continue;
    const o = { ...hardenedTunnelOptions, ...options };
    if (o.startupAction !== "start" || o.ikeVersions.includes("ikev2")) continue;
    const key = own.startupAction !== undefined ? "startupAction" : "ikeVersions";
    out.report(
      `${path}.${key}`,
      "startup-action-needs-ikev2",
      `startupAction "start" with ikeVersions ${show(o.ikeVersions)}: AWS initiates IKE only with IKEv2; add "ikev2" or let the device initiate (startupAction "add")`,
    );
  }
};

/** Numeric tunnel options within AWS's ranges; DH groups from AWS's lists. */
export const tunnelOptionRanges: Rule = (config, _ctx, out) => {
  for (const { path, options } of optionSets(config)) {
    const o = { ...hardenedTunnelOptions, ...options };
    const range = (key: keyof TunnelOptionsInput, value: number, min: number, max: number, unit: string) => {
      if (options[key] !== undefined && (value < min || value > max)) {
        out.report(`${path}.${key}`, `tunnel-${key}-range`, `${value} is outside ${min}-${max} ${unit}`);
      }
    };
    range("phase1LifetimeSeconds", o.phase1LifetimeSeconds, 900, 28800, "seconds");
    range("phase2LifetimeSeconds", o.phase2LifetimeSeconds, 900, 3600, "seconds");
    range("rekeyFuzzPercentage", o.rekeyFuzzPercentage, 0, 100, "percent");
    range("replayWindowSize", o.replayWindowSize, 64, 2048, "packets");
    if (options.dpdTimeoutSeconds !== undefined && o.dpdTimeoutSeconds < 30) {
      out.report(
        `${path}.dpdTimeoutSeconds`,
        "tunnel-dpdTimeoutSeconds-range",
        `${o.dpdTimeoutSeconds} is below the minimum of 30 seconds`,
      );
    }
    if (
      o.phase2LifetimeSeconds >= o.phase1LifetimeSeconds &&
      (options.phase1LifetimeSeconds !== undefined || options.phase2LifetimeSeconds !== undefined)
    ) {
      out.report(
        `${path}.phase2LifetimeSeconds`,
        "tunnel-phase2-below-phase1",
        `phase 2 lifetime ${o.phase2LifetimeSeconds} must be below phase 1 lifetime ${o.phase1LifetimeSeconds}`,
      );
    }
    const maxMargin = Math.floor(o.phase2LifetimeSeconds / 2);
    if (
      (options.rekeyMarginTimeSeconds !== undefined || options.phase2LifetimeSeconds !== undefined) &&
      (o.rekeyMarginTimeSeconds < 60 || o.rekeyMarginTimeSeconds > maxMargin)
    ) {
      out.report(
        `${path}.rekeyMarginTimeSeconds`,
        "tunnel-rekeyMarginTimeSeconds-range",
        `${o.rekeyMarginTimeSeconds} must be 60 up to half the phase 2 lifetime (${maxMargin}) seconds`,
      );
    }
    for (const [key, allowed] of [
      ["phase1DhGroupNumbers", phase1DhGroups as readonly number[]],
      ["phase2DhGroupNumbers", phase2DhGroups as readonly number[]],
    ] as const) {
      const bad = (options[key] ?? []).filter((g) => !allowed.includes(g));
      if (bad.length > 0) out.report(`${path}.${key}`, `tunnel-${key}`, `${show(bad)} not allowed; AWS accepts ${allowed.join(", ")}`);
    }
  }
};

/** IPv6 inside addressing: both tunnels' /126 pinned (unpinned, the provider can swap the tunnels). */
export const tunnelInsideIpv6Pinned: Rule = (config, _ctx, out) => {
  for (const c of config.vpnConnections) {
    if (c.tunnelInsideIpVersion !== "ipv6") continue;
    for (const t of tunnels) {
      if (c[t].insideIpv6Cidr === undefined) {
        out.report(
          keyPath("vpnConnections", c.name, t, "insideIpv6Cidr"),
          "tunnel-inside-ipv6-required",
          `required with tunnelInsideIpVersion "ipv6": a /126 inside fd00::/8`,
        );
      }
    }
  }
};

export const tunnelRules: Rule[] = [
  tunnelInsideCidr,
  tunnelInsideCidrNeedsIpv4,
  tunnelInsideIpv6Cidr,
  tunnelInsideIpv6Pinned,
  tunnelInsideCidrUnique,
  tunnelInsideCidrCollision,
  presharedKeyFromConfig,
  tunnelOptionRanges,
  startupActionNeedsIkev2,
];
