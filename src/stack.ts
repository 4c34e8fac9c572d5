import * as pulumi from "@pulumi/pulumi";
import type { AccessModel } from "./access/model";
import { roleGroupKey } from "./access/keys";
import type { ProgramSettings } from "./config/program";
import { oktaOrgUrl } from "./config/stack-settings";
import { apiPortalOf } from "./config/api-portal";
import type { Portal } from "./config/portal-url";
import { createOktaProvider } from "./okta/provider";
import { ManagedUsers } from "./okta/users";
import { PeopleIds } from "./okta/people";
import { AccessGroups, formerGroupKey } from "./okta/groups";
import { DuploCloudApp } from "./okta/app";
import { OktaAdminRoles } from "./okta/admin-roles";
import { oktaWriteAccessOf, roleApiAccessOf } from "./okta/role-api-access";
import { adminRoleRollbackHook } from "./okta/role-rollback";
import { ApiAccess } from "./okta/api-access";
import * as aws from "@pulumi/aws";
import { DuploCloudAccess, DuploCloudOktaSettings, DuploCloudOktaUsersVpn } from "./duplocloud/components";
import type { ConnectionInputs } from "./duplocloud/providers/connection";
import { HandoffSecret } from "./aws/handoff";
import type { OktaSettingsOutput } from "./duplocloud/okta-settings-catalog";
import { oktaSettingsRecord } from "./duplocloud/okta-settings-record";
import { deployedCommitOf } from "./config/deployed-commit";

export interface StackOutputs {
  /** What DuploCloud's Okta settings need (System Settings > Okta Settings). */
  readonly duplocloudOktaSettings: OktaSettingsOutput<pulumi.Output<string>>;
  readonly appId: pulumi.Output<string>;
  readonly groupIds: pulumi.Output<Record<string, string>>;
  readonly serviceAppClientIds: pulumi.Output<Record<string, string>>;
  /**
   * The commit this run deploys (CI's GITHUB_SHA, else git's HEAD), or "unknown" when a file the
   * program reads is not that commit's bytes (config/deployed-commit.ts). The next deploy computes
   * its access diff from it, and refuses "unknown".
   */
  readonly deployedCommit: string;
  /** ARN of the AWS Secrets Manager hand-off secret, when the hand-off is on. */
  readonly handoffSecretArn?: pulumi.Output<string>;
  /** The located warnings about looked-up people who cannot sign in (logged; the offline plan lists them). Not a stack output. */
  readonly peopleWarnings: pulumi.Output<readonly string[]>;
}

/**
 * The whole program, from a validated model and stack settings to resources. index.ts calls it for
 * `pulumi up`; the offline plan and the tests call the very same function under Pulumi's mocks.
 * `options` reach every component (tests pass `transformations` to see resource options).
 */
export function defineStack(model: AccessModel, settings: ProgramSettings, options: pulumi.ComponentResourceOptions = {}): StackOutputs {
  // Checked before anything is declared: API writes go to the portal people sign in to, or nowhere.
  const apiPortal = apiPortalOf(settings, model.portal);
  const orgUrl = oktaOrgUrl(settings);
  const okta = defineOktaSide(model, settings, orgUrl, options);
  const oktaSettings = oktaSettingsRecord(model, settings, assignedByOkta(okta));
  defineDuploCloudSide(model, settings, apiPortal, oktaSettings, options);
  const handoffSecretArn = defineSecretHandoff(settings, okta.app, options);
  // The stack output: the record without the token fields, which come from the stack config as they are.
  const { oktaApiTokenId: _fromConfig, tokenExpiryAlertEmail: _alsoFromConfig, ...output } = oktaSettings;
  const stack = pulumi.getStack();
  // Computed when first read: index.ts reads every output, the offline plan none of them, and these
  // cost it an Output per group (outputRecord) and two git processes (deployedCommitOf).
  const groupIds = once(() => outputRecord(okta.groups.groupIds));
  const serviceAppClientIds = once(() => outputRecord(okta.apiAccess.clientIds));
  const deployedCommit = once(() => deployedCommitOf(settings.projectDir, stack));
  return {
    duplocloudOktaSettings: output,
    appId: okta.app.appId,
    get groupIds() {
      return groupIds();
    },
    get serviceAppClientIds() {
      return serviceAppClientIds();
    },
    peopleWarnings: okta.people.warnings,
    get deployedCommit() {
      return deployedCommit();
    },
    ...(handoffSecretArn ? { handoffSecretArn } : {}),
  };
}

