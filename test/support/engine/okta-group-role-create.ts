/*
 * What the Okta provider sends to create an `okta.group.Role`, against an org on `orgUrl` (the
 * sandbox's emulator), and the error it answers, worded as the provider words it
 * (terraform-provider-okta v6.12.0, okta/services/idaas/resource_okta_group_role.go,
 * `resourceGroupRoleCreate`): the role is assigned with no target (`AssignRoleToGroup`, query
 * `disableNotifications`), then each group target (`addGroupTargetsToRole`) or app instance
 * (`addGroupAppTargetsToRole`, `<name>.<id>` split on the dot) is added one at a time; the first
 * failure ends the create, before the ID is recorded. Test support only: the real provider runs in
 * a real `pulumi up`.
 */

/** The inputs of an okta.group.Role as the engine receives them. */
interface GroupRoleInputs {
  readonly groupId?: unknown;
  readonly roleType?: unknown;
  readonly disableNotifications?: unknown;
  readonly targetGroupLists?: unknown;
  readonly targetAppLists?: unknown;
}

async function summaryOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { errorSummary?: string };
  return `the API returned an error: ${body.errorSummary ?? response.statusText}, Status: ${response.status}`;
}

export async function createGroupRoleAsTheProviderDoes(orgUrl: string, apiToken: string, inputs: GroupRoleInputs): Promise<{ error?: string }> {
  const groupId = String(inputs.groupId);
  const roleType = String(inputs.roleType);
  const headers = { Authorization: `SSWS ${apiToken}`, Accept: "application/json", "Content-Type": "application/json" };
  const base = `${orgUrl}/api/v1/groups/${encodeURIComponent(groupId)}/roles`;
  const assigned = await fetch(`${base}?disableNotifications=${inputs.disableNotifications === true}`, { method: "POST", headers, body: JSON.stringify({ type: roleType }) });
  if (!assigned.ok) return { error: `failed to assign role ${roleType} to group ${groupId}: ${await summaryOf(assigned)}` };
  const roleId = ((await assigned.json()) as { id: string }).id;
  const groups = Array.isArray(inputs.targetGroupLists) ? (inputs.targetGroupLists as string[]) : [];
  for (const target of groups) {
    const added = await fetch(`${base}/${roleId}/targets/groups/${encodeURIComponent(target)}`, { method: "PUT", headers });
    if (!added.ok) return { error: `unable to add group target to role assignment ${roleId} for group ${groupId}: ${await summaryOf(added)}` };
  }
  const apps = Array.isArray(inputs.targetAppLists) ? (inputs.targetAppLists as string[]) : [];
  for (const app of apps) {
    const [name, id] = app.split(".");
    const added = await fetch(`${base}/${roleId}/targets/catalog/apps/${encodeURIComponent(name!)}/${encodeURIComponent(id!)}`, { method: "PUT", headers });
    if (!added.ok) return { error: `unable to add app targets to role assignment ${roleId} for group ${groupId}: ${await summaryOf(added)}` };
  }
  return {};
}
