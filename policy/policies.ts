import {
  UnknownValueError,
  type PolicyResource,
  type ReportViolation,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";
import {
  ADMIN_ROLE_JUSTIFICATION,
  adminRoleGroupOf,
  adminRoleJustification,
  isStackRuleKey,
  isTenantGroupKey,
  JUSTIFICATION_PREFIX,
  ownersKey,
  roleGroupKey,
  ruleKey,
  scopeGrantOf,
  SIGN_IN_PATH,
} from "../src/access/keys";
import { isManageScope, ORG_CONTROL_ADMIN_ROLE_TYPES } from "../src/access/okta-catalog";
import { endOf, endProblem } from "../src/access/dates";
import { MAX_TEMPORARY_LIMIT_HOURS, TEMPORARY_NOTE_PATTERN } from "../src/access/temporary-access";
import { now } from "../src/config/clock";

/*
 * Guardrails for stacks of this project, as Pulumi policies. They live apart from the PolicyPack
 * (index.ts) so that tests call them directly, with passing and failing resources, without the CLI.
 * They look at resources only, so they also catch a hand-edited program, not only a bad access file.
 *
 * The mandatory ones are decided in Analyze, resource by resource, from inputs a first preview
 * already knows (every ID and output is unknown then), so a violating stack fails its very first
 * `pulumi preview` and nothing is created. A value that is still unknown where a guardrail needs it
 * is a violation: the guardrail fails closed, it never passes what it could not check.
 */

const OAUTH_APP = "okta:app/oAuth:OAuth";
const SIGN_ON_POLICY = "okta:index/appSignonPolicy:AppSignonPolicy";
const SIGN_ON_RULE = "okta:index/appSignonPolicyRule:AppSignonPolicyRule";
const GROUP = "okta:group/group:Group";
const GROUP_RULE = "okta:group/rule:Rule";
const GROUP_OWNERS = "okta:group/owners:Owners";
const API_SCOPE = "okta:index/appOauthApiScope:AppOauthApiScope";
const GROUP_ROLE = "okta:group/role:Role";
/** A written reason is at least this long, as the access file's `reason` (src/access/schema.ts). */
const MIN_REASON_LENGTH = 10;
const FORBIDDEN_CLIENT_ROLES = new Set([
  "okta:index/oauth2V1ClientsRoleSuperAdmin:Oauth2V1ClientsRoleSuperAdmin",
  "okta:index/oauth2V1ClientsRoleOrgAdmin:Oauth2V1ClientsRoleOrgAdmin",
]);
/** Logical name of the administrators group: the stack names groups by their key (src/access/keys.ts). */
const ADMIN_GROUP_KEY = roleGroupKey("administrators");

const UNKNOWN = Symbol("unknown until the resource exists");

/** A property's value; UNKNOWN when the engine does not know it yet (a first preview), undefined when absent. */
function valueOf(props: Record<string, unknown>, key: string): unknown {
  try {
    return props[key];
  } catch (error) {
    if (error instanceof UnknownValueError) return UNKNOWN;
    throw error;
  }
}

/** The DuploCloud OIDC app, by its redirect URI; an app whose redirect URIs are not known yet and is a web app counts too (fail closed). */
function isDuploCloudApp(type: string, props: Record<string, unknown>): boolean {
  if (type !== OAUTH_APP) return false;
  const uris = valueOf(props, "redirectUris");
  if (uris === UNKNOWN) return valueOf(props, "type") === "web";
  return Array.isArray(uris) && uris.some((uri) => typeof uri === "string" && uri.endsWith(SIGN_IN_PATH));
}

/** A device-bound possession factor: what `mfa: required` promises (never SMS, voice or email alone). */
function requiresPossession(constraints: unknown): boolean {
  if (!Array.isArray(constraints)) return false;
  return constraints.some((text) => {
    try {
      const parsed = JSON.parse(String(text)) as { possession?: { required?: boolean; deviceBound?: string } };
      return parsed.possession?.required === true && parsed.possession.deviceBound === "REQUIRED";
    } catch {
      return false;
    }
  });
}

/**
 * Decided per resource: every sign-on rule in the stack (the stack makes sign-on rules only for the
 * DuploCloud app's policy) denies, or requires two factors with a device-bound possession factor;
 * and the DuploCloud app carries a sign-on policy.
 */
export const duploCloudAppRequiresMfa: ResourceValidationPolicy = {
  name: "duplocloud-app-requires-mfa",
  description: "Sign-on to the DuploCloud app needs two factors, one a device-bound possession factor.",
  enforcementLevel: "mandatory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    const props = args.props as Record<string, unknown>;
    if (isDuploCloudApp(args.type, props)) {
      // Present is enough here: on a first preview the policy's ID is unknown, which still means set.
      if (!("authenticationPolicy" in props) || valueOf(props, "authenticationPolicy") === undefined) {
        reportViolation("The DuploCloud app has no sign-on policy (authenticationPolicy); attach one that requires MFA.");
      }
      return;
    }
    if (args.type !== SIGN_ON_RULE) return;
    const [access, factorMode, constraints] = ["access", "factorMode", "constraints"].map((key) => valueOf(props, key));
    if (access === "DENY") return;
    if (access === UNKNOWN || factorMode === UNKNOWN || constraints === UNKNOWN) {
      reportViolation(`Sign-on rule ${args.name}: its access, factorMode or constraints are not known at this preview, so MFA cannot be checked; set them from plain values.`);
    } else if (factorMode !== "2FA") {
      reportViolation(`Sign-on rule ${args.name} allows one factor (factorMode ${String(factorMode ?? "unset")}); set okta.app.signOn.mfa to required.`);
    } else if (!requiresPossession(constraints)) {
      reportViolation(
        `Sign-on rule ${args.name} asks for two factors without a device-bound possession factor, so SMS, voice or email would do; keep the constraint the stack sets for mfa: required.`,
      );
    }
  },
};