/** `compute`'s value, computed on the first call only. */
function once<T>(compute: () => T): () => T {
  let value: { readonly computed: T } | undefined;
  return () => (value ??= { computed: compute() }).computed;
}

interface OktaSide {
  readonly people: PeopleIds;
  readonly app: DuploCloudApp;
  readonly groups: AccessGroups;
  readonly apiAccess: ApiAccess;
}

/** Everything in Okta, through one explicit provider: accounts, people looked up, groups and rules, the app, admin roles, API access. */
function defineOktaSide(model: AccessModel, settings: ProgramSettings, orgUrl: string, options: pulumi.ComponentResourceOptions): OktaSide {
  const provider = createOktaProvider("okta", settings.okta);
  const opts: pulumi.ComponentResourceOptions = { ...options, providers: { okta: provider } };
  // The provider's credential, for the stack's own role writes (the roll-back hook, scoped service-app roles).
  const writeAccess = oktaWriteAccessOf(settings.okta, orgUrl);
  const users = new ManagedUsers("users", { users: model.users }, opts);
  // Everyone else the file names already exists in Okta: looked up, never owned.
  const people = new PeopleIds({ logins: model.namedPeople, namedAt: model.namedAt, namedLines: model.namedLines, managed: users.userIds }, { provider });
  const groups = new AccessGroups("groups", { groups: model.groups, rules: model.rules, people, realOwners: settings.oktaGroupOwners }, opts);
  const assigned = new Map(model.groups.filter((group) => group.grantsDuploAccess).map((group) => [group.key, groups.groupIds.get(group.key)!]));
  const app = new DuploCloudApp("duplocloud", { portalHost: model.portal.host, app: model.app, assignedGroupIds: assigned, stack: pulumi.getStack() }, opts);
  new OktaAdminRoles(
    "okta-admin-roles",
    {
      groupRoles: model.groupAdminRoles,
      groupIds: groups.groupIds,
      duplocloudApp: app,
      formerGroupKeys: new Map(model.groups.flatMap((group) => [formerGroupKey(group)].flatMap((former) => (former === undefined ? [] : [[group.key, former] as const])))),
      // Registered even with no role in the file: a role deleted by this `up` still names the hook in the state (pulumi/pulumi deployment.go RunErrorHooks: "error hook ... was not registered").
      ...(pulumi.runtime.hasEngine() ? { rollback: adminRoleRollbackHook(roleApiAccessOf(writeAccess, orgUrl)) } : {}),
    },
    opts,
  );
  const apiAccess = new ApiAccess(
    "api-access",
    { serviceApps: model.serviceApps, apiTokens: model.apiTokens, orgUrl, groupIds: groups.groupIds, duplocloudApp: app, writeAccess },
    opts,
  );
  return { people, app, groups, apiAccess };
}

/** The IDs and the client secret Okta assigns, for DuploCloud's Okta settings record. */
function assignedByOkta(okta: OktaSide) {
  const groupId = (role: Parameters<typeof roleGroupKey>[0]) => okta.groups.groupIds.get(roleGroupKey(role))!;
  return {
    clientId: okta.app.clientId,
    clientSecret: okta.app.clientSecret,
    adminGroupId: groupId("administrators"),
    readOnlyGroupId: groupId("readOnly"),
    securityGroupId: groupId("securityAdmins"),
    signupGroupId: groupId("signupUsers"),
  };
}

type ProgramOktaSettings = ReturnType<typeof oktaSettingsRecord<ProgramSettings, ReturnType<typeof assignedByOkta>>>;

