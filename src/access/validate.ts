import { accessFileSchema, PLATFORM_ROLES, type AccessFile } from "./schema";
import { buildModel, type AccessModel } from "./model";
import { todayUtc } from "./dates";
import { accessFileWarnings, checkAccessFile, reporterInto } from "./checks";
import { checkDescriptionsWithReasons } from "./admin-role-checks";
import { schemaIssuesToProblems } from "./schema-issues";
import { loadAccessSource, locate, type AccessSource } from "./source";
import { MAX_GROUP_RULES, MAX_RULE_NAME_LENGTH } from "./okta-catalog";
import { AccessFileError, formatProblem, keyPathToString, sortProblems, type Problem } from "./problems";

export interface ValidateOptions {
  /** YYYY-MM-DD used for expiry checks. Default: ACCESS_TODAY from the environment, else today (UTC). */
  readonly today?: string;
  /** File contents, when they do not come from disk (e.g. a file at a git revision). */
  readonly text?: string;
  /** Folder a relative file name is read from (the project root, for the Pulumi program). Default: the working directory. */
  readonly baseDir?: string;
}

export type ValidationResult =
  /** `warnings`: allowed, but worth saying (an expired grant, left out of the model). */
  | { readonly ok: true; readonly model: AccessModel; readonly source: AccessSource; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export function resolveToday(today?: string): string {
  return today ?? process.env.ACCESS_TODAY ?? todayUtc();
}

/** Loads, validates and derives the model of one access file, reporting every problem at once. */
export function validateAccessFile(file: string, options: ValidateOptions = {}): ValidationResult {
  const loaded = loadAccessSource(file, options.text, options.baseDir);
  if (!loaded.ok) return { ok: false, problems: sortProblems(loaded.problems) };
  const { source } = loaded;
  const parsed = accessFileSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: sortProblems(schemaIssuesToProblems(source, parsed.error.issues)) };

  const today = resolveToday(options.today);
  const problems = checkAccessFile(source, parsed.data);
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };

  const model = buildModel(parsed.data, today);
  const limitProblems = checkRuleLimits(source, parsed.data, model);
  checkDescriptionsWithReasons(parsed.data, model, reporterInto(source, limitProblems));
  if (limitProblems.length > 0) return { ok: false, problems: sortProblems(limitProblems) };
  const warnings = sortProblems(accessFileWarnings(source, parsed.data, today));
  const namedLines = everyPlaceNamed(source, parsed.data);
  const namedAt = new Map([...namedLines].map(([person, places]) => [person, places[0]!]));
  return { ok: true, model: { ...model, namedAt, namedLines }, source, warnings };
}

/**
 * Like validateAccessFile, but throws AccessFileError; for the Pulumi program, where a throw stops
 * the update. `warn` receives each warning (the program passes pulumi.log.warn).
 */
export function loadAccessModel(file: string, options: ValidateOptions = {}, warn: (message: string) => void = () => {}): AccessModel {
  const result = validateAccessFile(file, options);
  if (!result.ok) throw new AccessFileError(result.problems);
  for (const warning of result.warnings) warn(formatProblem(warning));
  return result.model;
}

/** Every place each person is named as a member or owner (`access/dev.yaml:12:14`), in file order of roles then teams. */
function everyPlaceNamed(source: AccessSource, file: AccessFile): Map<string, string[]> {
  const at = new Map<string, string[]>();
  const note = (people: readonly string[], path: PropertyKey[]) =>
    people.forEach((person, i) => {
      const key = person.toLowerCase();
      const { line, column } = locate(source, [...path, i]);
      at.set(key, [...(at.get(key) ?? []), `${source.file}:${line}:${column}`]);
    });
  for (const role of PLATFORM_ROLES) {
    note(file.roles[role].members, ["roles", role, "members"]);
    note(file.roles[role].owners, ["roles", role, "owners"]);
  }
  file.teams.forEach((team, t) => {
    note(team.members, ["teams", t, "members"]);
    note(team.owners, ["teams", t, "owners"]);
  });
  return at;
}

/** Okta limits that only the derived rules reveal. */
function checkRuleLimits(source: AccessSource, file: AccessFile, model: AccessModel): Problem[] {
  const problems: Problem[] = [];
  const teamIndex = new Map(file.teams.map((team, index) => [team.name, index]));
  // Only a team's rule name can pass the limit: role rules are "duplo role <role>", and tenant rules
  // "duplo rw <tenant>" with at most a 30-character tenant and a 7-character split suffix.
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
