import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import type { ManagedUser } from "../access/schema";
import { accountProfile } from "../access/account-profile";

export interface ManagedUsersArgs {
  /** Users from the access file, sorted by email. */
  readonly users: readonly ManagedUser[];
}

/**
 * Accounts the stack creates (service accounts, break-glass people) or adopts (importId): the stack
 * owns their whole profile. A new account is created ACTIVE; after that the stack never sets
 * `status` (ignoreChanges), so a suspension or deprovisioning by another admin or by HR is never
 * undone by a refresh and `up`, and an adopted account's status is never touched. Deleting an Okta
 * user is irreversible, so the resources use `retainOnDelete`: dropping an entry only stops
 * managing the account. Taking access away is removing someone from the groups, not deprovisioning.
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
          // The profile the review reads too (account-profile.ts): login, email, names, department, title.
          ...accountProfile(user),
          // Only for an account the stack creates (validation makes it ACTIVE); never for an adopted one.
          ...(user.importId ? {} : { status: "ACTIVE" }),
        },
        { parent: this, retainOnDelete: true, ignoreChanges: ["status"], ...(user.importId ? { import: user.importId } : {}) },
      );
      userIds.set(user.email.toLowerCase(), resource.id);
    }
    this.userIds = userIds;
    this.registerOutputs({});
  }
}
