import type { AccessModel, GroupSpec } from "../../../access/model";
import type { DuploMeaning } from "../duplo-meaning";
import type { Finding } from "../finding";
import type { LiveState } from "../live-state";

/** An active rule the stack did not make that fills a group DuploCloud reads or a platform role's group. */
export function ruleFindings(model: AccessModel, live: LiveState, meaningOf: (name: string) => DuploMeaning | undefined, stackGroups: ReadonlyMap<string, GroupSpec>): Finding[] {
  const stackRuleNames = new Set(model.rules.map((rule) => rule.name));
  const names = new Map(live.groups.map((group) => [group.id, group.name]));
  const findings: Finding[] = [];
  for (const rule of live.rules) {
    if (rule.status !== "ACTIVE" || stackRuleNames.has(rule.name)) continue;
    const targets = rule.groupIds.flatMap((id) => {
      const name = names.get(id);
      const meaning = name ? meaningOf(name) : undefined;
      return name && (meaning || stackGroups.get(name)?.kind === "platform-role") ? [{ name, meaning }] : [];
    });
    if (targets.length === 0) continue;
    const critical = targets.some(
      ({ meaning }) => (meaning?.kind === "role" && meaning.role === "administrators") || (meaning?.kind === "tenant" && meaning.level === "read-write"),
    );
    findings.push({
      kind: "rule-outside-file",
      severity: critical ? "critical" : "warning",
      where: `rule ${rule.id} (${rule.name}) into ${targets.map((target) => target.name).join(", ")}`,
      how: `created outside the stack: ${rule.expression}`,
      fix: `To keep: give the condition to a team with access to those tenants in the file (teams[].rule and access). To undo: Okta console, Directory > Groups > Rules > ${rule.name}: deactivate, then delete it`,
    });
  }
  return findings;
}
