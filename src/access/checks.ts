import { isScalar, Scalar } from "yaml";
import { fileRuleTexts } from "./rule-parsing";
import type { AccessFile } from "./schema";
import { PLATFORM_ROLES } from "./schema";
import type { ParsedExpression } from "./expression";
import { teamConditionText, teamTerm } from "./rules";
import { endSaid, isGrantActive, whenSaid, type Expiry } from "./dates";
import { roleGroupName, teamGroupName, tenantGroupName } from "./naming";
import { isManageScope, MAX_RULE_EXPRESSION_LENGTH, OKTA_SCOPES } from "./okta-catalog";
import { keyPathToString, type Problem } from "./problems";
import { checkOktaAdminRoles, checkServiceAppTargets } from "./admin-role-checks";
import { reporterInto, type Report } from "./problem-reporter";
import { locate, nodeAt, type AccessSource } from "./source";
import { checkGithubLogins } from "./github-logins";

/** The checks that need more than one value at a time; each reports where the fix goes. */
/** `rules`: the file's rule expressions, parsed once (rule-parsing.ts). */
export function checkAccessFile(source: AccessSource, file: AccessFile, rules: ReadonlyMap<string, ParsedExpression>): Problem[] {
  const problems: Problem[] = [];
  const report = reporterInto(source, problems);

  checkDuplicates(file, report);
  checkFormerNames(file, report);
  checkTenantsAndGrants(file, report);
  checkDuploCloudUsersLeft(file, report);
  checkTenantGroupImports(file, report);
  checkMembers(file, report);
  checkRuleExceptions(file, report);
  checkDirectoryGroups(file, report);
  checkNewAccounts(file, report);
  checkAdministrators(file, report);
  checkExpressions(source, file, rules, problems);
  checkGroupNames(file, report);
  checkNamesDuploCloudWouldMisread(source, file, report);
  checkOktaAdminRoles(file, report);
  checkServiceAppTargets(file, report);
  checkApiAccess(file, report);
  checkGithubLogins(file, report);
  return problems;
}

/**
 * Warnings: what is allowed but deserves attention. An expired grant is one: the model leaves it out,
 * so the next `up` takes the access away, and `npm run expiring` fails CI until the line is removed.
 */
export function accessFileWarnings(source: AccessSource, file: AccessFile, expiry: Expiry): Problem[] {
  const warnings: Problem[] = [];
  const warn = reporterInto(source, warnings);
  file.teams.forEach((team, t) => {
    team.access.forEach((grant, g) => {
      if (grant.expires && expiry !== "ignore" && !isGrantActive(grant.expires, expiry)) {
        warn(
          ["teams", t, "access", g, "expires"],
          `the grant of ${grant.tenant} to team ${team.name} ${grant.expires.length === 10 ? "expired on" : "ended at"} ${endSaid(grant.expires)} (${whenSaid(expiry)}); it is left out, so the next pulumi up takes the access away; remove the line`,
        );
      }
    });
  });
  return warnings;
}

function findDuplicates<T>(items: readonly T[], keyOf: (item: T) => string): Array<{ index: number; first: number; key: string }> {
  const seen = new Map<string, number>();
  const duplicates: Array<{ index: number; first: number; key: string }> = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else duplicates.push({ index, first, key });
  });
  return duplicates;
}

