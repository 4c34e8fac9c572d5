import type { OktaOrg, OrgGroup, OrgRule, OrgUser } from "../../src/live/okta-org";
import type { PortalState } from "../../src/importer/types";

/*
 * Orgs and portals as the readers return them, written by hand for the importer's steps: only what
 * a test sets differs from an empty org.
 */

export const PORTAL_URL = "https://acme.duplocloud.net";

export function person(login: string, department: string, status = "ACTIVE"): OrgUser {
  return {
    id: `00u${login
      .replace(/[^a-z0-9]/gi, "")
      .padEnd(17, "0")
      .slice(0, 17)}`,
    login,
    status,
    profile: { login, department },
  };
}

export function group(id: string, name: string, members: readonly string[] = [], more: Partial<OrgGroup> = {}): OrgGroup {
  return { id, name, description: "", members, owners: [], adminRoles: [], read: "whole", ...more };
}

export function rule(id: string, name: string, expression: string, groupIds: readonly string[], status = "ACTIVE"): OrgRule {
  return { id, name, status, expression, groupIds };
}

export function orgOf(parts: Partial<OktaOrg>): OktaOrg {
  return { users: [], groups: [], rules: [], serviceApps: [], apiTokens: [], ...parts };
}

export function portalOf(parts: Partial<PortalState>): PortalState {
  return { url: PORTAL_URL, tenants: [], users: [], oktaSettings: {}, ...parts };
}

/** The deactivated member's line of the account, in the words of wording.ts. */
export const DEACTIVATED =
  "deactivated (DEPROVISIONED): cannot sign in, so the file does not name them and the group keeps them as it is; Okta keeps deactivated people in their groups; remove them from the group in Okta, or reactivate them and name them in the file if they return";
