import type { AccessFile } from "./schema";
import { PLATFORM_ROLES } from "./schema";
import { keyPathToString, type Problem } from "./problems";
import { locate, type AccessSource } from "./source";
import { byText } from "./text-order";

/*
 * Okta logins that differ only in case are one login: "Logins are not considered unique if they
 * differ only in case" (okta/okta-management-openapi-spec, components.schemas.UserProfile, `login`).
 * A file that writes one person two ways still works, but a reviewer reads two people, and a search
 * for one spelling misses the other: each place is warned about, naming the other spellings' lines.
 */
export function loginSpellingWarnings(source: AccessSource, file: AccessFile): Problem[] {
  const mentions: Array<{ login: string; path: PropertyKey[] }> = [];
  const list = (logins: readonly string[], path: PropertyKey[]) => logins.forEach((login, i) => mentions.push({ login, path: [...path, i] }));
  for (const role of PLATFORM_ROLES) {
    list(file.roles[role].owners, ["roles", role, "owners"]);
    list(file.roles[role].members, ["roles", role, "members"]);
  }
  file.teams.forEach((team, t) => {
    list(team.owners, ["teams", t, "owners"]);
    list(team.members, ["teams", t, "members"]);
  });
  file.users.forEach((user, u) => {
    mentions.push({ login: user.email, path: ["users", u, "email"] });
    if (user.login !== undefined) mentions.push({ login: user.login, path: ["users", u, "login"] });
  });
  const byLogin = new Map<string, Array<{ login: string; path: PropertyKey[]; line: number; column: number }>>();
  for (const mention of mentions) {
    const key = mention.login.toLowerCase();
    byLogin.set(key, [...(byLogin.get(key) ?? []), { ...mention, ...locate(source, mention.path) }]);
  }
  const warnings: Problem[] = [];
  for (const group of byLogin.values()) {
    const spellings = [...new Set(group.map((m) => m.login))].sort(byText);
    if (spellings.length < 2) continue;
    for (const mention of group) {
      const others = spellings
        .filter((spelling) => spelling !== mention.login)
        .map((spelling) => `${spelling} (line ${group.find((m) => m.login === spelling)!.line})`);
      warnings.push({
        file: source.file,
        line: mention.line,
        column: mention.column,
        key: keyPathToString(mention.path),
        message: `${mention.login} differs from ${others.join(", ")} only in case; Okta takes them for one login, so write the person one way (as their Okta login is written)`,
      });
    }
  }
  return warnings;
}