/** DuploCloud through its REST API: explicit users and their grants, and (experimental) the Okta settings. */
function defineDuploCloudSide(model: AccessModel, settings: ProgramSettings, apiPortal: Portal, oktaSettings: ProgramOktaSettings, options: pulumi.ComponentResourceOptions): void {
  const duplo = settings.duplocloud;
  const writeSettings = duplo.settingsWrite === "experimental";
  if (model.duplocloudUsers.length === 0 && !writeSettings && !model.oktaUsersVpn) return;
  const connection = duploConnection(apiPortal, settings);
  if (model.duplocloudUsers.length > 0) {
    new DuploCloudAccess("duplocloud-access", { connection, users: model.duplocloudUsers }, options);
  }
  if (model.oktaUsersVpn) new DuploCloudOktaUsersVpn("duplocloud-okta-users-vpn", { connection, vpn: model.oktaUsersVpn }, options);
  if (!writeSettings) return;
  void pulumi.log.warn(
    "duplocloudSettings is \"experimental\": the Okta settings are written as System Config rows under DuploCloud's documented legacy keys, which the portal is not confirmed to read. Hand them over with `npm run handoff` as well, and check the portal's Okta Settings pane.",
  );
  const { clientSecret, redirectUri: _notASetting, ...visibleSettings } = oktaSettings;
  new DuploCloudOktaSettings(
    "duplocloud-okta-settings",
    {
      connection,
      // The record without its secret (passed apart, so these values stay readable in previews).
      values: pulumi.output(visibleSettings),
      clientSecret,
      ...(duplo.oktaApiToken ? { oktaApiToken: duplo.oktaApiToken } : {}),
    },
    options,
  );
}

/** The AWS Secrets Manager secret that hands the client secret and the Okta token to DuploCloud administrators. */
function defineSecretHandoff(settings: ProgramSettings, app: DuploCloudApp, options: pulumi.ComponentResourceOptions): pulumi.Output<string> | undefined {
  if (!settings.secretHandoff.enabled) return undefined;
  const awsProvider = new aws.Provider("aws", { region: requiredRegion(settings) });
  const oktaApiToken = settings.duplocloud.oktaApiToken;
  const secret = new HandoffSecret(
    "handoff",
    { settings: settings.secretHandoff, stack: pulumi.getStack(), clientSecret: app.clientSecret, ...(oktaApiToken ? { oktaApiToken } : {}) },
    { ...options, providers: { aws: awsProvider } },
  );
  return secret.arn;
}

/** The DuploCloud API connection; its token is required as soon as anything goes through the API. */
function duploConnection(apiPortal: Portal, settings: ProgramSettings): pulumi.Output<ConnectionInputs> {
  const token = settings.duplocloud.token;
  if (!token) {
    throw new Error(
      "the access file lists duplocloud.users or sets duplocloud.oktaUsersVpn, or duplocloudSettings is experimental, so the stack needs a DuploCloud API token: pulumi config set --secret duplocloud:token (or set DUPLO_TOKEN)",
    );
  }
  const host = apiPortal.url;
  const waitTimeoutMs = settings.duplocloud.writeWaitSeconds * 1000;
  return pulumi.secret(token.apply((value) => ({ host, token: value, waitTimeoutMs })));
}

function outputRecord(map: ReadonlyMap<string, pulumi.Output<string>>): pulumi.Output<Record<string, string>> {
  const keys = [...map.keys()].sort();
  return pulumi.all(keys.map((key) => map.get(key)!)).apply((values) => Object.fromEntries(keys.map((key, i) => [key, values[i]!])));
}

/** The hand-off secret's region: `aws:region`, required once handoffSecret is on. */
function requiredRegion(settings: ProgramSettings): aws.Region {
  if (!settings.secretHandoff.awsRegion) throw new pulumi.RunError("handoffSecret is on, and aws:region is not set: set it with pulumi config set aws:region <region>");
  return settings.secretHandoff.awsRegion as aws.Region;
}
