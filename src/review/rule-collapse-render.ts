import { countOf } from "../access/plural";
import { markdownCode, markdownNames, markdownText, NAMES_SHOWN } from "./markdown";
import type { LeftInGroup } from "./rule-collapse";

/*
 * The diff's critical warning for a step whose deleted home rules leave people in a tenant group
 * (rule-collapse.ts): which group, which rules go, the teams whose people keep it, who by name with
 * a directory snapshot, and the one way out that works for this step.
 */

/** "`duplo rw dev01 #1`, `duplo rw dev01 #2`", or the first and the last of many. */
function ruleNames(names: readonly string[]): string {
  const code = names.map(markdownCode);
  return code.length <= 3 ? code.join(", ") : `${code[0]} to ${code[code.length - 1]}`;
}

/** Okta's console step that takes one person out; after the `up` no rule manages them, so no rule's exclusion list grows. */
const byHand = (group: string) =>
  `after the \`up\`, Okta console, Directory > Groups > ${markdownCode(group)} > People, remove each of them (no rule manages them any more, so removing them puts them on no rule's exclusion list; \`npm run drift\` lists them as members outside the file)`;

function avoidance(left: LeftInGroup): string {
  const teams = left.teams.map((team) => markdownCode(team.team)).join(", ");
  if (left.avoid === "teams-first")
    return (
      `To avoid it: merge the change to ${left.teams.length === 1 ? "team" : "teams"} ${teams} first, in a pull request of its own, and the rest of this change after it. ` +
      `The group still needs those rules then, so each is updated in place, and Okta, re-applying a rule when the provider re-activates it after the update, takes out whom it no longer matches (Okta help, "Edit group rules"). ` +
      `Or, ${byHand(left.group)}.`
    );
  return (
    `The change to ${left.teams.length === 1 ? "team" : "teams"} ${teams} is itself what lets the group do without those rules (rules.ts splits a group by the length of all its terms), so no order of pull requests avoids it: ` +
    `${byHand(left.group)}.`
  );
}

function whoKeepsIt(left: LeftInGroup): string {
  if (left.people === undefined) return "Pass a directory snapshot (`--directory`) to see who by name.";
  if (left.people.length === 0) return "The directory snapshot shows nobody who keeps it today.";
  const more = left.people.length > NAMES_SHOWN ? " (`--json` lists everyone)" : "";
  return `The directory snapshot shows ${countOf(left.people.length, "person", "people")} keeping it: ${markdownNames(left.people)}${more}.`;
}

/** The warning lines for each group, each a Markdown quote ending in a blank line. */
export function leftInWarnings(groups: readonly LeftInGroup[] = []): string[] {
  return groups.flatMap((left) => {
    const lines = [
      `⚠️ **critical: people keep tenant ${markdownText(left.tenant)} ${left.level} (${markdownCode(left.group)}) after the \`up\` although this file no longer gives it to them.** ` +
        `The step deletes ${countOf(left.deletedRules.length, "rule")} of the group (${ruleNames(left.deletedRules)}) with their people left in (\`removeAssignedUsers: false\`, so that nobody \`rule-<group>\` still matches drops out), ` +
        `and Okta does not re-run the group's other rules on a deletion: whom those rules put in stays in the group, with its DuploCloud access, until taken out by hand. The teams whose people keep it:`,
      "",
      ...left.teams.map((team) => `- team ${markdownCode(team.team)}: ${markdownText(team.change)}`),
      "",
      whoKeepsIt(left),
      "",
      avoidance(left),
    ];
    return [...lines.map((line) => (line === "" ? ">" : `> ${line}`)), ""];
  });
}