function checkDuplicates(file: AccessFile, report: Report): void {
  for (const d of findDuplicates(file.duplocloud.tenants, (t) => t)) {
    report(["duplocloud", "tenants", d.index], `tenant "${d.key}" is listed twice (first at item ${d.first + 1}); remove one`);
  }
  for (const d of findDuplicates(file.teams, (t) => t.name)) {
    report(["teams", d.index, "name"], `team "${d.key}" is defined twice (first at teams[${d.first}]); merge the two`);
  }
  for (const d of findDuplicates(file.users, (u) => u.email.toLowerCase())) {
    report(["users", d.index, "email"], `user ${d.key} is listed twice (first at users[${d.first}]); keep one entry`);
  }
  for (const d of findDuplicates(file.users, (u) => (u.login ?? u.email).toLowerCase())) {
    if (file.users[d.index]!.email.toLowerCase() === file.users[d.first]!.email.toLowerCase()) continue;
    report(["users", d.index, "login"], `login ${d.key} is used twice (first at users[${d.first}]); Okta logins are unique`);
  }
  for (const d of findDuplicates(file.apiAccess.serviceApps, (a) => a.name)) {
    report(["apiAccess", "serviceApps", d.index, "name"], `service app "${d.key}" is defined twice; rename or merge`);
  }
  for (const d of findDuplicates(file.apiAccess.apiTokens, (t) => t.id)) {
    report(["apiAccess", "apiTokens", d.index, "id"], `API token ${d.key} is imported twice; keep one entry`);
  }
  for (const d of findDuplicates(file.duplocloud.users, (u) => u.username.toLowerCase())) {
    report(["duplocloud", "users", d.index, "username"], `DuploCloud user ${d.key} is listed twice (first at duplocloud.users[${d.first}]); keep one entry`);
  }
  file.duplocloud.users.forEach((user, u) => {
    for (const d of findDuplicates(user.tenants, (g) => g.tenant)) {
      report(["duplocloud", "users", u, "tenants", d.index, "tenant"], `${user.username} is granted tenant ${d.key} twice; keep one grant`);
    }
  });
  file.teams.forEach((team, t) => {
    for (const d of findDuplicates(team.access, (g) => g.tenant)) {
      report(["teams", t, "access", d.index, "tenant"], `team ${team.name} is granted tenant ${d.key} twice; keep one grant with the level you want`);
    }
  });
}

/**
 * A rename (`formerName`) hands the old name's Okta objects to the team (Pulumi aliases): only one
 * team may take them, and never from a team that still exists.
 */
function checkFormerNames(file: AccessFile, report: Report): void {
  const current = new Set(file.teams.map((team) => team.name));
  const takenBy = new Map<string, string>();
  file.teams.forEach((team, t) => {
    const former = team.formerName;
    if (former === undefined) return;
    const path = ["teams", t, "formerName"];
    if (former === team.name) report(path, `is the team's own name; remove formerName, or set it to the name the team had before`);
    else if (current.has(former)) report(path, `team "${former}" still exists, so ${team.name} cannot take over its Okta group; remove formerName, or rename or remove team ${former}`);
    else if (takenBy.has(former)) report(path, `team ${takenBy.get(former)} already names "${former}" as its former name; only one team can keep its Okta group`);
    else takenBy.set(former, team.name);
  });
}

/** Someone deprovisioned in Okta must not keep DuploCloud access through a user made outside Okta. */
function checkDuploCloudUsersLeft(file: AccessFile, report: Report): void {
  const deprovisioned = new Set(file.users.filter((user) => user.status === "DEPROVISIONED").map((user) => user.email.toLowerCase()));
  file.duplocloud.users.forEach((user, u) => {
    if (!deprovisioned.has(user.username.toLowerCase())) return;
    report(
      ["duplocloud", "users", u, "username"],
      `${user.username} is DEPROVISIONED under users, but this DuploCloud user would keep ${user.roles.join(", ")} outside Okta; remove the DuploCloud user (or reactivate the Okta account)`,
    );
  });
}

/** An adopted tenant group must be one the stack makes: some team grants that tenant at that level. */
function checkTenantGroupImports(file: AccessFile, report: Report): void {
  const granted = new Set(file.teams.flatMap((team) => team.access.map((grant) => `${grant.tenant} ${grant.level}`)));
  const seen = new Map<string, number>();
  file.duplocloud.tenantGroupImports.forEach((entry, i) => {
    const key = `${entry.tenant} ${entry.level}`;
    const path = ["duplocloud", "tenantGroupImports", i];
    if (seen.has(key)) report([...path, "tenant"], `the ${entry.level} group of tenant ${entry.tenant} is adopted twice (first at tenantGroupImports[${seen.get(key)}]); keep one entry`);
    else seen.set(key, i);
    if (!file.duplocloud.tenants.includes(entry.tenant)) report([...path, "tenant"], unknownTenantIn(file)(entry.tenant));
    // A directory's group gives its tenant by itself (its directory members); checkDirectoryTenantGroups refuses grants of it.
    else if (entry.source !== "directory" && !granted.has(key)) report([...path, "level"], `no team grants tenant ${entry.tenant} ${entry.level}, so the stack makes no such group to adopt; grant it to a team or remove the entry`);
  });
}

