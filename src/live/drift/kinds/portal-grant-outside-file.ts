import type { Finding, Who } from "../finding";
import type { LivePortalUser } from "../live-state";

/** A tenant grant a file-declared portal user holds that the file does not give. */
export function portalGrantOutsideFile(user: LivePortalUser, grant: LivePortalUser["tenants"][number], who: Who, line: string): Finding {
  return {
    kind: "portal-grant-outside-file",
    severity: grant.level === "read-write" ? "critical" : "warning",
    who,
    where: `portal tenant ${grant.tenant} ${grant.level}`,
    how: "granted in the portal",
    fix: `To keep: add { tenant: ${grant.tenant}, level: ${grant.level} } to the tenants of ${user.username} (${line}). To undo: DuploCloud portal, Administrator > Users > ${user.username} > Tenant access: remove ${grant.tenant}`,
  };
}
