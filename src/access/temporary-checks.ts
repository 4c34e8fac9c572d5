import type { AccessFile } from "./schema";
import { endOf, endSaid, instantOf, isGrantActive, minuteText, whenSaid, type Expiry } from "./dates";
import { reporterInto, type Report } from "./problem-reporter";
import type { AccessModel } from "./model-types";
import type { Problem } from "./problems";
import type { AccessSource } from "./source";
import { hoursOf, limitHours, MAX_TEMPORARY_LIMIT_HOURS, TEMPORARY_NOTE_PATTERN, TEMPORARY_TARGETS } from "./temporary-access";

const HOUR_MS = 60 * 60 * 1000;

/**
 * The checks of `temporaryAccess` and its limits. A grant ends at most its limit after `expiry`'s
 * instant: when a pull request is validated (and again when it is deployed), a grant can reach no
 * further than the limit. Under "ignore" (a revision merged earlier) only the form is checked.
 */
export function checkTemporaryAccess(source: AccessSource, file: AccessFile, expiry: Expiry): Problem[] {
  const problems: Problem[] = [];
  const report = reporterInto(source, problems);
  for (const target of TEMPORARY_TARGETS) {
    const written = file.temporaryAccessLimits[target];
    if (written !== undefined && hoursOf(written) > MAX_TEMPORARY_LIMIT_HOURS)
      report(["temporaryAccessLimits", target], `${written} is longer than ${MAX_TEMPORARY_LIMIT_HOURS}h (a week), the most temporary access may run; give lasting access through a team`);
  }
  const tenants = new Set(file.duplocloud.tenants);
  const seen = new Map<string, number>();
  const now = instantOf(expiry);
  file.temporaryAccess.forEach((grant, g) => {
    const at = (key: string) => ["temporaryAccess", g, key];
    const byTenant = grant.tenant !== undefined || grant.level !== undefined;
    if (byTenant === (grant.role !== undefined) || (byTenant && (grant.tenant === undefined || grant.level === undefined))) {
      report(["temporaryAccess", g], "give either tenant and level (e.g. tenant: dev01, level: read-only) or role (e.g. role: readOnly), not both and not one of tenant and level alone", "key");
      return;
    }
    if (grant.tenant !== undefined && !tenants.has(grant.tenant)) report(at("tenant"), `tenant "${grant.tenant}" is not listed under duplocloud.tenants (${file.duplocloud.tenants.join(", ")}); add it there or fix the name`);
    const target = grant.role ?? grant.level!;
    const what = grant.role !== undefined ? `role ${grant.role}` : `tenant ${grant.tenant} ${grant.level}`;
    const key = `${grant.person.toLowerCase()}|${what}`;
    const first = seen.get(key);
    if (first !== undefined) report(at("person"), `${grant.person} already has temporary ${what} at temporaryAccess[${first}]; keep one entry`);
    else seen.set(key, g);
    if (now === undefined || !isGrantActive(grant.expires, expiry)) return;
    const limit = Math.min(limitHours(file.temporaryAccessLimits, target), MAX_TEMPORARY_LIMIT_HOURS);
    if (endOf(grant.expires) - now > limit * HOUR_MS) {
      const source = file.temporaryAccessLimits[target] !== undefined ? "temporaryAccessLimits" : "the default";
      report(
        at("expires"),
        `ends ${endSaid(grant.expires)}, more than ${limit}h after now (${minuteText(now)}); temporary ${target} lasts at most ${limit}h (${source}): end it by ${minuteText(now + limit * HOUR_MS).replace("T", " ").replace("Z", " UTC")}`,
      );
    }
  });
  return problems;
}

/** Warnings: temporary grants that have ended (left out of the model until npm run expiring -- --prune removes them). */
export function temporaryAccessWarnings(source: AccessSource, file: AccessFile, expiry: Expiry): Problem[] {
  const warnings: Problem[] = [];
  if (expiry === "ignore") return warnings;
  const warn = reporterInto(source, warnings);
  file.temporaryAccess.forEach((grant, g) => {
    if (isGrantActive(grant.expires, expiry)) return;
    const what = grant.role !== undefined ? `role ${grant.role}` : `tenant ${grant.tenant} (${grant.level})`;
    warn(["temporaryAccess", g, "expires"], `the temporary ${what} of ${grant.person} ended at ${endSaid(grant.expires)} (${whenSaid(expiry)}); it is left out, so the next pulumi up takes it away; npm run expiring -- --prune removes the entry`);
  });
  return warnings;
}

/** Okta's limit on a group description (docs/reference/okta.md, "Limits"). */
const MAX_DESCRIPTION_LENGTH = 1024;

/** A group whose description, with a note per running temporary grant, passes Okta's limit: refused at `temporaryAccess`. */
export function checkTemporaryNotesFit(model: AccessModel, report: Report): void {
  for (const group of model.groups) {
    if (group.description.length > MAX_DESCRIPTION_LENGTH && TEMPORARY_NOTE_PATTERN.test(group.description))
      report(["temporaryAccess"], `gives group ${group.name} so many temporary holders that its description (${group.description.length} characters, one note each) passes Okta's ${MAX_DESCRIPTION_LENGTH}; give that access through a team`, "key");
    TEMPORARY_NOTE_PATTERN.lastIndex = 0;
  }
}
