import type { DriftInput, Finding, Who } from "../finding";
import type { LivePerson } from "../live-state";

/** API tokens in the org that the file does not declare: each acts with its owner's admin roles. */
export function tokenFindings(input: DriftInput, people: ReadonlyMap<string, LivePerson>, whoOf: (person: LivePerson) => Who): Finding[] {
  const declared = new Set(input.model.apiTokens.map((token) => token.id));
  return input.live.apiTokens
    .filter((token) => !declared.has(token.id))
    .map((token) => {
      const owner = people.get(token.userId);
      return {
        kind: "api-token-outside-file" as const,
        severity: "critical" as const,
        ...(owner ? { who: whoOf(owner) } : {}),
        where: `API token ${token.name} (${token.id})`,
        how: `created in the console by ${owner?.login ?? `user ${token.userId}`}; it acts with that admin's roles`,
        fix: `To keep: add { name: ${token.name}, id: ${token.id}, userId: ${token.userId} } under apiAccess.apiTokens (${input.lines.at(["apiAccess"])}). To undo: Okta console, Security > API > Tokens: revoke ${token.name} once its owner agrees`,
      };
    });
}
