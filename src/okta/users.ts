import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import type { ManagedUser } from "../access/schema";

export interface ManagedUsersArgs {
  /** Users from the access file, sorted by email. */
  readonly users: readonly ManagedUser[];
}

/**
 * Okta users managed from the access file. Their lifecycle is the `status` field: removing someone
 * means DEPROVISIONED, never deletion. Deleting an Okta user is irreversible, so the resources use
 * `retainOnDelete`: dropping an entry from the file only stops managing the user.
 */
export class ManagedUsers extends pulumi.ComponentResource {
  /** Okta user ID by lower-cased email. */
  readonly userIds: ReadonlyMap<string, pulumi.Output<string>>;

  constructor(name: string, args: ManagedUsersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:okta:ManagedUsers", name, {}, opts);
    const userIds = new Map<string, pulumi.Output<string>>();
    for (const user of args.users) {
      const resource = new okta.user.User(
        `user-${user.email.toLowerCase()}`,
        {
          login: user.login ?? user.email,
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          status: user.status,
          department: user.department,
          title: user.title,
        },
        { parent: this, retainOnDelete: true, ...(user.importId ? { import: user.importId } : {}) },
      );
      userIds.set(user.email.toLowerCase(), resource.id);
    }
    this.userIds = userIds;
    this.registerOutputs({});
  }
}
