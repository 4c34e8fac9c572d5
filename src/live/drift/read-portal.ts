import type { DuploClient } from "../../duplocloud/client";
import { readPortal } from "../../duplocloud/portal-reader";
import type { LivePortalReader, LiveState } from "./live-state";

/** The portal's users, roles and tenant grants, through the import's portal reader (GET only). */
export class PortalDriftReader implements LivePortalReader {
  constructor(
    private readonly client: DuploClient,
    private readonly url: string,
  ) {}

  async read(progress: (message: string) => void): Promise<NonNullable<LiveState["portal"]>> {
    const portal = await readPortal(this.client, this.url, progress);
    return { users: portal.users.map((user) => ({ username: user.username, roles: [...user.roles], readOnly: user.readOnly, tenants: [...user.tenants] })) };
  }
}
