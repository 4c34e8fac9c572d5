import type { Finding, Who } from "../finding";
import type { Intent } from "../intended";
import type { LiveGroup, LivePerson } from "../live-state";

/**
 * A person the file's rule matches who is not in the group because they have not been activated
 * yet: Okta's rules leave people pending activation out (access/rule-statuses.ts). Information: the
 * group is right as it is, and Okta adds them once they are activated.
 */
export function pendingActivation(group: LiveGroup, person: LivePerson, who: Who, intent: Extract<Intent, { kind: "intended" }>): Finding {
  return {
    kind: "pending-activation",
    severity: "information",
    who,
    where: `group ${group.name}`,
    how: `the file's rule matches them (${intent.because}), and they are ${person.status}: Okta's rules skip people pending activation`,
    fix: `Nothing to do: ${person.login} gets access once activated (Okta evaluates the rule at ${intent.line} then)`,
  };
}
