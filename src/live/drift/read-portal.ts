import type { DuploClient } from "../../duplocloud/client";
import { readPortalAccess } from "../portal";
import type { LivePortalReader, LiveState } from "./live-state";
import { countOf } from "../../access/plural";

/*
 * The portal's users, roles and tenant grants for the drift check, with the import's reader
 * (../portal.ts readPortalAccess): three GETs whatever the number of users, never one per user
 * (with Okta as user source the portal lists every synced person). Administrators are not listed
 * in tenant grants (shared/reference/duplocloud.md); the portal's spelling of usernames is kept.
 */
export class PortalDriftReader implements LivePortalReader {
  constructor(private readonly client: DuploClient) {}

  async read(progress: (message: string) => void): Promise<NonNullable<LiveState["portal"]>> {
    const { tenants, users } = await readPortalAccess(this.client);
    progress(`${countOf(users.length, "portal user")} and the grants of ${countOf(tenants.length, "tenant")} read`);
    return { users };
  }
}
