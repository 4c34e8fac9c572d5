import type { GroupSpec } from "../../../access/model";
import { widens, type DuploMeaning } from "../duplo-meaning";
import { removeFromGroupByHand, type Finding, type Who } from "../finding";
import type { Intent } from "../intended";
import type { LiveGroup, LivePerson } from "../live-state";

/**
 * A person in a group of the stack whom the file's rule leaves out (`except`): Okta never adds them
 * through the rule, so someone put them there (by hand, the API, or a rule outside the file).
 */
export function exceptedMember(
  spec: GroupSpec,
  meaning: DuploMeaning | undefined,
  group: LiveGroup,
  person: LivePerson,
  who: Who,
  via: string,
  intent: Extract<Intent, { kind: "excepted" }>,
): Finding {
  return {
    kind: "excepted-member",
    severity: widens(spec, meaning) ? "critical" : "warning",
    who,
    where: `group ${group.name}`,
    how: `${via}; the file excepts them: ${intent.because}`,
    fix: `${removeFromGroupByHand(group.name, person.login)}. ` + `To keep: remove ${person.login} from except (${intent.line})`,
  };
}
