/**
 * Reachability over the route model: the packet walk (walk.ts) with walks shared between flows
 * (walker.ts), the endpoints and where their traffic starts (endpoints.ts), one source against one
 * destination with its return path and network ACLs (pair.ts, acl.ts), and the flows aggregated
 * from those pairs (flows.ts, flow.ts). Every function takes the analysis context (context.ts).
 */
export type { Endpoint } from "./endpoints";
export type { Flow, FlowStatus } from "./flow";
export type { Reachability, Touched } from "./flows";
export { allFlows, evaluateFlow, pairFlows } from "./flows";
export type { Start, Terminal, Walk } from "./walk";
export { walk } from "./walk";
