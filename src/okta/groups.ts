import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import type { GroupSpec, RuleSpec } from "../access/model-types";
import { membershipsKey, ownersKey, roleGroupKey, teamGroupKey } from "../access/keys";
import { renderRuleExpression } from "../access/rules";
import type { PeopleIds } from "./people";

export interface AccessGroupsArgs {
  readonly groups: readonly GroupSpec[];
  readonly rules: readonly RuleSpec[];
  /** Okta user IDs of the people the file names, for explicit memberships and owners. */
  readonly people: PeopleIds;
  /**
   * Whether the file's owners become real Okta group owners (the `oktaGroupOwners` stack setting).
   * Default false: Okta's group-owner API exists only on orgs with Okta Identity Governance
   * (okta-management-openapi-spec, tag GroupOwner: "only available if you're subscribed to Okta
   * Identity Governance"), so without it the first okta.group.Owners fails the `up`.
   */
  readonly realOwners?: boolean;
}

/** Logical name of a group's owners resource; the policy pack finds it by this name. */
export const ownersResourceName = ownersKey;

/**
 * A renamed team's resources keep their Okta objects: each is registered with an alias of the
 * logical name it had under the old team name (Pulumi, "Resource option: aliases": an alias
 * `{ name }` keeps the current type and parent, and the resource is updated in place instead of
 * deleted and created).
 */
/** The key a team's group had under its former name (`formerName`), if it was renamed. */
export const formerGroupKey = (group: GroupSpec) => (group.kind === "team" && group.formerName ? teamGroupKey(group.formerName) : undefined);
/** The resource option that keeps a resource registered under `formerName` before. */
export const aliasOf = (formerName: string | undefined) => (formerName === undefined ? {} : { aliases: [{ name: formerName }] });

/** Group keys that must never be deleted by accident: losing them locks administrators out. */
const PROTECTED_GROUP_KEYS = new Set([roleGroupKey("administrators")]);

/**
 * The Okta groups for platform roles, tenants and teams; the rules that fill them from user
 * attributes; and explicit memberships. Rule design: see rules.ts and docs/rule-design.md.
 */
export class AccessGroups extends pulumi.ComponentResource {
  /** Okta group ID by group key (`role-administrators`, `tenant-dev01-read-write`, `team-payments`). */
  readonly groupIds: ReadonlyMap<string, pulumi.Output<string>>;

