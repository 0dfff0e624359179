/**
 * Entry of the component package (PulumiPlugin.yaml, package.json `main`): serves the components
 * to the Pulumi engine when a program in another language constructs one of them. Not part of the
 * deployed program (infra/index.ts); the Pulumi CLI starts it as a plugin.
 */
import { join } from "node:path";
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { packageComponents, packageName } from "./package-components";

void componentProviderHost({ components: packageComponents, name: packageName, dirname: join(__dirname, "..") });
