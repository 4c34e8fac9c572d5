import { CAN_SIGN_IN } from "../review/directory";
import type { OrgIndex } from "./org-index";
import type { Account, DuploCloudUserInput, ImportOptions, PortalState } from "./types";

export interface PortalUserImport {
  readonly users: readonly DuploCloudUserInput[];
  readonly account: Account;
}

/**
 * DuploCloud users that Okta does not have: explicit users of the portal, adopted, with a reason to
 * write. One whose Okta account cannot sign in was offboarded in Okta and is still in the portal:
 * never carried into the file.
 */
export function importPortalUsers(index: OrgIndex, portal: PortalState, options: ImportOptions): PortalUserImport {
  const offboarded = portal.users.flatMap((user) => {
    const account = index.user(user.username.toLowerCase());
    if (!account || CAN_SIGN_IN.has(account.status)) return [];
    return [
      {
        what: `DuploCloud user ${user.username}: offboarded, still in the portal`,
        note: `the Okta account is ${account.status}; the file does not carry the user (${user.roles.join(", ") || "no roles"}); remove the user in the portal (Administrator > Users)`,
      },
    ];
  });
  const users: DuploCloudUserInput[] = portal.users
    .filter((user) => !index.user(user.username.toLowerCase()))
    .map((user) => ({
      username: user.username.toLowerCase(),
      // As the portal has them; a role the schema does not know fails the validation npm run import runs on the file.
      roles: [...user.roles] as NonNullable<DuploCloudUserInput["roles"]>,
      ...(user.readOnly ? { readOnly: true } : {}),
      ...(user.tenants.length > 0 && !user.roles.includes("Administrator") ? { tenants: user.tenants.map((t) => ({ tenant: t.tenant, level: t.level })) } : {}),
      reason: `Imported from the portal on ${options.today}; say why this user exists outside Okta.`,
      // The user exists already: without adopt, up refuses it (providers/user.ts).
      adopt: true,
    }));
  return {
    users,
    account: {
      outside: offboarded,
      adopted: users.map((user) => ({ what: `DuploCloud user ${user.username}`, note: `${(user.roles ?? []).join(", ")}; not in Okta` })),
      todo: users.map((user) => `duplocloud.users ${user.username}: write the real reason this user exists outside Okta.`),
    },
  };
}
