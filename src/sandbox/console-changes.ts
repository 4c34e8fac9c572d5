import type { SeededOrg } from "./seed-from-plan";

/*
 * What other administrators did by hand after the first `pulumi up`, in Okta's admin console and
 * in the DuploCloud portal: the changes `npm run drift` exists to find. Each is one a real org
 * shows (docs/sandbox.md lists them with the finding each one gives).
 */

export interface ConsoleChange {
  /** What was done, in the words the docs use. */
  readonly what: string;
  readonly apply: (org: SeededOrg) => void;
}

export const CONSOLE_CHANGES: readonly ConsoleChange[] = [
  {
    what: "hank.hr@acme.example added by hand to the tenant group duploservices-dev01 (read-write on dev01), which the file fills by rules only",
    apply: (org) => org.addMember("duploservices-dev01", "hank.hr@acme.example"),
  },
  {
    what: "erin.contractor@acme.example made a Super Administrator in Okta, directly, outside the file",
    apply: (org) => {
      org.userRoles.set(org.userId("erin.contractor@acme.example"), [{ type: "SUPER_ADMIN", assignmentType: "USER" }]);
      org.refreshRoles();
    },
  },
  {
    what: "the portal user ci-deployer@acme.example given read-write on tenant sandbox by hand in DuploCloud",
    apply: (org) => {
      const grants = org.duplo.access.get("ci-deployer@acme.example") ?? new Map<string, boolean>();
      org.duplo.access.set("ci-deployer@acme.example", grants.set("t-sandbox", false));
    },
  },
];
