/**
 * Entry point Pulumi runs: the stack outputs are the properties of the object the program returns
 * (infra/program.ts). Invalid config throws before any resource is registered, listing every error.
 */
import { program } from "./program";

export = program();
