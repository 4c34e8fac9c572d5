import { PLATFORM_ROLES, type AccessFile } from "./schema";
import type { Report } from "./problem-reporter";

/*
 * `githubLogins:` says which GitHub account is which owner: owners are Okta logins (emails), and a
 * pull request is approved by GitHub accounts. The deploy counts an owner's approval only from the
 * account written here, read from the deployed (base) version of the file, so a pull request cannot
 * remap an owner to its author. When the key is present every owner needs a login (an owner without
 * one could never approve); without the key the deploy's approval check fails closed, naming the
 * owners it cannot match (review/approvals.ts).
 */

/** Every owner the file names, lower-cased, with where each is first written. */
function ownersWithPaths(file: AccessFile): Map<string, PropertyKey[]> {
  const owners = new Map<string, PropertyKey[]>();
  const add = (owner: string, at: PropertyKey[]) => {
    if (!owners.has(owner.toLowerCase())) owners.set(owner.toLowerCase(), at);
  };
  for (const role of PLATFORM_ROLES) file.roles[role].owners.forEach((owner, index) => add(owner, ["roles", role, "owners", index]));
  file.teams.forEach((team, t) => team.owners.forEach((owner, index) => add(owner, ["teams", t, "owners", index])));
  return owners;
}

/** With `githubLogins:` present: every owner has a login, and no two owners share one (GitHub logins are case-insensitive). */
export function checkGithubLogins(file: AccessFile, report: Report): void {
  if (file.githubLogins === undefined) return;
  const logins = new Map(Object.entries(file.githubLogins).map(([owner, login]) => [owner.toLowerCase(), login]));
  for (const [owner, at] of ownersWithPaths(file)) {
    if (!logins.has(owner)) report(at, `owner ${owner} has no GitHub login under githubLogins; add "${owner}: <their GitHub username>" there, or the deploy cannot count their approval`);
  }
  const firstOwner = new Map<string, string>();
  for (const [owner, login] of Object.entries(file.githubLogins)) {
    const first = firstOwner.get(login.toLowerCase());
    if (first === undefined) firstOwner.set(login.toLowerCase(), owner);
    else report(["githubLogins", owner], `GitHub login ${login} is also ${first}'s; one GitHub account approves for one owner only`);
  }
}

/** The file's map, owners lower-cased, sorted; undefined when the file has no `githubLogins:`. */
export function githubLoginsOf(file: AccessFile): Readonly<Record<string, string>> | undefined {
  if (file.githubLogins === undefined) return undefined;
  return Object.fromEntries(Object.entries(file.githubLogins).map(([owner, login]) => [owner.toLowerCase(), login] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
