import type { AccessFile, OktaAdminRoleGrant } from "./schema";
import type { AccessModel } from "./model-types";
import { teamGroupKey, roleGroupKey } from "./keys";
import { APP_SCOPED_ADMIN_ROLE_TYPES, GROUP_SCOPED_ADMIN_ROLE_TYPES, MAX_GROUP_DESCRIPTION_LENGTH, ORG_CONTROL_ADMIN_ROLE_TYPES } from "./okta-catalog";
import type { Report } from "./problem-reporter";

/*
 * Okta admin roles as Okta defines them: given to groups only, scoped where Okta scopes them, and
 * given over the whole org only on purpose, with a reason.
 */

/** What Okta scopes a role to: groups, apps, or nothing (the role's reach is fixed). */
export type AdminRoleScope = "groups" | "apps" | "none";

export function adminRoleScope(role: OktaAdminRoleGrant["role"]): AdminRoleScope {
  if (GROUP_SCOPED_ADMIN_ROLE_TYPES.includes(role)) return "groups";
  if (APP_SCOPED_ADMIN_ROLE_TYPES.includes(role)) return "apps";
  return "none";
}

/** The group that holds a grant, as the file writes it (`team oncall`, `role administrators`), for messages and duplicates. */
const holderOf = (grant: OktaAdminRoleGrant) => (grant.team !== undefined ? `team ${grant.team}` : grant.platformRole !== undefined ? `role ${grant.platformRole}` : `user ${grant.user}`);

export function checkOktaAdminRoles(file: AccessFile, report: Report): void {
  const teams = new Map(file.teams.map((team) => [team.name, team]));
  const firstAt = new Map<string, number>();
  file.oktaAdminRoles.forEach((grant, i) => {
    const path = ["oktaAdminRoles", i];
    const holders = [grant.team, grant.platformRole, grant.user].filter((t) => t !== undefined);
    if (holders.length !== 1) {
      report(path, `give the role ${grant.role} to exactly one of team, platformRole or user (found ${holders.length})`);
      return;
    }
    if (grant.team !== undefined) {
      const team = teams.get(grant.team);
      if (!team) report([...path, "team"], `team "${grant.team}" is not defined under teams; define it or fix the name`);
      else if (team.rule) report([...path, "team"], `team ${grant.team} is filled by a rule, and Okta does not allow admin roles on rule-filled groups; use a team with explicit members only`);
    }
    if (grant.platformRole !== undefined) {
      const role = file.roles[grant.platformRole];
      if ("rule" in role && role.rule) report([...path, "platformRole"], `roles.${grant.platformRole} is filled by a rule, and Okta does not allow admin roles on rule-filled groups`);
    }
    if (grant.user !== undefined) {
      // okta.UserAdminRoles owns every role assigned directly to the user: it would strip roles
      // granted outside the stack, and a removed line would take all of them.
      report([...path, "user"], `Okta admin roles go to groups only: a role given to ${grant.user} directly would make the stack own every admin role that person holds, and strip the ones given outside it; put them in a team with explicit members and give the role to the team`);
      return;
    }
    const key = `${holderOf(grant)}|${grant.role}`;
    const first = firstAt.get(key);
    if (first !== undefined) report([...path, "role"], `${grant.role} is given to ${holderOf(grant)} twice (first at oktaAdminRoles[${first}]); keep one entry and merge the targets into it`);
    else firstAt.set(key, i);
    checkScope(grant, path, teams, report);
    if (ORG_CONTROL_ADMIN_ROLE_TYPES.includes(grant.role) && grant.reason === undefined) {
      report(
        [...path, "role"],
        `${grant.role} controls the whole Okta org, its admins and settings included; say why this group needs it with reason: "..." (at least 10 characters; reviewers see it, and it is written into the group's description in Okta)`,
      );
    }
  });
}

type Targets = NonNullable<OktaAdminRoleGrant["targets"]>;

/**
 * Targets that fit the role, with the teams they name defined: a role Okta does not scope takes
 * none, a group-scoped role no apps, an app-scoped role no groups. Whether the role is scoped.
 */
