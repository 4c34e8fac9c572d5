import { SERVICE_APP_ADMIN_ROLE_TYPES } from "../access/okta-catalog";
import type { OrgIndex } from "./org-index";
import type { Account, ApiTokenInput } from "./types";

/** Service apps: kept outside (the file cannot adopt a service app yet), shown as a comment. */
export function serviceAppsKeptOutside(index: OrgIndex): Account {
  return {
    outside: index.org.serviceApps.map((service) => ({
      what: `service app "${service.label}" (${service.id})`,
      note: `scopes ${service.scopes.join(", ") || "none"}; admin roles ${service.adminRoles.join(", ") || "none"}; the access file cannot adopt a service app yet, so it stays as it is`,
    })),
    notExpressed: index.org.serviceApps.map((service) => {
      const unsupported = service.adminRoles.filter((role) => !(SERVICE_APP_ADMIN_ROLE_TYPES as readonly string[]).includes(role));
      const beyond = unsupported.length > 0 ? ` (${unsupported.join(", ")} is more than a service app may hold here)` : "";
      return `service app "${service.label}" (${service.id}): scopes ${service.scopes.join(", ")}; roles ${service.adminRoles.join(", ")}${beyond}`;
    }),
  };
}

export interface ApiTokenImport {
  readonly apiTokens: readonly ApiTokenInput[];
  readonly account: Account;
}

/** API tokens: imported as they are (metadata only; tokens are never created or revealed). */
export function importApiTokens(index: OrgIndex): ApiTokenImport {
  const tokens = index.org.apiTokens;
  return {
    apiTokens: tokens.map((token) => ({
      name: token.name,
      id: token.id,
      userId: token.userId,
      network: {
        // As Okta has it; a value the schema does not know fails the validation npm run import runs on the file.
        connection: token.network.connection as "ANYWHERE" | "ZONE",
        ...(token.network.include.length ? { includes: [...token.network.include] } : {}),
        ...(token.network.exclude.length ? { excludes: [...token.network.exclude] } : {}),
      },
    })),
    account: { adopted: tokens.map((token) => ({ what: `API token "${token.name}" (${token.id})`, note: "metadata only; protected: removing the entry never revokes it" })) },
  };
}
