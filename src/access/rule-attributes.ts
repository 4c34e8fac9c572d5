import type { ParsedExpression } from "./expression";
import { fileRuleTexts } from "./rule-parsing";
import { nearestName } from "./nearest-name";
import { locateInScalar } from "./checks";
import { keyPathToString, type Problem } from "./problems";
import type { AccessSource } from "./source";
import type { AccessFile } from "./schema";

/**
 * The attributes of Okta's base user profile, which every org has: the properties of `UserProfile` in
 * okta/okta-management-openapi-spec (dist/current/management-minimal.yaml, components.schemas.UserProfile,
 * commit fdda229e). Group rules read them as `user.<attribute>`; anything else is a custom attribute the
 * org's profile must have been extended with, which the file declares (okta.customAttributes) or a
 * directory snapshot shows. Okta names attributes case-sensitively, as written here.
 */
export const OKTA_BASE_PROFILE_ATTRIBUTES: readonly string[] = [
  "city",
  "costCenter",
  "countryCode",
  "department",
  "displayName",
  "division",
  "email",
  "employeeNumber",
  "firstName",
  "honorificPrefix",
  "honorificSuffix",
  "lastName",
  "locale",
  "login",
  "manager",
  "managerId",
  "middleName",
  "mobilePhone",
  "nickName",
  "organization",
  "postalAddress",
  "preferredLanguage",
  "primaryPhone",
  "profileUrl",
  "secondEmail",
  "state",
  "streetAddress",
  "timezone",
  "title",
  "userType",
  "zipCode",
];

/**
 * Every `user.<attribute>` the rules read must be one the org has: a misspelled attribute is not an
 * error in Okta, it is a condition that never holds, so the group silently stays empty (or, after
 * `!=`, takes everyone). `extra`: custom attributes known from elsewhere (a directory snapshot).
 */
export function checkRuleAttributes(source: AccessSource, file: AccessFile, rules: ReadonlyMap<string, ParsedExpression>, extra: readonly string[] = []): Problem[] {
  const known = new Set([...OKTA_BASE_PROFILE_ATTRIBUTES, ...file.okta.customAttributes, ...extra]);
  const expressions = fileRuleTexts(file);
  const problems: Problem[] = [];
  for (const { path, text } of expressions) {
    for (const use of rules.get(text)?.attributeUses ?? []) {
      if (known.has(use.name)) continue;
      const near = nearestName(use.name, known);
      const hint = near ? `; did you mean ${near}?` : "";
      problems.push({
        file: source.file,
        ...locateInScalar(source, path, use.index),
        key: keyPathToString(path),
        message: `user.${use.name} is neither in Okta's base user profile nor under okta.customAttributes${hint} (a custom attribute of your org's profile goes under okta.customAttributes)`,
      });
    }
  }
  return problems;
}
