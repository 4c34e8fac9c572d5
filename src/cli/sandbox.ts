/*
 * npm run sandbox [-- --stack dev]
 * Serves an Okta org and a DuploCloud portal on 127.0.0.1 (ports chosen by the system), as the
 * stack's first `pulumi up` leaves them plus a few changes made by hand, and prints the four
 * `export` lines that point the read-only commands at them, then the commands to try. Stays up
 * until interrupted (Ctrl-C, SIGTERM). See docs/sandbox.md.
 */
import { startSandbox, type Sandbox } from "../sandbox";
import { parseCommandLine, runCommand, EXIT_OK, type CommandSpec } from "./common";

export const COMMAND = {
  name: "sandbox",
  summary:
    "Serves an Okta org and a DuploCloud portal on 127.0.0.1, as the stack's first pulumi up leaves them plus changes made by hand; prints the export lines for the live commands and stays up until interrupted.",
  flags: {
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack whose first pulumi up is served" },
  },
} satisfies CommandSpec;

/** What the sandbox prints first: the four lines a shell can `eval` or paste. */
export function exportLines(sandbox: Pick<Sandbox, "oktaOrgUrl" | "oktaApiToken" | "duploHost" | "duploToken">): string[] {
  return [
    `export OKTA_ORG_URL=${sandbox.oktaOrgUrl}`,
    `export OKTA_API_TOKEN=${sandbox.oktaApiToken}`,
    `export DUPLO_HOST=${sandbox.duploHost}`,
    `export DUPLO_TOKEN=${sandbox.duploToken}`,
  ];
}

export function commandsToTry(stack: string, consoleChanges: readonly string[]): string {
  return `
Paste the four lines above into another shell, then try (read-only, all of them):
  npm run drift -- --stack ${stack} --org-url "$OKTA_ORG_URL" --host "$DUPLO_HOST"
  npm run drift -- --stack ${stack} --org-url "$OKTA_ORG_URL" --host "$DUPLO_HOST" --html /tmp/sandbox-access.html
  npm run import -- --stack ${stack} --org-url "$OKTA_ORG_URL" --host "$DUPLO_HOST" --portal https://acme-dev.duplocloud.net --out /tmp/sandbox-import.yaml
  npm run directory -- --stack ${stack} --org-url "$OKTA_ORG_URL" --out /tmp/sandbox-directory.json
  npm run doctor -- --stack ${stack} --host "$DUPLO_HOST"

Changed by hand after the first pulumi up (what drift should find):
${consoleChanges.map((change) => `  - ${change}`).join("\n")}

Serving until Ctrl-C.
`;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  const sandbox = await startSandbox({ stack: values.stack! });
  process.stdout.write(`${exportLines(sandbox).join("\n")}\n${commandsToTry(values.stack!, sandbox.consoleChanges)}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await sandbox.close();
  process.stderr.write("sandbox stopped\n");
  return EXIT_OK;
}

if (require.main === module) runCommand(main);
