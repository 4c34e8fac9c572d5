import type { Finding, Who } from "../finding";
import type { Intent } from "../intended";
import type { LiveGroup, LivePerson } from "../live-state";

/** A deactivated person still in a group DuploCloud reads: Okta keeps them there. */
export function deactivatedMember(group: LiveGroup, person: LivePerson, who: Who, via: string, intent: Intent | undefined): Finding {
  const file = intent?.kind === "intended" && intent.because === "named in the file" ? `, and remove them from the file (${intent.line})` : "";
  return {
    kind: "deactivated-member",
    severity: "information",
    who,
    where: `group ${group.name}`,
    how: via,
    fix: `Okta keeps deactivated people in their groups: remove ${person.login} from ${group.name} in the Okta console (Directory > Groups > ${group.name} > People)${file}`,
  };
}
