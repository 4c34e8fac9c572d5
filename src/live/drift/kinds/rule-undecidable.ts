import type { Finding, Who } from "../finding";
import type { Intent } from "../intended";
import type { LiveGroup, LivePerson } from "../live-state";

/** A member of a rule-filled group of the stack for whom the file's rule cannot be evaluated. */
export function ruleUndecidable(group: LiveGroup, person: LivePerson, who: Who, via: string, intent: Extract<Intent, { kind: "undecided" }>): Finding {
  return {
    kind: "rule-undecidable",
    severity: "warning",
    who,
    where: `group ${group.name}`,
    how: `${via}; the file's rule cannot be decided: ${intent.reason}`,
    fix: `Check by hand whether the rule at ${intent.line} is meant to match ${person.login}, or rewrite it so that it can be evaluated`,
  };
}
