import { parseGroupRuleExpression, type ParsedExpression } from "./expression";
import { PLATFORM_ROLES, type AccessFile } from "./schema";
import type { ParsedRule } from "./model-types";

/** Every rule the file writes (the roles' and teams' `rule`), with the key path it is written at, in file order. */
export function fileRuleTexts(file: AccessFile): Array<{ path: PropertyKey[]; text: string }> {
  const expressions: Array<{ path: PropertyKey[]; text: string }> = [];
  for (const role of PLATFORM_ROLES) {
    const spec = file.roles[role];
    if ("rule" in spec && spec.rule) expressions.push({ path: ["roles", role, "rule"], text: spec.rule });
  }
  file.teams.forEach((team, t) => {
    if (team.rule) expressions.push({ path: ["teams", t, "rule"], text: team.rule });
  });
  return expressions;
}

/**
 * Every distinct rule expression the file writes (the roles' and teams' `rule`), parsed once, by
 * its text: validation reports their errors from this, and the model carries the valid ones
 * (`parsedRules`), so no consumer parses them again. Teams often write the same condition: it is
 * parsed once however many groups use it.
 */
export function parseFileRules(file: AccessFile): ReadonlyMap<string, ParsedExpression> {
  const texts = fileRuleTexts(file).map((rule) => rule.text);
  return new Map([...new Set(texts)].map((text) => [text, parseGroupRuleExpression(text)]));
}

/** The rules that parsed without errors, as the model carries them; validation has refused a file with any other. */
export function validRules(parsed: ReadonlyMap<string, ParsedExpression>): ReadonlyMap<string, ParsedRule> {
  return new Map([...parsed].flatMap(([text, { tree, attributes, groupReferences }]) => (tree ? [[text, { tree, attributes, groupReferences }] as const] : [])));
}
