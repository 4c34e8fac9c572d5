import type { FileLines } from "../file-lines";
import type { Finding, Who } from "../finding";
import type { LivePortalUser } from "../live-state";

/** A portal user neither the file nor Okta's sync accounts for: made in the portal. */
export function portalUserOutsideFile(user: LivePortalUser, who: Who, lines: FileLines): Finding {
  const critical = user.roles.includes("Administrator") || user.tenants.some((grant) => grant.level === "read-write");
  return {
    kind: "portal-user-outside-file",
    severity: critical ? "critical" : "warning",
    who,
    where: `portal user ${user.username} (${[...user.roles].join(", ") || "no role"}${user.tenants.length > 0 ? `; ${user.tenants.map((t) => `${t.tenant} ${t.level}`).join(", ")}` : ""})`,
    how: "made in the portal, not through Okta or the stack",
    fix: `To keep: add the user under duplocloud.users with a reason (${lines.at(["duplocloud"])}). To undo: DuploCloud portal, Administrator > Users > ${user.username}: delete`,
  };
}

/** A role a file-declared portal user holds that the file does not give. */
export function portalRoleOutsideFile(user: LivePortalUser, role: string, who: Who, line: string): Finding {
  return {
    kind: "portal-user-outside-file",
    severity: role === "Administrator" ? "critical" : "warning",
    who,
    where: `portal role ${role}`,
    how: "given in the portal",
    fix: `To keep: add ${role} to the roles of ${user.username} (${line}). To undo: DuploCloud portal, Administrator > Users > ${user.username}: remove ${role}`,
  };
}