  constructor(name: string, args: AccessGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:okta:AccessGroups", name, {}, opts);
    const groupIds = new Map<string, pulumi.Output<string>>();
    for (const group of args.groups) {
      // A group a directory masters (APP_GROUP) is referenced by its ID, never written: Okta lets only
      // the directory change its members and profile (spec, assignUserToGroup, replaceGroup), so an
      // okta.group.Group would fail its first update. No resource: nothing of the stack writes it.
      if (group.source === "directory" && group.importId) {
        groupIds.set(group.key, pulumi.output(group.importId));
        continue;
      }
      const resource = new okta.group.Group(
        group.key,
        { name: group.name, description: group.description },
        {
          parent: this,
          protect: PROTECTED_GROUP_KEYS.has(group.key),
          ...aliasOf(formerGroupKey(group)),
          // An adopted group existed before the stack: dropping it from the file, or a destroy, leaves it in Okta.
          ...(group.importId ? { import: group.importId, retainOnDelete: true } : {}),
        },
      );
      groupIds.set(group.key, resource.id);
    }
    this.groupIds = groupIds;

    for (const group of args.groups) {
      // A group with a rule is filled by the rule alone (its explicit members are in the rule's condition).
      if (group.explicitMembers.length === 0 || group.ruleExpression || group.source === "directory") continue;
      const former = formerGroupKey(group);
      new okta.GroupMemberships(
        membershipsKey(group.key),
        {
          groupId: groupIds.get(group.key)!,
          users: args.people.idsOf(group.explicitMembers),
          // A group the stack creates: it owns the whole membership, so someone added by hand (to the
          // administrators group!) shows as drift, and the next `up` removes them. An adopted group
          // (importId) had members before the stack: it manages only the people the file names, so a
          // refresh never turns the others into removals (the review says they stay).
          trackAllUsers: !group.importId,
        },
        { parent: this, ...aliasOf(former && membershipsKey(former)) },
      );
    }

    // Real Okta group owners, only when the stack opts in (realOwners), for the team and role groups
    // the stack creates (authoritative: the stack's groups have only the owners the file names). Not on an adopted group (importId): an
    // authoritative list would strip the owners someone gave it outside the stack. Tenant groups are
    // derived from teams; their teams' owners approve changes in review, they are not Okta owners.
    for (const group of args.realOwners ? args.groups : []) {
      if (group.kind === "tenant" || group.owners.length === 0 || group.importId) continue;
      const former = formerGroupKey(group);
      new okta.group.Owners(
        ownersResourceName(group.key),
        { groupId: groupIds.get(group.key)!, owners: args.people.idsOf(group.owners).apply((ids) => ids.map((id) => ({ id, type: "USER" }))) },
        { parent: this, ...aliasOf(former && ownersResourceName(former)) },
      );
    }

    for (const rule of args.rules) {
      const referenced = [...new Set(rule.clauses.flatMap((clause) => (clause.kind === "member-of-any" ? clause.groupKeys : [])))];
      // People Okta has deactivated lose their login test: the rule is sent without them.
      const render = (leftOut: readonly string[], ids: readonly string[]) => {
        const idByKey = new Map(referenced.map((key, i) => [key, ids[i]!]));
        return renderRuleExpression(
          rule,
          (key) => idByKey.get(key)!,
          (person) => !leftOut.includes(person),
        );
      };
      // One apply on the look-ups when the rule names no group, else one flat all(): pulumi.all wraps
      // each Output it is given in two more (pulumi/pulumi sdk/nodejs/output.ts, outputRec), so the
      // nested all() this replaced cost a 1,000-team plan 1,400 more, for the same value and the same
      // dependencies (the referenced groups).
      const expressionValue =
        referenced.length === 0
          ? args.people.leftOut.apply((leftOut) => render(leftOut, []))
          : pulumi
              .all<unknown>([args.people.leftOut, ...referenced.map((key) => groupIds.get(key)!)])
              .apply(([leftOut, ...ids]) => render(leftOut as readonly string[], ids as string[]));
      new okta.group.Rule(
        rule.key,
        {
          name: rule.name,
          status: "ACTIVE",
          expressionType: "urn:okta:expression:1.0",
          expressionValue,
          // One fixed target per rule: changing groupAssignments would replace the rule.
          groupAssignments: [groupIds.get(rule.targetGroupKey)!],
          // Read by the provider at delete time (resource_okta_group_rule.go, delete: removeUsers).
          // When a grant goes away its rule goes too, and so must the access it gave: deleting the
          // rule takes out the people it added (Okta help, "What happens if group rules are
          // deactivated and deleted"). Not for a tenant group's other homes: Okta does not re-run the
          // remaining rules after a delete (Okta help, "Group rules": rules run on a profile or
          // membership change or a reactivation), so it would take out people rule-<group> still
          // matches; such a rule is deleted only when rule-<group> holds all its terms again (rules.ts).
          removeAssignedUsers: !rule.keepsMembersOnDelete,
          // The people the file excepts from the group's own rule, by the IDs the people look-up found
          // (deactivated ones are never sent, like everywhere else). Removing the last exception drops
          // the input, and the provider then sends an empty list: it always sends users_excluded as
          // the set it holds (terraform-provider-okta okta/services/idaas/resource_okta_group_rule.go,
          // buildGroupRule), and a change to it updates the rule in place (hasGroupRuleChange).
          ...(rule.excludedPeople ? { usersExcluded: args.people.idsOf(rule.excludedPeople) } : {}),
        },
        { parent: this, ...aliasOf(rule.formerKey) },
      );
    }
    this.registerOutputs({});
  }
}
