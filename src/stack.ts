import * as pulumi from "@pulumi/pulumi";
import type { AccessModel } from "./access/model";
import { roleGroupKey } from "./access/model";
import { oktaDomain, type StackSettings } from "./config";
import { createOktaProvider } from "./okta/provider";
import { ManagedUsers } from "./okta/users";
import { AccessGroups } from "./okta/groups";
import { DuploCloudApp } from "./okta/app";
import { OktaAdminRoles } from "./okta/admin-roles";
import { ApiAccess } from "./okta/api-access";

/** What DuploCloud's Okta settings need (System Settings > Okta Settings), as stack outputs. */
export interface DuploCloudOktaHandoff {
  readonly oktaDomain: string;
  readonly clientId: pulumi.Output<string>;
  /** A Pulumi secret. */
  readonly clientSecret: pulumi.Output<string>;
  readonly adminGroupId: pulumi.Output<string>;
  readonly readOnlyGroupId: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;
  readonly signupGroupId: pulumi.Output<string>;
  readonly tenantGroupPrefix: string;
  readonly tenantReadOnlyGroupPrefix: string;
  readonly redirectUri: string;
}

export interface StackOutputs {
  readonly duplocloudOktaSettings: DuploCloudOktaHandoff;
  readonly appId: pulumi.Output<string>;
  readonly groupIds: pulumi.Output<Record<string, string>>;
  readonly serviceAppClientIds: pulumi.Output<Record<string, string>>;
}

/**
 * The whole program, from a validated model and stack settings to resources. index.ts calls it for
 * `pulumi up`; the offline plan and the tests call the very same function under Pulumi's mocks.
 * `options` reach every component (tests pass `transformations` to see resource options).
 */
export function defineStack(model: AccessModel, settings: StackSettings, options: pulumi.ComponentResourceOptions = {}): StackOutputs {
  const provider = createOktaProvider("okta", settings.okta);
  const opts: pulumi.ComponentResourceOptions = { ...options, providers: { okta: provider } };

  const users = new ManagedUsers("users", { users: model.users }, opts);
  const groups = new AccessGroups("groups", { groups: model.groups, rules: model.rules, userIds: users.userIds }, opts);
  const assigned = new Map(
    model.groups.filter((group) => group.grantsDuploAccess).map((group) => [group.key, groups.groupIds.get(group.key)!]),
  );
  const app = new DuploCloudApp(
    "duplocloud",
    { portalHost: model.portalHost, app: model.file.okta.app, assignedGroupIds: assigned, stack: pulumi.getStack() },
    opts,
  );
  new OktaAdminRoles(
    "okta-admin-roles",
    { groupRoles: model.groupAdminRoles, userRoles: model.userAdminRoles, groupIds: groups.groupIds, userIds: users.userIds },
    opts,
  );
  const domain = oktaDomain(settings.okta);
  const apiAccess = new ApiAccess(
    "api-access",
    { serviceApps: model.serviceApps, apiTokens: model.apiTokens, orgUrl: `https://${domain}` },
    opts,
  );

  const groupId = (role: Parameters<typeof roleGroupKey>[0]) => groups.groupIds.get(roleGroupKey(role))!;
  return {
    duplocloudOktaSettings: {
      oktaDomain: domain,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      adminGroupId: groupId("administrators"),
      readOnlyGroupId: groupId("readOnly"),
      securityGroupId: groupId("securityAdmins"),
      signupGroupId: groupId("signupUsers"),
      tenantGroupPrefix: model.file.groupNaming.tenantReadWritePrefix,
      tenantReadOnlyGroupPrefix: model.file.groupNaming.tenantReadOnlyPrefix,
      redirectUri: `https://${model.portalHost}/app/signin-okta`,
    },
    appId: app.appId,
    groupIds: outputRecord(groups.groupIds),
    serviceAppClientIds: outputRecord(apiAccess.clientIds),
  };
}

function outputRecord(map: ReadonlyMap<string, pulumi.Output<string>>): pulumi.Output<Record<string, string>> {
  const keys = [...map.keys()].sort();
  return pulumi.all(keys.map((key) => map.get(key)!)).apply((values) => Object.fromEntries(keys.map((key, i) => [key, values[i]!])));
}