/**
 * The join the resources cannot make on their own: the app's sign-on policy is one whose rules the
 * stack declares. Decided on the outputs (AnalyzeStack) when they are known. On a first preview the
 * policy's ID is unknown; then the stack must at least declare a sign-on policy and a two-factor
 * rule (each rule was checked in Analyze), or it fails.
 */
export const duploCloudAppPolicyIsDeclared: StackValidationPolicy = {
  name: "duplocloud-app-sign-on-policy-is-declared",
  description: "The DuploCloud app's sign-on policy is the one this stack declares, with a two-factor rule.",
  enforcementLevel: "mandatory",
  validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const rules = args.resources.filter((r) => r.type === SIGN_ON_RULE);
    const twoFactor = rules.filter((rule) => valueOf(rule.props, "factorMode") === "2FA");
    for (const app of args.resources.filter((r) => isDuploCloudApp(r.type, r.props))) {
      const policyId = valueOf(app.props, "authenticationPolicy");
      if (policyId === undefined) continue; // reported by duplocloud-app-requires-mfa
      if (policyId === UNKNOWN) {
        if (!args.resources.some((r) => r.type === SIGN_ON_POLICY) || twoFactor.length === 0) {
          reportViolation("The DuploCloud app's sign-on policy is not declared in this stack with a two-factor rule.", app.urn);
        }
        continue;
      }
      if (!twoFactor.some((rule) => valueOf(rule.props, "policyId") === policyId)) {
        reportViolation(`The DuploCloud app's sign-on policy ${String(policyId)} has no two-factor rule in this stack; attach the stack's own sign-on policy.`, app.urn);
      }
    }
  },
};

/**
 * Decided per rule, by the stack's own naming: the rule's target group IDs are unknown on a first
 * preview, and the pack never sees resource IDs. A rule named for the administrators group, or not
 * named the way the stack names rules (so its target cannot be told), fails.
 */
export const noRuleFillsAdministrators: ResourceValidationPolicy = {
  name: "no-rule-fills-administrators",
  description: "The DuploCloud administrators group is filled by named members only, never by a group rule.",
  enforcementLevel: "mandatory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (args.type !== GROUP_RULE) return;
    if (args.name.startsWith(ruleKey(ADMIN_GROUP_KEY))) {
      reportViolation(`Group rule ${args.name} fills the administrators group; administrators must be named one by one.`);
    } else if (!isStackRuleKey(args.name)) {
      reportViolation(`Group rule ${args.name} is not named rule-<group key>, so the group it fills cannot be told before it exists; name it after its group.`);
    }
  },
};

export const noSuperAdminServiceApps: ResourceValidationPolicy = {
  name: "no-super-admin-service-apps",
  description: "No service app holds SUPER_ADMIN or ORG_ADMIN.",
  enforcementLevel: "mandatory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    // A scoped role is the dynamic resource (src/okta/client-role-resource.ts), its type in `roleType`.
    const scoped = args.type === "pulumi-nodejs:dynamic/okta:ScopedClientRole" && (args.props.roleType === "SUPER_ADMIN" || args.props.roleType === "ORG_ADMIN");
    if (FORBIDDEN_CLIENT_ROLES.has(args.type) || scoped) {
      reportViolation(`Service app role ${args.props.type ?? args.props.roleType ?? args.type} gives a machine the keys to the org; use READ_ONLY_ADMIN or a narrower role.`);
    }
  },
};

