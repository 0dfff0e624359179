/**
 * Customer gateway rules that depend on how the gateway is used: its address against the outside
 * IP type of the connections to it, and certificate-based authentication. Sources: EC2 API reference
 * CreateCustomerGateway; S2S VPN User Guide "Customer gateway options", "Site-to-Site VPN tunnel
 * authentication options", "Private IP Site-to-Site VPN"; IANA IPv4 Special-Purpose Address
 * Registry (RFC 6890).
 */
import { isIpv4Address, privateIpv4Blocks, within } from "../../lib/cidr";
import { keyPath, show } from "../errors";
import type { Rule } from "./context";

/**
 * Blocks that are not globally reachable (IANA special-purpose registry) besides the private ones:
 * "this network" (RFC 791), loopback (RFC 1122), link-local (RFC 3927), IETF protocol assignments
 * (RFC 6890), benchmarking (RFC 2544), multicast (RFC 5771) and reserved (RFC 1112, with the
 * limited broadcast address). A gateway on one of them cannot terminate tunnels over the internet.
 *
 * Not listed, on purpose: the documentation blocks 192.0.2.0/24, 198.51.100.0/24 and
 * 203.0.113.0/24 (RFC 5737). IANA marks them not globally reachable too, but RFC 5737 reserves them
 * for examples, and the example stacks use them as stand-ins for a router's public address; so they
 * count as public here. They are not private, so a PrivateIpv4 connection refuses them.
 */
export const nonPublicIpv4Blocks = [
  ...privateIpv4Blocks,
  "0.0.0.0/8",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "192.0.0.0/24",
  "198.18.0.0/15",
  "224.0.0.0/4",
  "240.0.0.0/4",
];

const inAny = (address: string, blocks: readonly string[]) => blocks.find((b) => within(`${address}/32`, b));

/**
 * A PublicIpv4 connection (the default) runs its tunnels over the internet, so AWS must reach the
 * gateway's address there: a public address. A PrivateIpv4 connection runs over Direct Connect to
 * a private address ("Private IP Site-to-Site VPN"): RFC 1918 or RFC 6598. Reported once per
 * gateway and kind, naming the connections that need the other kind.
 */
export const customerGatewayAddressScope: Rule = (config, _ctx, out) => {
  for (const g of config.customerGateways) {
    if (!isIpv4Address(g.ipAddress)) continue; // cgw-ip-address reports it
    const connections = config.vpnConnections.filter((c) => c.customerGateway === g.name);
    const path = keyPath("customerGateways", g.name, "ipAddress");
    const publicOnes = connections.filter((c) => c.outsideIpAddressType === "PublicIpv4").map((c) => c.name);
    const block = inAny(g.ipAddress, nonPublicIpv4Blocks);
    if (publicOnes.length > 0 && block !== undefined) {
      out.report(
        path,
        "cgw-ip-not-public",
        `${show(g.ipAddress)} is not a public address (in ${block}), but ${publicOnes.join(", ")} use outsideIpAddressType "PublicIpv4": AWS reaches the gateway over the internet; use its public (or NAT) address, or PrivateIpv4 over Direct Connect`,
      );
    }
    const privateOnes = connections.filter((c) => c.outsideIpAddressType === "PrivateIpv4").map((c) => c.name);
    if (privateOnes.length > 0 && inAny(g.ipAddress, privateIpv4Blocks) === undefined) {
      out.report(
        path,
        "cgw-ip-not-private",
        `${show(g.ipAddress)} is not a private address, but ${privateOnes.join(", ")} use outsideIpAddressType "PrivateIpv4": over Direct Connect the gateway has an RFC 1918 (10/8, 172.16/12, 192.168/16) or RFC 6598 (100.64/10) address`,
      );
    }
  }
};

/** An ACM certificate ARN: arn:<partition>:acm:<region>:<12-digit account>:certificate/<id>. */
const acmCertificateArn = /^arn:aws(-[a-z]+)*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[A-Za-z0-9-]+$/;

/** CreateCustomerGateway CertificateArn: "The Amazon Resource Name (ARN) for the customer gateway certificate" (ACM). */
export const customerGatewayCertificate: Rule = (config, _ctx, out) => {
  for (const g of config.customerGateways) {
    if (g.certificateArn !== undefined && !acmCertificateArn.test(g.certificateArn)) {
      out.report(
        keyPath("customerGateways", g.name, "certificateArn"),
        "cgw-certificate-arn",
        `${show(g.certificateArn)} is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>, a private certificate from AWS Private CA)`,
      );
    }
  }
};

/**
 * A tunnel authenticates with a pre-shared key or with a private certificate ("Site-to-Site VPN
 * tunnel authentication options"): the tunnels of a certificate gateway take no key, neither one
 * of ours nor one AWS generates. Leaving `presharedKey` out is the way to say so.
 */
export const certificateGatewayKeys: Rule = (config, _ctx, out) => {
  for (const c of config.vpnConnections) {
    const gateway = config.customerGateways.find((g) => g.name === c.customerGateway);
    if (gateway?.certificateArn === undefined) continue;
    for (const t of ["tunnel1", "tunnel2"] as const) {
      const key = c[t].presharedKey;
      if (key === undefined) continue;
      out.report(
        keyPath("vpnConnections", c.name, t, "presharedKey"),
        "certificate-gateway-preshared-key",
        `${JSON.stringify(key)} set, but customer gateway ${gateway.name} authenticates with its certificate (certificateArn): its tunnels take no pre-shared key; remove presharedKey`,
      );
    }
  }
};

export const customerGatewayRules: Rule[] = [customerGatewayAddressScope, customerGatewayCertificate, certificateGatewayKeys];
