import { parseGroupRuleExpression, type ParsedExpression } from "./expression";
import { PLATFORM_ROLES, type AccessFile } from "./schema";
import type { ParsedRule } from "./model-types";

/**
 * Every distinct rule expression the file writes (the roles' and teams' `rule`), parsed once, by
 * its text: validation reports their errors from this, and the model carries the valid ones
 * (`parsedRules`), so no consumer parses them again. Teams often write the same condition: it is
 * parsed once however many groups use it.
 */
export function parseFileRules(file: AccessFile): ReadonlyMap<string, ParsedExpression> {
  const texts: string[] = [];
  for (const role of PLATFORM_ROLES) {
    const spec = file.roles[role];
    if ("rule" in spec && spec.rule) texts.push(spec.rule);
  }
  for (const team of file.teams) if (team.rule) texts.push(team.rule);
  return new Map([...new Set(texts)].map((text) => [text, parseGroupRuleExpression(text)]));
}

/** The rules that parsed without errors, as the model carries them; validation has refused a file with any other. */
export function validRules(parsed: ReadonlyMap<string, ParsedExpression>): ReadonlyMap<string, ParsedRule> {
  return new Map([...parsed].flatMap(([text, { tree, attributes, groupReferences }]) => (tree ? [[text, { tree, attributes, groupReferences }] as const] : [])));
}
