/**
 * The state of one analysis: the route index and every memo table and walk cache the analysis
 * builds, created per analysis and passed to each step. Nothing is held in module globals, so two
 * analyses in one process (two stacks, or a stack and a broken copy of it) never see each other's
 * caches, and the caches go when the analysis goes.
 */
import { AdmissionCheck } from "./admission";
import { IntentMemo } from "./intent";
import type { FailureSet } from "./lookup";
import { RouteIndex } from "./lookup";
import type { RouteModel } from "./model";
import { AclCheck } from "./reachability/acl";
import { DecisionTexts } from "./reachability/decisions";
import { Endpoints } from "./reachability/endpoints";
import { NameTable } from "./reachability/flow";
import type { WalkScope } from "./reachability/walker";
import { walkScope } from "./reachability/walker";

export class AnalysisContext {
  /** The model indexed, with its memoised route lookups. */
  readonly ix: RouteIndex;
  /** The text of each deciding route. */
  readonly texts: DecisionTexts;
  /** The endpoints, with where their traffic starts and ends. */
  readonly endpoints: Endpoints;
  readonly acls: AclCheck;
  /** Names of the attachments and NATs flows cross. */
  readonly names: NameTable;
  /** The settings' spokes by name and which segments may talk. */
  readonly intent: IntentMemo;
  /** Whether a security group the program makes admits a delivered flow. */
  readonly admission: AdmissionCheck;
  /** Walks shared under each failure set; weak, so a failure scenario's walks go with the scenario. */
  private readonly scopes = new WeakMap<FailureSet, WalkScope>();

  /** The model is read as it is now: a model edited afterwards needs a new context. */
  constructor(readonly model: RouteModel) {
    this.ix = new RouteIndex(model);
    this.texts = new DecisionTexts(this.ix);
    this.endpoints = new Endpoints(model, this.ix);
    this.acls = new AclCheck(this.ix);
    this.names = new NameTable(this.ix);
    this.intent = new IntentMemo(model.settings);
    this.admission = new AdmissionCheck(model, this.endpoints);
  }

  /** The walks shared by the flows evaluated under `down`. */
  walksUnder(down: FailureSet): WalkScope {
    let scope = this.scopes.get(down);
    if (!scope) this.scopes.set(down, (scope = walkScope(this, down)));
    return scope;
  }
}