/**
 * A join of a scope grant with its app (by name: `service-app-<name>-scopes`). Every value it reads
 * is a plain input, known on a first preview, so it is decided there (AnalyzeStack of the preview).
 * Validation refuses a manage scope without justification before this is reached: this guards
 * hand-edited programs. A value not known fails closed.
 */
export const manageScopesNeedJustification: StackValidationPolicy = {
  name: "manage-scopes-need-justification",
  description: "A service app granted okta.*.manage scopes carries a written justification (its admin note).",
  enforcementLevel: "mandatory",
  validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
    // Each app under the name its scope grant has (the stack's convention, src/access/keys.ts).
    const apps = new Map(args.resources.filter((r) => r.type === OAUTH_APP).map((r) => [scopeGrantOf(r.name), r]));
    for (const grant of args.resources.filter((r) => r.type === API_SCOPE)) {
      const scopes = valueOf(grant.props, "scopes");
      if (scopes === UNKNOWN) {
        reportViolation(`${grant.name}: its scopes are not known at this preview, so they cannot be checked; list them as plain values.`, grant.urn);
        continue;
      }
      const manage = (Array.isArray(scopes) ? scopes : []).filter((scope): scope is string => typeof scope === "string" && isManageScope(scope));
      if (manage.length === 0) continue;
      const app: PolicyResource | undefined = apps.get(grant.name);
      const note = app && valueOf(app.props, "adminNote");
      if (typeof note !== "string" || !note.startsWith(JUSTIFICATION_PREFIX)) {
        reportViolation(`${grant.name} grants ${manage.join(", ")} without a justification; add justification to the service app in the access file.`, grant.urn);
      }
    }
  },
};

/**
 * A join of a group's admin role with its group, by name (`admin-role-<group key>-<role>`, the
 * group's logical name being its key; src/access/keys.ts). The stack writes the reason for
 * SUPER_ADMIN or ORG_ADMIN into the holder group's description ("Justification for SUPER_ADMIN:
 * ..."); the role type and the description are plain inputs, known on a first preview, so this is
 * decided there. Validation refuses these roles without a reason first: this guards hand-edited
 * programs. A role type not known, or a holder group the stack does not declare, fails closed.
 */
export const orgControlRolesNeedReason: StackValidationPolicy = {
  name: "org-control-roles-need-reason",
  description: "A group given SUPER_ADMIN or ORG_ADMIN says why in its description.",
  enforcementLevel: "mandatory",
  validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const groups = new Map(args.resources.filter((r) => r.type === GROUP).map((r) => [r.name, r]));
    for (const role of args.resources.filter((r) => r.type === GROUP_ROLE)) {
      const roleType = valueOf(role.props, "roleType");
      if (roleType === UNKNOWN) {
        reportViolation(`${role.name}: its role type is not known at this preview, so it cannot be checked; set it from a plain value.`, role.urn);
        continue;
      }
      if (typeof roleType !== "string" || !(ORG_CONTROL_ADMIN_ROLE_TYPES as readonly string[]).includes(roleType)) continue;
      const groupKey = adminRoleGroupOf(role.name, roleType);
      const group = groupKey === undefined ? undefined : groups.get(groupKey);
      if (!group) {
        reportViolation(
          `${role.name} gives ${roleType} to a group this stack does not declare under the name admin-role-<group key>-${roleType}, so its reason cannot be read; give the role in the access file.`,
          role.urn,
        );
        continue;
      }
      const description = valueOf(group.props, "description");
      const marker = adminRoleJustification(roleType);
      const at = typeof description === "string" ? description.indexOf(marker) : -1;
      const reason =
        at < 0
          ? ""
          : (description as string)
              .slice(at + marker.length)
              .split(` ${ADMIN_ROLE_JUSTIFICATION} `)[0]!
              .trim();
      if (reason.length < MIN_REASON_LENGTH) {
        reportViolation(`${role.name} gives ${roleType} to group ${String(group.name)} without a written reason; add reason to the role in the access file.`, role.urn);
      }
    }
  },
};

/**
 * A service app (client credentials) proves itself with a private key, never a shared secret: Okta
 * checks a signed client assertion against the app's public key, and no client secret is made
 * that could leak. Decided per resource from plain inputs.
 */