const unknownTenantIn = (file: AccessFile) => (tenant: string) =>
  `tenant "${tenant}" is not listed under duplocloud.tenants (${[...new Set(file.duplocloud.tenants)].sort().join(", ")}); add it there or fix the name`;

function checkTenantsAndGrants(file: AccessFile, report: Report): void {
  const tenants = new Set(file.duplocloud.tenants);
  const unknownTenant = unknownTenantIn(file);
  file.duplocloud.users.forEach((user, u) => {
    user.tenants.forEach((grant, g) => {
      if (!tenants.has(grant.tenant)) {
        report(["duplocloud", "users", u, "tenants", g, "tenant"], unknownTenant(grant.tenant));
      }
    });
    if (user.roles.includes("Administrator") && user.tenants.length > 0) {
      report(["duplocloud", "users", u, "tenants"], "an Administrator has every tenant already; remove the tenant grants");
    }
  });
  file.teams.forEach((team, t) => {
    team.access.forEach((grant, g) => {
      if (!tenants.has(grant.tenant)) {
        report(["teams", t, "access", g, "tenant"], unknownTenant(grant.tenant));
      }
    });
  });
}

/** People the file names are Okta logins; one the file itself marks deprovisioned cannot be a member. */
function checkMembers(file: AccessFile, report: Report): void {
  const users = new Map(file.users.map((user) => [user.email.toLowerCase(), user]));
  const checkList = (members: readonly string[], path: PropertyKey[]) =>
    members.forEach((email, m) => {
      if (users.get(email.toLowerCase())?.status === "DEPROVISIONED") report([...path, m], `${email} is DEPROVISIONED under users; remove them from this group`);
    });
  for (const role of PLATFORM_ROLES) checkList(file.roles[role].members, ["roles", role, "members"]);
  file.teams.forEach((team, t) => checkList(team.members, ["teams", t, "members"]));
}

/**
 * `except` narrows a rule, so it stands only beside one; a person is listed once whatever the case
 * (logins keep the case they were created with, and Okta knows one person by them); and nobody is
 * both excepted and an explicit member, whose login test would let them in anyway.
 */
function checkRuleExceptions(file: AccessFile, report: Report): void {
  const check = (entry: { rule?: string | undefined; except?: string[] | undefined; members: string[] }, path: PropertyKey[], what: string) => {
    if (entry.except === undefined) return;
    if (!entry.rule) {
      report([...path, "except"], `${what} has no rule, so there is nothing to leave people out of; remove except, or add the rule it narrows`, "key");
      return;
    }
    for (const d of findDuplicates(entry.except, (login) => login.toLowerCase())) {
      report([...path, "except", d.index], `${d.key} is listed twice (first at except[${d.first}]); logins name one person whatever their case: keep one`);
    }
    const members = new Set(entry.members.map((member) => member.toLowerCase()));
    entry.except.forEach((login, i) => {
      if (members.has(login.toLowerCase())) report([...path, "except", i], `${login} is also an explicit member of ${what}, whom the rule's login test lets in anyway; remove them from members or from except`);
    });
  };
  for (const role of PLATFORM_ROLES) {
    const spec = file.roles[role];
    if ("except" in spec) check(spec, ["roles", role], `roles.${role}`);
  }
  file.teams.forEach((team, t) => check(team, ["teams", t], `team ${team.name}`));
}

/**
 * A group a directory masters (`source: directory`, Okta type APP_GROUP) is referenced, never
 * written: Okta adds members and changes profiles of OKTA_GROUP groups only
 * (okta-management-openapi-spec, assignUserToGroup and replaceGroup), so the entry names the
 * existing group and nothing the stack would have to write into it.
 */
function checkDirectoryGroups(file: AccessFile, report: Report): void {
  checkDirectoryRoleGroups(file, report);
  checkDirectoryTenantGroups(file, report);
}

/**
 * A tenant group a directory masters: the stack fills a tenant group with group rules (rules.ts), and
 * a rule adds members as assignUserToGroup does, which Okta allows for OKTA_GROUP groups only
 * (okta-management-openapi-spec, assignUserToGroup; replaceGroup for the description). So no team and
 * no temporary grant may give that tenant level, and the entry carries no description to write.
 */
