/*
 * npm run plan [-- --stack dev] [--directory SNAPSHOT] [--json]
 * The offline plan: the real program under Pulumi's mock engine, no CLI and no credentials. Its
 * people look-ups answer ACTIVE; with --directory (a snapshot from npm run directory, or an Okta CSV
 * export) they answer each person's status from it, so the plan shows who is left out or warned.
 */
import { AccessFileError } from "../access/problems";
import { planStack, type OfflinePlan, type PlannedResource } from "../plan/offline";
import { accessFileOfStack, EXIT_FINDINGS, EXIT_OK, loadSnapshot, parseCommandLine, printProblems, PROJECT_DIR, runCommand, type CommandSpec } from "./common";
import { byText } from "../access/text-order";
import { SECRET_SHOWN_AS } from "../config/secret-placeholder";

export const COMMAND = {
  name: "plan",
  summary:
    "The offline plan: the real program under Pulumi's mock engine, no Okta org and no credentials. Lists what pulumi up would create, grouped by resource type, then the people looked up and those who cannot sign in.",
  flags: {
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack to plan (Pulumi.<stack>.yaml)" },
    directory: { type: "string", value: "SNAPSHOT", description: "a directory snapshot (npm run directory) or Okta CSV export: people's statuses from it (else everyone ACTIVE)" },
    json: { type: "boolean", default: false, description: 'print only {"resources":[{type, name, inputs}], "lookups", "peopleWarnings"}' },
  },
} satisfies CommandSpec;
const MAX_VALUE_WIDTH = 100;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  // People the snapshot does not hold are answered ACTIVE, as without one.
  const statuses = values.directory ? Object.fromEntries(loadSnapshot(values.directory).users.map((user) => [user.login.toLowerCase(), user.status])) : {};
  // Resolves the stack's files once more, for the warning when git converts them (the plan reads them as they are).
  accessFileOfStack(values.stack!);
  let plan: OfflinePlan;
  try {
    plan = await planStack(PROJECT_DIR, values.stack!, statuses);
  } catch (error) {
    if (error instanceof AccessFileError) {
      printProblems(error.problems);
      process.stderr.write(`stack ${values.stack}: the access file does not validate; nothing was planned\n`);
      return EXIT_FINDINGS;
    }
    throw error;
  }
  process.stdout.write(values.json ? `${JSON.stringify({ resources: plan.resources, lookups: plan.lookups, peopleWarnings: plan.peopleWarnings }, null, 2)}\n` : renderPlan(plan));
  return EXIT_OK;
}

/** Human-readable plan: resources grouped by type, each with its inputs on one line. */
export function renderPlan(plan: OfflinePlan): string {
  const byType = new Map<string, PlannedResource[]>();
  for (const resource of plan.resources) byType.set(resource.type, [...(byType.get(resource.type) ?? []), resource]);
  const lines = [`Offline plan for stack ${plan.stack}: ${plan.resources.length} resources to create (Pulumi mock engine; secrets shown as ${SECRET_SHOWN_AS})`, ""];
  for (const [type, resources] of [...byType].sort(([a], [b]) => byText(a, b))) {
    lines.push(`${type} (${resources.length})`);
    for (const resource of resources) {
      const inputs = Object.entries(resource.inputs).map(([key, value]) => `${key}=${shorten(JSON.stringify(value))}`);
      lines.push(`  + ${resource.name}${inputs.length > 0 ? `  ${inputs.join(" ")}` : ""}`);
    }
    lines.push("");
  }
  const { logins, calls } = plan.lookups;
  lines.push(`Looked up in Okta, not managed (${logins.length} people, ${calls} look-up${calls === 1 ? "" : "s"}; each must exist or the preview fails):`);
  lines.push(...(logins.length > 0 ? logins.map((login) => `  ? ${login}`) : ["  (nobody)"]), "");
  lines.push(
    `People who cannot sign in now (${plan.peopleWarnings.length} warning${plan.peopleWarnings.length === 1 ? "" : "s"}; DEPROVISIONED people are left out, the deploy goes on; statuses from --directory, else everyone ACTIVE):`,
  );
  lines.push(...(plan.peopleWarnings.length > 0 ? plan.peopleWarnings.map((warning) => `  ! ${warning}`) : ["  (nobody)"]), "");
  return `${lines.join("\n")}`;
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_WIDTH ? `${text.slice(0, MAX_VALUE_WIDTH - 3)}...` : text;
}

if (require.main === module) runCommand(main);