export const serviceAppsUsePrivateKeyJwt: ResourceValidationPolicy = {
  name: "service-apps-use-private-key-jwt",
  description: "Service apps authenticate with private_key_jwt and have no client secret.",
  enforcementLevel: "mandatory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (args.type !== OAUTH_APP) return;
    const props = args.props as Record<string, unknown>;
    const grantTypes = valueOf(props, "grantTypes");
    if (grantTypes === UNKNOWN) {
      reportViolation(`OAuth app ${args.name}: its grant types are not known at this preview, so its authentication cannot be checked.`);
      return;
    }
    if (!Array.isArray(grantTypes) || !grantTypes.includes("client_credentials")) return;
    const method = valueOf(props, "tokenEndpointAuthMethod");
    const omitSecret = valueOf(props, "omitSecret");
    if (method !== "private_key_jwt")
      reportViolation(
        `Service app ${args.name} authenticates with ${method === UNKNOWN ? "a method not known at this preview" : String(method ?? "a client secret (the default)")}; use private_key_jwt with the app's public key.`,
      );
    if (omitSecret !== true) reportViolation(`Service app ${args.name} would get a client secret; set omitSecret so none is made.`);
  },
};

export const groupsHaveDescription: ResourceValidationPolicy = {
  name: "groups-have-description",
  description: "Every Okta group says what it is for.",
  enforcementLevel: "advisory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (args.type !== GROUP) return;
    const description = args.props.description;
    if (typeof description !== "string" || description.trim() === "") reportViolation(`Group ${args.props.name ?? args.name} has no description.`);
  },
};

/**
 * With real Okta group owners on (the stack setting oktaGroupOwners, for orgs with Okta Identity
 * Governance), team and role groups carry them (okta.group.Owners, logical name
 * `owners-<group's logical name>`). A stack that declares no okta.group.Owners at all has them off:
 * owners are then review data, and nothing is reported. Tenant groups (`tenant-*`) are derived from
 * teams, whose owners approve changes to them in review; they have no Okta owners of their own.
 */
export const groupsHaveOwner: StackValidationPolicy = {
  name: "groups-have-owner",
  description: "With real Okta group owners on (oktaGroupOwners), every team and role group has one.",
  enforcementLevel: "advisory",
  validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
    if (!args.resources.some((r) => r.type === GROUP_OWNERS)) return;
    const owned = new Set(args.resources.filter((r) => r.type === GROUP_OWNERS && Array.isArray(r.props.owners) && (r.props.owners as unknown[]).length > 0).map((r) => r.name));
    for (const group of args.resources.filter((r) => r.type === GROUP && !isTenantGroupKey(r.name))) {
      if (!owned.has(ownersKey(group.name))) reportViolation(`Group ${group.props.name ?? group.name} has no owner; add owners to its role or team in the access file.`, group.urn);
    }
  },
};

/**
 * Temporary access ends within the ceiling: every note a group's description holds of a temporary
 * holder (`Temporary: <login> until <end>.`, src/access/temporary-access.ts) ends at most
 * MAX_TEMPORARY_LIMIT_HOURS after now (the policy pack's clock: ACCESS_NOW, else the real one). The
 * file's per-level limits are checked by validation; this holds even a hand-edited program to the ceiling.
 */
export const temporaryAccessEndsWithinCeiling: ResourceValidationPolicy = {
  name: "temporary-access-ends-within-ceiling",
  description: `Temporary access (a group description's "Temporary: <login> until <end>.") ends at most ${MAX_TEMPORARY_LIMIT_HOURS} hours from now.`,
  enforcementLevel: "mandatory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (args.type !== GROUP) return;
    const description = valueOf(args.props, "description");
    if (typeof description !== "string") return;
    const latest = Date.parse(now()) + MAX_TEMPORARY_LIMIT_HOURS * 60 * 60 * 1000;
    for (const [, person, end] of description.matchAll(TEMPORARY_NOTE_PATTERN)) {
      if (endProblem(end!) !== undefined) reportViolation(`Group ${args.name} gives ${person} temporary access until "${end}", which is not a date or UTC time.`);
      else if (endOf(end!) > latest)
        reportViolation(
          `Group ${args.name} gives ${person} temporary access until ${end}, more than ${MAX_TEMPORARY_LIMIT_HOURS} hours from now; give lasting access through a team.`,
        );
    }
  },
};

export const POLICIES = [
  duploCloudAppRequiresMfa,
  duploCloudAppPolicyIsDeclared,
  noRuleFillsAdministrators,
  noSuperAdminServiceApps,
  manageScopesNeedJustification,
  orgControlRolesNeedReason,
  serviceAppsUsePrivateKeyJwt,
  groupsHaveDescription,
  groupsHaveOwner,
  temporaryAccessEndsWithinCeiling,
];
