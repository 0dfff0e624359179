/**
 * ECMP sizing. With BGP and VPN ECMP support every tunnel of every connection carries flows;
 * without them the TGW uses one tunnel at a time. Sized so the bandwidth with any single tunnel
 * down still meets what on-prem needs (S2S VPN quotas: 1.25 Gbps standard, 5 Gbps large tunnels).
 */
import type { TunnelBandwidth, VpnRouting } from "../vocabulary/vpn";
import { tunnelGbps } from "./defaults";
import type { CapacityPlan } from "./types";

export interface CapacityInput {
  requiredGbps?: number;
  ecmp: boolean;
  connections: { routing: VpnRouting; tunnelBandwidth: TunnelBandwidth }[];
}

/** Connections of `bandwidth` needed so that (2c - 1) tunnels carry `requiredGbps`. */
export function connectionsNeeded(requiredGbps: number, bandwidth: TunnelBandwidth): number {
  return Math.max(1, Math.ceil((requiredGbps / tunnelGbps[bandwidth] + 1) / 2));
}

/** ECMP spreads flows over every tunnel only with VPN ECMP support and BGP on every connection. */
export function ecmpActive(input: Pick<CapacityInput, "ecmp" | "connections">): boolean {
  return input.ecmp && input.connections.every((c) => c.routing === "bgp");
}

/** The bandwidth sizing assumes: `large` only when every connection has large tunnels. */
export function sizingBandwidth(connections: CapacityInput["connections"]): TunnelBandwidth {
  return connections.length > 0 && connections.every((c) => c.tunnelBandwidth === "large") ? "large" : "standard";
}

export function planCapacity(input: CapacityInput): CapacityPlan {
  const perTunnel = input.connections.flatMap((c) => [tunnelGbps[c.tunnelBandwidth], tunnelGbps[c.tunnelBandwidth]]);
  const ecmp = ecmpActive(input);
  const sorted = [...perTunnel].sort((a, b) => b - a);
  const sum = perTunnel.reduce((a, b) => a + b, 0);
  const gbpsAllUp = ecmp ? sum : (sorted[0] ?? 0);
  const gbpsOneTunnelDown = ecmp ? sum - (sorted[0] ?? 0) : (sorted[1] ?? 0);
  const bandwidth = sizingBandwidth(input.connections);
  return {
    ...(input.requiredGbps !== undefined
      ? { requiredGbps: input.requiredGbps, connectionsNeeded: connectionsNeeded(input.requiredGbps, bandwidth) }
      : {}),
    connections: input.connections.length,
    tunnels: perTunnel.length,
    gbpsAllUp: round(gbpsAllUp),
    gbpsOneTunnelDown: round(gbpsOneTunnelDown),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