function checkDirectoryTenantGroups(file: AccessFile, report: Report): void {
  const directory = new Map<string, number>();
  file.duplocloud.tenantGroupImports.forEach((entry, i) => {
    if (entry.source !== "directory") return;
    directory.set(`${entry.tenant} ${entry.level}`, i);
    if (entry.description !== undefined)
      report(
        ["duplocloud", "tenantGroupImports", i, "description"],
        `the ${entry.level} group of tenant ${entry.tenant} comes from a directory (source: directory), whose profile Okta lets only the directory change; remove description`,
        "key",
      );
  });
  if (directory.size === 0) return;
  const refusal = (tenant: string, level: string, who: string) =>
    `the ${level} group of tenant ${tenant} comes from a directory (duplocloud.tenantGroupImports[${directory.get(`${tenant} ${level}`)}], source: directory): Okta lets only the directory change its members, so the stack cannot put ${who} in it; remove this grant and ask the directory's administrators to add them to the group`;
  file.teams.forEach((team, t) =>
    team.access.forEach((grant, g) => {
      if (directory.has(`${grant.tenant} ${grant.level}`)) report(["teams", t, "access", g], refusal(grant.tenant, grant.level, `the people of team ${team.name}`));
    }),
  );
  file.temporaryAccess.forEach((grant, g) => {
    if (grant.tenant !== undefined && grant.level !== undefined && directory.has(`${grant.tenant} ${grant.level}`))
      report(["temporaryAccess", g], refusal(grant.tenant, grant.level, grant.person));
  });
}

function checkDirectoryRoleGroups(file: AccessFile, report: Report): void {
  for (const role of PLATFORM_ROLES) {
    const spec = file.roles[role];
    if (spec.source !== "directory") continue;
    const path = ["roles", role];
    if (!spec.importId) report([...path, "source"], "a group a directory masters must already exist: give its Okta ID as importId");
    const refused: Array<[string, boolean]> = [
      ["members", spec.members.length > 0],
      ["owners", spec.owners.length > 0],
      ["rule", "rule" in spec && spec.rule !== undefined],
      ["except", "except" in spec && spec.except !== undefined],
    ];
    for (const [key, present] of refused) {
      if (present) report([...path, key], `roles.${role} comes from a directory (source: directory), whose members Okta lets only the directory change; remove ${key}, and manage the group in the directory`, "key");
    }
    // Nothing sends it: the stack writes no profile of a directory's group (replaceGroup acts on OKTA_GROUP only).
    if (spec.description !== undefined)
      report([...path, "description"], `roles.${role} comes from a directory (source: directory), whose profile Okta lets only the directory change; remove description`, "key");
  }
  // A temporary holder of a role is one more member of its group: the directory's to add, not the stack's.
  file.temporaryAccess.forEach((grant, g) => {
    if (grant.role !== undefined && file.roles[grant.role].source === "directory")
      report(
        ["temporaryAccess", g, "role"],
        `roles.${grant.role} comes from a directory (source: directory): Okta lets only the directory change its members, so the stack cannot put ${grant.person} in it; remove this grant and ask the directory's administrators to add them to the group`,
      );
  });
}

/**
 * Accounts the stack creates start ACTIVE: Okta cannot create a SUSPENDED user (suspending needs
 * ACTIVE), and a new DEPROVISIONED one would first get an activation email. Another status only
 * describes an existing account the file adopts (importId), whose status the stack never sets.
 */
function checkNewAccounts(file: AccessFile, report: Report): void {
  file.users.forEach((user, u) => {
    if (!user.importId && user.status !== "ACTIVE") {
      report(["users", u, "status"], `a new account is created ACTIVE; ${user.status} only describes an existing account: give its importId, or remove the entry (to take someone's access away, remove them from the groups)`);
    }
  });
}

/** Lock-out protection: two people, by name, can always reach the DuploCloud admin role. */
function checkAdministrators(file: AccessFile, report: Report): void {
  // A directory masters the group's members: the file names none, the directory keeps them.
  if (file.roles.administrators.source === "directory") return;
  const inactive = new Set(file.users.filter((u) => u.status !== "ACTIVE").map((u) => u.email.toLowerCase()));
  const admins = [...new Set(file.roles.administrators.members.map((m) => m.toLowerCase()))].filter((m) => !inactive.has(m));
  if (admins.length < 2) {
    report(
      ["roles", "administrators", "members"],
      `the administrators group needs at least two ACTIVE explicit members so nobody is locked out; it has ${admins.length}`,
    );
  }
}

