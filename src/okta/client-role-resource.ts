import * as pulumi from "@pulumi/pulumi";
import { clientRoleProvider } from "./providers/client-role";
import type { OktaWriteAccess } from "./write-access";

export interface ScopedClientRoleArgs {
  /** The stack's Okta credential (secret end to end: the resource's state holds it encrypted). */
  readonly access: pulumi.Input<OktaWriteAccess>;
  readonly clientId: pulumi.Input<string>;
  readonly roleType: pulumi.Input<string>;
  /** Group IDs the role may act on, sorted. Default: none. */
  readonly targetGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** App instances `<app name>.<app ID>` the role may act on, sorted. Default: none. */
  readonly targetApps?: pulumi.Input<pulumi.Input<string>[]>;
}

/** A service app's admin role with targets (providers/client-role.ts). */
export class ScopedClientRole extends pulumi.dynamic.Resource {
  declare readonly targetGroupIds: pulumi.Output<string[]>;
  declare readonly targetApps: pulumi.Output<string[]>;

  constructor(name: string, args: ScopedClientRoleArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      clientRoleProvider,
      name,
      { access: pulumi.secret(args.access), clientId: args.clientId, roleType: args.roleType, targetGroupIds: args.targetGroupIds ?? [], targetApps: args.targetApps ?? [] },
      { ...opts, additionalSecretOutputs: ["access"] },
      "okta",
      "ScopedClientRole",
    );
  }
}
