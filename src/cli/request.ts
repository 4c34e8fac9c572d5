/*
 * npm run request -- --stack dev --person LOGIN (--tenant T --level L | --role R) --hours N --reason "..." [--requested-by WHO]
 * Writes a time-bound grant for one person into the stack's access file (`temporaryAccess:`), adding
 * lines and changing none, for a pull request the owners of that access approve.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { addTemporaryEntry } from "../access/file-edits";
import { endSaid, minuteText } from "../access/dates";
import { validateAccessFile } from "../access/validate";
import { ACCESS_LEVELS, PLATFORM_ROLES, type AccessLevel, type PlatformRoleName } from "../access/vocabulary";
import { approversOf, targetSaid, type TemporaryGrant } from "../access/temporary-access";
import { clockExpiry, now } from "../config/clock";
import { accessFileOfStack, EXIT_FINDINGS, EXIT_OK, parseCommandLine, printProblems, runCommand, UsageError } from "./common";

const USAGE = `usage: npm run request -- --stack dev --person LOGIN (--tenant TENANT --level read-write|read-only | --role ${PLATFORM_ROLES.join("|")}) --hours N --reason "..." [--requested-by WHO]
  --stack          the stack whose access file gets the grant (default: dev)
  --person         the person's Okta login (email)
  --tenant/--level a tenant of duplocloud.tenants at a level; or --role, a platform role
  --hours          how long, in whole hours from now (the clock, or ACCESS_NOW); at most the file's temporaryAccessLimits
  --reason         why (at least 10 characters): reviewers and auditors read it
  --requested-by   who asks (written as requestedBy)`;

const HOUR_MS = 60 * 60 * 1000;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      stack: { type: "string", default: "dev" },
      person: { type: "string" },
      tenant: { type: "string" },
      level: { type: "string" },
      role: { type: "string" },
      hours: { type: "string" },
      reason: { type: "string" },
      "requested-by": { type: "string" },
    },
    USAGE,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}\n${USAGE}`);
  if (!values.person) throw new UsageError(`--person is required\n${USAGE}`);
  if (!values.reason) throw new UsageError(`--reason is required: say why, for the reviewers\n${USAGE}`);
  const hours = Number(values.hours);
  if (!values.hours || !/^[1-9][0-9]*$/.test(values.hours)) throw new UsageError(`--hours takes a whole number of hours, not "${values.hours ?? ""}"\n${USAGE}`);
  let target: TemporaryGrant["target"];
  if (values.role !== undefined) {
    if (values.tenant !== undefined || values.level !== undefined) throw new UsageError(`give --role, or --tenant and --level, not both\n${USAGE}`);
    if (!(PLATFORM_ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${PLATFORM_ROLES.join(", ")}, not "${values.role}"`);
    target = { kind: "role", role: values.role as PlatformRoleName };
  } else {
    if (values.tenant === undefined || values.level === undefined) throw new UsageError(`give --tenant and --level (or --role)\n${USAGE}`);
    if (!(ACCESS_LEVELS as readonly string[]).includes(values.level)) throw new UsageError(`--level must be read-write or read-only, not "${values.level}"`);
    target = { kind: "tenant", tenant: values.tenant, level: values.level as AccessLevel };
  }

  const file = accessFileOfStack(values.stack);
  const before = readFileSync(file, "utf8");
  // An end to the minute, never later than the hours asked for.
  const expires = minuteText(Date.parse(now()) + hours * HOUR_MS);
  const entry = {
    person: values.person,
    target: target.kind === "role" ? { role: target.role } : { tenant: target.tenant, level: target.level },
    expires,
    reason: values.reason,
    ...(values["requested-by"] !== undefined ? { requestedBy: values["requested-by"] } : {}),
  };
  let after: string;
  try {
    after = addTemporaryEntry(before, entry);
  } catch (error) {
    process.stderr.write(`${file}: ${(error as Error).message}\n`);
    return EXIT_FINDINGS;
  }
  // The file is written only when it still validates: the limits, the tenant, the reason's length.
  const result = validateAccessFile(file, { text: after, expiry: clockExpiry() });
  if (!result.ok) {
    printProblems(result.problems);
    process.stderr.write(`${file} is unchanged: the request does not validate.\n`);
    return EXIT_FINDINGS;
  }
  writeFileSync(file, after);
  const approvers = approversOf(result.model, target);
  process.stdout.write(
    `${file}: ${values.person} gets ${targetSaid(target)} until ${endSaid(expires)} (${hours}h), for: ${values.reason}\n` +
      `Open a pull request with this change; approval needed from: ${approvers.length > 0 ? approvers.join(", ") : "(nobody is named: add owners to the teams or the administrators)"}\n`,
  );
  return EXIT_OK;
}

if (require.main === module) runCommand(main);
