import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/*
 * Guardrails for stacks of this project, as Pulumi policies. They live apart from the PolicyPack
 * (index.ts) so that tests call them directly, with passing and failing resources, without the CLI.
 * They look at resources only, so they also catch a hand-edited program, not only a bad access file.
 */

const OAUTH_APP = "okta:app/oAuth:OAuth";
const SIGN_ON_RULE = "okta:index/appSignonPolicyRule:AppSignonPolicyRule";
const GROUP = "okta:group/group:Group";
const GROUP_RULE = "okta:group/rule:Rule";
const GROUP_OWNERS = "okta:group/owners:Owners";
const API_SCOPE = "okta:index/appOauthApiScope:AppOauthApiScope";
const FORBIDDEN_CLIENT_ROLES = new Set([
  "okta:index/oauth2V1ClientsRoleSuperAdmin:Oauth2V1ClientsRoleSuperAdmin",
  "okta:index/oauth2V1ClientsRoleOrgAdmin:Oauth2V1ClientsRoleOrgAdmin",
]);
/** Logical name of the administrators group (see src/access/model.ts). */
const ADMIN_GROUP_NAME = "role-administrators";

const isDuploCloudApp = (resource: { type: string; props: Record<string, unknown> }) =>
  resource.type === OAUTH_APP &&
  Array.isArray(resource.props.redirectUris) &&
  (resource.props.redirectUris as unknown[]).some((uri) => typeof uri === "string" && uri.endsWith("/app/signin-okta"));

const isManageScope = (scope: unknown) => typeof scope === "string" && /^okta\.[A-Za-z]+\.manage(\.self)?$/.test(scope);

export const duploCloudAppRequiresMfa: StackValidationPolicy = {
  name: "duplocloud-app-requires-mfa",
  description: "The DuploCloud OIDC app has a sign-on policy whose rule requires two factors.",
  enforcementLevel: "mandatory",
  validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const rules = args.resources.filter((r) => r.type === SIGN_ON_RULE);
    for (const app of args.resources.filter(isDuploCloudApp)) {
      const policyId = app.props.authenticationPolicy;
      if (!policyId) {
        reportViolation("The DuploCloud app has no sign-on policy (authenticationPolicy); attach one that requires MFA.", app.urn);
        continue;
      }
      const mfaRules = rules.filter((rule) => rule.props.policyId === policyId && rule.props.factorMode === "2FA");
      if (mfaRules.length === 0) reportViolation("The DuploCloud app's sign-on policy has no rule with factorMode 2FA; set okta.app.signOn.mfa to required.", app.urn);
      for (const rule of rules.filter((r) => r.props.policyId === policyId && r.props.access !== "DENY" && r.props.factorMode !== "2FA")) {
        reportViolation(`Sign-on rule ${rule.name} of the DuploCloud app allows one factor; require 2FA.`, rule.urn);
      }
    }
  },
};

export const noRuleFillsAdministrators: StackValidationPolicy = {
  name: "no-rule-fills-administrators",
  description: "The DuploCloud administrators group is filled by named members only, never by a group rule.",
  enforcementLevel: "mandatory",
  validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const adminGroups = args.resources.filter((r) => r.type === GROUP && r.name === ADMIN_GROUP_NAME);
    const adminIds = new Set(adminGroups.map((g) => g.props.id).filter((id): id is string => typeof id === "string"));
    for (const rule of args.resources.filter((r) => r.type === GROUP_RULE)) {
      const targets = Array.isArray(rule.props.groupAssignments) ? (rule.props.groupAssignments as unknown[]) : [];
      const targetsAdmins = targets.some((id) => typeof id === "string" && adminIds.has(id)) || rule.name.startsWith(`rule-${ADMIN_GROUP_NAME}`);
      if (targetsAdmins) reportViolation(`Group rule ${rule.name} fills the administrators group; administrators must be named one by one.`, rule.urn);
    }
  },
};

export const noSuperAdminServiceApps: ResourceValidationPolicy = {
  name: "no-super-admin-service-apps",
  description: "No service app holds SUPER_ADMIN or ORG_ADMIN.",
  enforcementLevel: "mandatory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (FORBIDDEN_CLIENT_ROLES.has(args.type)) {
      reportViolation(`Service app role ${args.props.type ?? args.type} gives a machine the keys to the org; use READ_ONLY_ADMIN or a narrower role.`);
    }
  },
};

export const manageScopesNeedJustification: StackValidationPolicy = {
  name: "manage-scopes-need-justification",
  description: "A service app granted okta.*.manage scopes carries a written justification (its admin note).",
  enforcementLevel: "mandatory",
  validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const apps = new Map(args.resources.filter((r) => r.type === OAUTH_APP).map((r) => [r.name, r]));
    for (const grant of args.resources.filter((r) => r.type === API_SCOPE)) {
      const manage = ((grant.props.scopes as unknown[]) ?? []).filter(isManageScope);
      if (manage.length === 0) continue;
      // Scope grants are named after their app: service-app-<name>-scopes.
      const app: PolicyResource | undefined = apps.get(grant.name.replace(/-scopes$/, ""));
      const note = app?.props.adminNote;
      if (typeof note !== "string" || !note.startsWith("Justification:")) {
        reportViolation(`${grant.name} grants ${manage.join(", ")} without a justification; add justification to the service app in the access file.`, grant.urn);
      }
    }
  },
};

export const clientSecretIsSecret: ResourceValidationPolicy = {
  name: "client-secret-is-secret",
  description: "The OIDC app's client secret is a secret output.",
  enforcementLevel: "mandatory",
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (args.type !== OAUTH_APP || args.props.type !== "web") return;
    if (!(args.opts?.additionalSecretOutputs ?? []).includes("clientSecret")) {
      reportViolation("The app's clientSecret is not marked as a secret output; it would be stored in plain text.");
    }
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
 * Team and role groups carry real Okta group owners (okta.group.Owners, logical name
 * `owners-<group's logical name>`). Tenant groups (`tenant-*`) are derived from teams, whose
 * owners approve changes to them in review; they have no Okta owners of their own.
 */
export const groupsHaveOwner: StackValidationPolicy = {
  name: "groups-have-owner",
  description: "Every team and role group has a real Okta group owner.",
  enforcementLevel: "advisory",
  validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const owned = new Set(
      args.resources.filter((r) => r.type === GROUP_OWNERS && Array.isArray(r.props.owners) && (r.props.owners as unknown[]).length > 0).map((r) => r.name),
    );
    for (const group of args.resources.filter((r) => r.type === GROUP && !r.name.startsWith("tenant-"))) {
      if (!owned.has(`owners-${group.name}`)) reportViolation(`Group ${group.props.name ?? group.name} has no owner; add owners to its role or team in the access file.`, group.urn);
    }
  },
};

export const POLICIES = [
  duploCloudAppRequiresMfa,
  noRuleFillsAdministrators,
  noSuperAdminServiceApps,
  manageScopesNeedJustification,
  clientSecretIsSecret,
  groupsHaveDescription,
  groupsHaveOwner,
];
