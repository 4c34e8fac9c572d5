import { accessFileSchema, type AccessFile } from "./schema";
import { buildModel, type AccessModel } from "./model";
import type { Expiry } from "./dates";
import { parseFileRules } from "./rule-parsing";
import { accessFileWarnings, checkAccessFile } from "./checks";
import { reporterInto } from "./problem-reporter";
import { checkTemporaryAccess, checkTemporaryNotesFit, temporaryAccessWarnings } from "./temporary-checks";
import { checkDescriptionsWithReasons } from "./admin-role-checks";
import { schemaIssuesToProblems } from "./schema-issues";
import { loadAccessSource, locate, type AccessSource } from "./source";
import { parsedParts } from "./parsed-parts";
import { checkRuleAttributes } from "./rule-attributes";
import { loginSpellingWarnings } from "./login-spellings";
import type { ParsedExpression } from "./expression";
import { MAX_GROUP_RULES, MAX_RULE_NAME_LENGTH } from "./okta-catalog";
import { AccessFileError, formatProblem, keyPathToString, sortProblems, type Problem } from "./problems";

export interface ValidateOptions {
  /** How grants' end dates count: as of a day the caller gives (config/clock.ts reads it), or not at all. */
  readonly expiry: Expiry;
  /** File contents, when they do not come from disk (e.g. a file at a git revision). */
  readonly text?: string;
  /** Folder a relative file name is read from (the project root, for the Pulumi program). Default: the working directory. */
  readonly baseDir?: string;
  /** Custom profile attributes known besides the file's okta.customAttributes: those a directory snapshot holds (validate --directory). */
  readonly profileAttributes?: readonly string[];
}

export type ValidationResult =
  /** `warnings`: allowed, but worth saying (an expired grant, left out of the model). */
  | { readonly ok: true; readonly model: AccessModel; readonly source: AccessSource; readonly warnings: readonly Problem[] }
  /** `warnings`: those found besides the problems (logins written two ways); none when the file could not be read or parsed. */
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly warnings: readonly Problem[] };

/** Loads, validates and derives the model of one access file, reporting every problem at once. */
export function validateAccessFile(file: string, options: ValidateOptions): ValidationResult {
  const loaded = loadAccessSource(file, options.text, options.baseDir);
  if (!loaded.ok) return { ok: false, problems: sortProblems(loaded.problems), warnings: [] };
  const { source } = loaded;
  const parsed = accessFileSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) {
    // The checks still run on the parts the schema accepted (parsed-parts.ts): every problem at once.
    const refused = schemaIssuesToProblems(source, parsed.error.issues);
    const parts = parsedParts(source, parsed.error.issues);
    if (!parts) return { ok: false, problems: sortProblems(refused), warnings: [] };
    const inFile = (problems: readonly Problem[]) => problems.flatMap((problem) => parts.inFile(problem) ?? []);
    const checked = inFile(fileChecks(parts.source, parts.file, parseFileRules(parts.file), options));
    return { ok: false, problems: sortProblems([...refused, ...checked]), warnings: sortProblems(inFile(loginSpellingWarnings(parts.source, parts.file))) };
  }

  const rules = parseFileRules(parsed.data);
  const problems = fileChecks(source, parsed.data, rules, options);
  const loginWarnings = loginSpellingWarnings(source, parsed.data);
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems), warnings: sortProblems(loginWarnings) };

  const model = buildModel(source, parsed.data, options.expiry, rules);
  const limitProblems = checkRuleLimits(source, parsed.data, model);
  checkDescriptionsWithReasons(parsed.data, model, reporterInto(source, limitProblems));
  checkTemporaryNotesFit(model, reporterInto(source, limitProblems));
  if (limitProblems.length > 0) return { ok: false, problems: sortProblems(limitProblems), warnings: sortProblems(loginWarnings) };
  const warnings = sortProblems([
    ...accessFileWarnings(source, parsed.data, options.expiry),
    ...temporaryAccessWarnings(source, parsed.data, options.expiry),
    ...loginWarnings,
  ]);
  return { ok: true, model, source, warnings };
}

/** The checks that read the file as a whole, on values the schema accepted. */
function fileChecks(source: AccessSource, file: AccessFile, rules: ReadonlyMap<string, ParsedExpression>, options: ValidateOptions): Problem[] {
  return [
    ...checkAccessFile(source, file, rules),
    ...checkRuleAttributes(source, file, rules, options.profileAttributes),
    ...checkTemporaryAccess(source, file, options.expiry),
  ];
}

/**
 * Like validateAccessFile, but throws AccessFileError; for the Pulumi program, where a throw stops
 * the update. `warn` receives each warning (the program passes pulumi.log.warn).
 */
export function loadAccessModel(file: string, options: ValidateOptions, warn: (message: string) => void = () => {}): AccessModel {
  const result = validateAccessFile(file, options);
  if (!result.ok) throw new AccessFileError(result.problems);
  for (const warning of result.warnings) warn(formatProblem(warning));
  return result.model;
}

/** Okta limits that only the derived rules reveal. */
function checkRuleLimits(source: AccessSource, file: AccessFile, model: AccessModel): Problem[] {
  const problems: Problem[] = [];
  const teamIndex = new Map(file.teams.map((team, index) => [team.name, index]));
  // Only a team's rule name can pass the limit: role rules are "duplo role <role>", and tenant rules
  // "duplo rw <tenant>" with at most a 30-character tenant and a split suffix of at most 10 (" #" and
  // a home path of at most eight hex digits, rules.ts).
  const pathOfTeamRule = (groupKey: string): PropertyKey[] => {
    const group = model.groups.find((g) => g.key === groupKey);
    return group?.kind === "team" ? ["teams", teamIndex.get(group.team)!, "name"] : ["teams"];
  };
  for (const rule of model.rules) {
    if ([...rule.name].length > MAX_RULE_NAME_LENGTH) {
      const path = pathOfTeamRule(rule.targetGroupKey);
      problems.push({ file: source.file, ...locate(source, path), key: keyPathToString(path), message: `makes the rule name "${rule.name}", longer than Okta's ${MAX_RULE_NAME_LENGTH} characters; shorten the name` });
    }
  }
  // Every rule targets exactly one group by design (rules.ts), so Okta's 100-targets limit cannot be reached.
  if (model.rules.length > MAX_GROUP_RULES) {
    problems.push({ file: source.file, ...locate(source, ["teams"], "key"), key: "teams", message: `needs ${model.rules.length} group rules, more than Okta's ${MAX_GROUP_RULES} per org; fill more teams by explicit members or merge teams with the same condition` });
  }
  return problems;
}
