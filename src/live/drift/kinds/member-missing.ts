import type { GroupSpec } from "../../../access/model";
import type { Finding, Who } from "../finding";
import type { Intent } from "../intended";
import type { LiveGroup, LivePerson } from "../live-state";

/** A person the file puts in a group of the stack who is not in it. */
export function memberMissing(spec: GroupSpec, group: LiveGroup, person: LivePerson, who: Who, intent: Extract<Intent, { kind: "intended" }>): Finding {
  return {
    kind: "member-missing",
    severity: "warning",
    who,
    where: `group ${group.name}`,
    how: `the file puts them there (${intent.because})`,
    fix: missingMemberFix(spec, person, intent),
  };
}

function missingMemberFix(spec: GroupSpec, person: LivePerson, intent: Extract<Intent, { kind: "intended" }>): string {
  if (intent.because === "named in the file" && spec.kind !== "tenant")
    return `Run pulumi up --refresh: the stack's memberships add ${person.login} back (file: ${intent.line}); if they should not have access, remove them from the file`;
  return `The file's rule matches ${person.login} (${intent.line}); check in the Okta console (Directory > Groups > Rules) that the group's rule is ACTIVE and does not exclude them: Okta excludes people removed by hand from a rule's group`;
}