function checkTargets(role: OktaAdminRoleGrant["role"], given: Targets | undefined, path: PropertyKey[], teams: ReadonlyMap<string, unknown>, report: Report): boolean {
  const scope = adminRoleScope(role);
  const targets = given ?? { teams: [], roles: [], apps: [] };
  const groupTargets = targets.teams.length + targets.roles.length;
  targets.teams.forEach((team, t) => {
    if (!teams.has(team)) report([...path, "targets", "teams", t], `team "${team}" is not defined under teams; define it or fix the name`);
  });
  if (scope === "none") {
    if (given !== undefined) report([...path, "targets"], `Okta does not scope ${role} to groups or apps; remove targets`);
    return false;
  }
  if (scope === "groups" && targets.apps.length > 0) report([...path, "targets", "apps"], `${role} is scoped to groups, not apps; list teams or roles (apps are for APP_ADMIN)`);
  if (scope === "apps" && groupTargets > 0) report([...path, "targets"], `${role} is scoped to apps, not groups; list apps (teams and roles are for ${GROUP_SCOPED_ADMIN_ROLE_TYPES.join(", ")})`);
  return scope === "groups" ? groupTargets > 0 : targets.apps.length > 0;
}

/**
 * A service app's role takes targets as a group's does (Okta's RoleBTargetClient operations); without
 * them it acts on the whole org, as it always has (no `orgWide` to write: the app's scopes and role
 * are reviewed as critical already).
 */
export function checkServiceAppTargets(file: AccessFile, report: Report): void {
  const teams = new Map(file.teams.map((team) => [team.name, team]));
  file.apiAccess.serviceApps.forEach((app, i) => {
    if (app.targets === undefined) return;
    const path = ["apiAccess", "serviceApps", i];
    checkTargets(app.adminRole, app.targets, path, teams, report);
    const named = app.targets.teams.length + app.targets.roles.length + app.targets.apps.length;
    if (named === 0 && adminRoleScope(app.adminRole) !== "none")
      report([...path, "targets"], `targets lists nothing ${app.adminRole} can act on; name ${adminRoleScope(app.adminRole) === "groups" ? "teams or roles" : "apps"}, or remove targets to give the role over the whole org`);
  });
}

function checkScope(grant: OktaAdminRoleGrant, path: PropertyKey[], teams: ReadonlyMap<string, unknown>, report: Report): void {
  const scope = adminRoleScope(grant.role);
  const scoped = checkTargets(grant.role, grant.targets, path, teams, report);
  if (scope === "none") {
    if (grant.orgWide) report([...path, "orgWide"], `${grant.role} always acts on the whole org (Okta does not scope it); remove orgWide`);
    return;
  }
  if (grant.orgWide) {
    if (grant.targets !== undefined) report([...path, "orgWide"], "orgWide: true and targets contradict each other; keep targets to scope the role, or remove them to give it over the whole org");
    else if (grant.reason === undefined) report([...path, "orgWide"], `an org-wide ${grant.role} needs a reason: add reason: "..." (at least 10 characters; reviewers see it, and it is written into the group's description in Okta)`);
    return;
  }
  if (scoped) return;
  const fix = scope === "groups" ? "targets: { teams: [...], roles: [...] }" : "targets: { apps: [duplocloud] }";
  const reach = scope === "groups" ? "every user and group of the org (a GROUP_MEMBERSHIP_ADMIN could add anyone to the DuploCloud administrators group)" : "every app of the org";
  report([...path, "role"], `${grant.role} without targets acts on ${reach}; name what it may act on with ${fix}, or write orgWide: true with a reason`);
}

/** Reasons are written into the holder group's description, which Okta caps: checked on the model, where descriptions are final. */
export function checkDescriptionsWithReasons(file: AccessFile, model: AccessModel, report: Report): void {
  const descriptionLength = new Map(model.groups.map((group) => [group.key, [...group.description].length]));
  file.oktaAdminRoles.forEach((grant, i) => {
    if (grant.reason === undefined || grant.user !== undefined) return;
    const length = descriptionLength.get(grant.team !== undefined ? teamGroupKey(grant.team) : roleGroupKey(grant.platformRole!)) ?? 0;
    if (length > MAX_GROUP_DESCRIPTION_LENGTH)
      report(
        ["oktaAdminRoles", i, "reason"],
        `with this reason the ${holderOf(grant)} group's description is ${length} characters, more than Okta's ${MAX_GROUP_DESCRIPTION_LENGTH}; shorten the reason or the group's description`,
      );
  });
}