function checkExpressions(source: AccessSource, file: AccessFile, rules: ReadonlyMap<string, ParsedExpression>, problems: Problem[]): void {
  const expressions = fileRuleTexts(file);
  for (const { path, text } of expressions) {
    const key = keyPathToString(path);
    for (const error of rules.get(text)!.errors) {
      problems.push({ file: source.file, ...locateInScalar(source, path, error.index), key, message: `${error.message} (in: ${text.trim()})` });
    }
  }
  // A team's condition is copied into tenant rules beside others'; on its own it must fit one rule.
  file.teams.forEach((team, t) => {
    const condition = teamConditionText(teamTerm(file, team));
    if (condition !== undefined && condition.length > MAX_RULE_EXPRESSION_LENGTH) {
      // A tenant rule copies the team's exceptions as login tests in its term (rules.ts, fillText): they count too.
      const excepts = (team.except?.length ?? 0) > 0;
      const path = ["teams", t, excepts ? "except" : team.members.length > 0 ? "members" : "rule"];
      problems.push({
        file: source.file,
        ...locate(source, path),
        key: keyPathToString(path),
        message: excepts
          ? `team ${team.name}'s condition (its rule, plus a login test per explicit member and per exception, as the tenant rules copy it) is ${condition.length} characters, more than the ${MAX_RULE_EXPRESSION_LENGTH} one rule allows; shorten the rule, or narrow it by an attribute instead of listing so many exceptions`
          : `team ${team.name}'s condition (its rule, plus a login test per explicit member) is ${condition.length} characters, more than the ${MAX_RULE_EXPRESSION_LENGTH} one rule allows; shorten the rule or move the explicit members to a team of their own`,
      });
    }
  });
}

/** Position of character `index` of a string value: exact for single-line scalars, by line for block scalars. */
export function locateInScalar(source: AccessSource, path: PropertyKey[], index: number): { line: number; column: number } {
  const node = nodeAt(source, path);
  if (!node || !isScalar(node) || !node.range) return locate(source, path);
  const start = node.range[0];
  const value = String(node.value);
  if (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
    const quote = node.type === Scalar.PLAIN ? 0 : 1;
    if (!value.includes("\n")) {
      const { line, col } = source.lines.linePos(start + quote + index);
      return { line, column: col };
    }
  }
  // Block scalars (| and >): walk the content lines in the source. A folded line break is one
  // space in the value and a literal one is "\n": either way one character per line break.
  const header = source.lines.linePos(start);
  const end = source.lines.linePos(node.range[1]);
  const sourceLines = source.text.split("\n");
  let remaining = index;
  for (let line = header.line + 1; line <= Math.max(end.line, header.line + 1); line++) {
    const text = sourceLines[line - 1] ?? "";
    const indent = text.length - text.trimStart().length;
    const content = text.slice(indent);
    if (remaining <= content.length) return { line, column: indent + remaining + 1 };
    remaining -= content.length + 1;
  }
  return locate(source, path);
}

function checkGroupNames(file: AccessFile, report: Report): void {
  const names = new Map<string, string>();
  // No length check: the schema bounds every part (prefixes 100, teams 40, tenants 30, role group
  // names MAX_GROUP_NAME_LENGTH), so every name the stack makes fits Okta's limit.
  const claim = (name: string, owner: string, path: PropertyKey[]) => {
    const other = names.get(name.toLowerCase());
    if (other) report(path, `makes the Okta group name "${name}", which ${other} already uses; rename one of them or change a prefix under groupNaming`);
    else names.set(name.toLowerCase(), owner);
  };
  for (const role of PLATFORM_ROLES) claim(roleGroupName(file, role), `roles.${role}`, file.roles[role].name ? ["roles", role, "name"] : ["roles", role]);
  file.teams.forEach((team, t) => {
    // A team defined twice is reported once, as a duplicate, not again as a name collision.
    if (file.teams.findIndex((other) => other.name === team.name) !== t) return;
    claim(teamGroupName(file, team.name), `team ${team.name}`, ["teams", t, "name"]);
  });
  file.duplocloud.tenants.forEach((tenant, i) => {
    // A tenant listed twice is reported once, as a duplicate, not again as a name collision.
    if (file.duplocloud.tenants.indexOf(tenant) !== i) return;
    for (const level of ["read-write", "read-only"] as const) {
      claim(tenantGroupName(file, tenant, level), `the ${level} group of tenant ${tenant}`, ["duplocloud", "tenants", i]);
    }
  });
}

