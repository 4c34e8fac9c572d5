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
import { accessFileOfStack, EXIT_FINDINGS, EXIT_OK, parseCommandLine, printProblems, runCommand, UsageError, type CommandSpec } from "./common";

export const COMMAND = {
  name: "request",
  summary:
    "Writes a time-bound grant for one person into the stack's access file (temporaryAccess), adding lines and changing none, within the file's limit; prints who approves it.",
  flags: {
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack whose access file gets the grant" },
    person: { type: "string", value: "LOGIN", description: "required: the person's Okta login (email)" },
    tenant: { type: "string", value: "TENANT", description: "a tenant of duplocloud.tenants (with --level)" },
    level: { type: "string", value: "read-write|read-only", description: "the level of --tenant" },
    role: { type: "string", value: PLATFORM_ROLES.join("|"), description: "or a platform role instead of --tenant and --level" },
    hours: { type: "string", value: "N", description: "required: how long, in whole hours from now (the clock, or ACCESS_NOW); at most the file's temporaryAccessLimits" },
    reason: { type: "string", value: "TEXT", description: "required: why (at least 10 characters); reviewers and auditors read it" },
    "requested-by": { type: "string", value: "WHO", description: "who asks (written as requestedBy)" },
  },
} satisfies CommandSpec;

const HOUR_MS = 60 * 60 * 1000;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  if (!values.person) throw new UsageError(`--person is required (npm run request -- --help describes every flag)`);
  if (!values.reason) throw new UsageError(`--reason is required: say why, for the reviewers (npm run request -- --help describes every flag)`);
  const hours = Number(values.hours);
  if (!values.hours || !/^[1-9][0-9]*$/.test(values.hours))
    throw new UsageError(`--hours takes a whole number of hours, not "${values.hours ?? ""}" (npm run request -- --help describes every flag)`);
  let target: TemporaryGrant["target"];
  if (values.role !== undefined) {
    if (values.tenant !== undefined || values.level !== undefined)
      throw new UsageError(`give --role, or --tenant and --level, not both (npm run request -- --help describes every flag)`);
    if (!(PLATFORM_ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${PLATFORM_ROLES.join(", ")}, not "${values.role}"`);
    target = { kind: "role", role: values.role as PlatformRoleName };
  } else {
    if (values.tenant === undefined || values.level === undefined) throw new UsageError(`give --tenant and --level (or --role) (npm run request -- --help describes every flag)`);
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
