import type { GroupSpec } from "../../../access/model";
import type { AccessPath, DriftInput, Finding, Who } from "../finding";
import type { LivePerson } from "../live-state";
import { appMissing } from "./app-missing";

/** Groups and people assigned to the DuploCloud app outside the stack; the app's absence when it is not there. */
export function appFindings(
  input: DriftInput,
  people: ReadonlyMap<string, LivePerson>,
  stackGroups: ReadonlyMap<string, GroupSpec>,
  whoOf: (person: LivePerson) => Who,
  addPath: (person: LivePerson, path: AccessPath) => void,
): Finding[] {
  const app = input.live.app;
  if (!app) return [appMissing(input)];
  const findings: Finding[] = [];
  for (const group of app.groups) {
    const spec = stackGroups.get(group.name);
    if (spec?.grantsDuploAccess) continue;
    findings.push({
      kind: "app-assignment-outside-file",
      severity: "warning",
      where: `app ${app.label}, group ${group.name || group.id}`,
      how: "assigned outside the stack",
      fix: `To keep: the stack assigns the app to the groups that grant DuploCloud access; grant the access in the file instead (teams[].access or a platform role). To undo: Okta console, Applications > ${app.label} > Assignments: remove ${group.name || group.id}`,
    });
  }
  for (const userId of app.directUserIds ?? []) {
    const person = people.get(userId);
    if (!person) continue;
    addPath(person, { target: `app ${app.label}`, level: "sign-in", path: "assigned one by one", declared: false, line: "", owners: [] });
    findings.push({
      kind: "app-assignment-outside-file",
      severity: "warning",
      who: whoOf(person),
      where: `app ${app.label}`,
      how: "assigned to the person directly",
      fix: `To keep: give ${person.login} access through a group in the file. To undo: Okta console, Applications > ${app.label} > Assignments: remove ${person.login}`,
    });
  }
  return findings;
}