/**
 * DuploCloud gives tenant access to any group whose name starts with a tenant prefix. A team or role
 * group named that way, or prefixes that overlap, would make DuploCloud read a group as a tenant
 * grant (or as the other level) that the file never gave.
 */
function checkNamesDuploCloudWouldMisread(source: AccessSource, file: AccessFile, report: Report): void {
  const prefixes = Object.entries(file.groupNaming) as Array<[keyof AccessFile["groupNaming"], string]>;
  // Team names are the team prefix plus a name: when no prefix starts another, no team group name
  // can start with a tenant prefix, so checking the prefixes covers every team.
  prefixes.forEach(([key, prefix], i) => {
    for (const [otherKey, other] of prefixes.slice(0, i)) {
      const [lower, otherLower] = [prefix.toLowerCase(), other.toLowerCase()];
      if (!lower.startsWith(otherLower) && !otherLower.startsWith(lower)) continue;
      // Point at the prefix the file writes (the other may be a default, written nowhere), and say
      // how it relates to the other one.
      const written = nodeAt(source, ["groupNaming", key]) !== undefined;
      const [shownKey, shown, comparedKey, compared] = written ? [key, prefix, otherKey, other] : [otherKey, other, key, prefix];
      const [a, b] = written ? [lower, otherLower] : [otherLower, lower];
      const relation = a === b ? "is the same as" : a.startsWith(b) ? "starts with" : "is the start of";
      report(["groupNaming", shownKey], `"${shown}" ${relation} ${comparedKey} "${compared}", so DuploCloud could read one kind of group as the other; give each prefix a start of its own`);
    }
  });
  const tenantPrefixes = [file.groupNaming.tenantReadWritePrefix, file.groupNaming.tenantReadOnlyPrefix];
  const misread = (name: string) => tenantPrefixes.find((prefix) => name.toLowerCase().startsWith(prefix.toLowerCase()));
  const refuse = (name: string, path: PropertyKey[]) => {
    const prefix = misread(name);
    if (prefix) report(path, `makes the Okta group name "${name}", which starts with the tenant prefix "${prefix}": DuploCloud would read it as a tenant grant; choose another name`);
  };
  for (const role of PLATFORM_ROLES) refuse(roleGroupName(file, role), file.roles[role].name ? ["roles", role, "name"] : ["roles", role]);
}

function checkApiAccess(file: AccessFile, report: Report): void {
  file.apiAccess.apiTokens.forEach((token, t) => {
    if (token.network.connection === "ZONE" && token.network.includes.length === 0) {
      report(["apiAccess", "apiTokens", t, "network", "includes"], "a token restricted to ZONE needs at least one network zone ID under includes; with none, Okta lets it be used from nowhere or rejects the change");
    }
  });
  file.apiAccess.serviceApps.forEach((app, a) => {
    const path = ["apiAccess", "serviceApps", a];
    app.scopes.forEach((scope, s) => {
      if (!OKTA_SCOPES.has(scope)) report([...path, "scopes", s], `"${scope}" is not an Okta management scope; use e.g. okta.users.read or okta.groups.read`);
    });
    const manage = app.scopes.filter(isManageScope);
    if (manage.length > 0 && !app.justification) {
      report([...path, "scopes"], `asks for ${manage.join(", ")}; write-access scopes need a written justification: add justification: "why"`);
    }
    const keys = [app.publicKey.jwksUri, app.publicKey.jwk].filter((k) => k !== undefined);
    if (keys.length !== 1) report([...path, "publicKey"], "give exactly one of jwksUri or jwk, the public key Okta checks the app's client assertions with");
    const jwk = app.publicKey.jwk;
    if (jwk?.kty === "RSA" && (!jwk.e || !jwk.n)) report([...path, "publicKey", "jwk"], "an RSA key needs e and n");
    if (jwk?.kty === "EC" && (!jwk.x || !jwk.y)) report([...path, "publicKey", "jwk"], "an EC key needs x and y");
  });
}
