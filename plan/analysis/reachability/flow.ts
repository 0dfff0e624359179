/** A flow between two endpoints as the report shows it, and the names of what it crosses. */
import type { RouteIndex } from "../lookup";
import type { Endpoint } from "./endpoints";
import type { PairResult } from "./pair";
import { pairs, representative } from "./pair";
import { Walker } from "./walker";
import type { WalkScope } from "./walker";

export type FlowStatus = "reachable" | "blocked" | "partial" | "n/a";

export interface Flow {
  from: string;
  to: string;
  fromKind: Endpoint["kind"];
  toKind: Endpoint["kind"];
  status: FlowStatus;
  /** Forward hops of a representative walk (a reachable one when there is one). */
  path: string[];
  returnPath: string[];
  /** Why: the deciding route (the drop for a blocked flow, the first TGW route for a reachable one). */
  reason: string;
  /** NAT gateway names crossed forward. */
  nats: string[];
  /** Attachment names crossed forward. */
  attachments: string[];
  /** ECMP VPN sets crossed forward and back (attachment ids), for capacity. */
  forwardVpnSets: string[][];
  returnVpnSets: string[][];
  /** How internet traffic leaves, for spoke -> internet flows. */
  internetVia?: "igw" | "onprem";
  /** For a flow blocked only on the way back: the route that delivers it one way. */
  oneWay?: string;
}

/** Shared empty lists of the flows that cross nothing. */
const noIds: string[] = [];
const noSets: string[][] = [];

interface NameNode {
  next: Map<string, NameNode>;
  names?: string[];
}

/**
 * Names of attachment or NAT ids, without repeats: one shared array per distinct id list (a trie of
 * id lists). Sharing only saves memory, so past `maxNodes` the trie starts afresh: flows written one
 * by one (every flow of thousands of spokes) each name a list of their own.
 */
export class NameTable {
  private root: NameNode = { next: new Map() };
  private nodes = 0;
  private static readonly maxNodes = 200_000;

  constructor(private readonly ix: RouteIndex) {}

  names(ids: string[]): string[] {
    if (ids.length === 0) return noIds;
    if (this.nodes > NameTable.maxNodes) {
      this.root = { next: new Map() };
      this.nodes = 0;
    }
    let node = this.root;
    for (const id of ids) {
      let next = node.next.get(id);
      if (next === undefined) {
        node.next.set(id, (next = { next: new Map() }));
        this.nodes++;
      }
      node = next;
    }
    return (node.names ??= [...new Set(ids)].map((id) => this.ix.attachments.get(id)?.name ?? this.ix.nats.get(id)?.name ?? id));
  }
}

/**
 * A walked flow. Its hops (text) are recorded only when read, by walking the same flow again with
 * tracing: a large stack has a million flows and the report reads the hops of few. `toJSON` keeps
 * the field order of `Flow`.
 */
export class WalkedFlow implements Flow {
  reason = "";
  nats: string[] = noIds;
  attachments: string[] = noIds;
  forwardVpnSets: string[][] = noSets;
  returnVpnSets: string[][] = noSets;
  declare internetVia?: "igw" | "onprem";
  declare oneWay?: string;
  readonly fromKind: Endpoint["kind"];
  readonly toKind: Endpoint["kind"];
  private traced?: PairResult;

  /** `scope`: the analysis and failure set the flow was walked under (one per failure set, shared by its flows). */
  constructor(
    private readonly scope: WalkScope,
    private readonly src: Endpoint,
    private readonly dst: Endpoint,
    readonly status: FlowStatus,
  ) {
    this.fromKind = src.kind;
    this.toKind = dst.kind;
  }

  get from(): string {
    return this.src.name;
  }

  get to(): string {
    return this.dst.name;
  }

  private rep(): PairResult {
    const { ctx, down } = this.scope;
    const { endpoints } = ctx;
    this.traced ??= representative(
      pairs(Walker.tracing(ctx, down), this.dst, endpoints.starts(this.src), endpoints.destinations(this.dst)).results,
    );
    return this.traced;
  }

  get path(): string[] {
    return this.rep().forward.hops;
  }

  get returnPath(): string[] {
    return this.rep().back?.hops ?? [];
  }

  toJSON(): Flow {
    return {
      from: this.from,
      to: this.to,
      fromKind: this.fromKind,
      toKind: this.toKind,
      status: this.status,
      path: this.path,
      returnPath: this.returnPath,
      reason: this.reason,
      nats: this.nats,
      attachments: this.attachments,
      forwardVpnSets: this.forwardVpnSets,
      returnVpnSets: this.returnVpnSets,
      ...(this.internetVia !== undefined ? { internetVia: this.internetVia } : {}),
      ...(this.oneWay !== undefined ? { oneWay: this.oneWay } : {}),
    };
  }
}
