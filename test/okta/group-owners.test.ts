import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { planStack } from "../../src/plan/offline";
import { PROJECT_DIR } from "../../src/cli/common";
import { resolveStackConfig } from "../../src/config/config-values";
import { diffAccess } from "../../src/review/diff";
import { modelOf } from "../support/access-files";

/*
 * Real Okta group owners are opt-in (stack setting oktaGroupOwners): Okta's group-owner API exists
 * only on orgs with Okta Identity Governance, so a new customer's stack must not create any.
 */

const OWNERS = "okta:group/owners:Owners";
const NEW_CUSTOMER = "okta:orgName: acme\n  okta:baseUrl: okta.com\n";

/** A project with the real Pulumi.yaml, the dev access file, and a stack `acme` whose config is `config`. */
function newCustomerProject(config: string): string {
  const root = mkdtempSync(path.join(tmpdir(), "group-owners-"));
  copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
  mkdirSync(path.join(root, "access"));
  copyFileSync(path.join(PROJECT_DIR, "access", "dev.yaml"), path.join(root, "access", "acme.yaml"));
  writeFileSync(path.join(root, "Pulumi.acme.yaml"), `config:\n  ${config}`);
  return root;
}

async function ownersPlanned(config: string): Promise<string[]> {
  const root = newCustomerProject(config);
  try {
    const plan = await planStack(root, "acme");
    return plan.resources.filter((resource) => resource.type === OWNERS).map((resource) => resource.name);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test("group owners: a new customer's stack (only okta:orgName and okta:baseUrl) plans no Okta group owners", async () => {
  assert.deepEqual(await ownersPlanned(NEW_CUSTOMER), []);
});

test("group owners: with oktaGroupOwners on, the owners of the team and role groups the stack creates appear", async () => {
  assert.deepEqual(await ownersPlanned(`${NEW_CUSTOMER}  duplocloud-okta-access:oktaGroupOwners: true\n`), [
    "owners-role-administrators",
    "owners-role-readOnly",
    "owners-role-securityAdmins",
    "owners-team-data-science",
    "owners-team-okta-help-desk",
    "owners-team-payments",
    "owners-team-platform-oncall",
  ]);
});

test("group owners: the access diff shows the setting being turned on, as a critical stack change", () => {
  const project = readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8");
  const model = modelOf(readFileSync(path.join(PROJECT_DIR, "access", "dev.yaml"), "utf8"));
  const configOf = (stackText: string) => {
    const files: Record<string, string> = { "Pulumi.yaml": project, "Pulumi.acme.yaml": stackText };
    return resolveStackConfig({ read: (file) => files[file], shown: (file) => file }, "acme").config;
  };
  const base = configOf(`config:\n  ${NEW_CUSTOMER}`);
  const head = configOf(`config:\n  ${NEW_CUSTOMER}  duplocloud-okta-access:oktaGroupOwners: true\n`);
  assert.deepEqual(diffAccess(model, model, { base, head }).changes, [
    {
      direction: "changes",
      kind: "stack-setting",
      critical: true,
      subject: "the stack file",
      summary: "duplocloud-okta-access:oktaGroupOwners: false becomes true",
      before: "false",
      after: "true",
      // A stack setting has no owner of its own: the base version's administrators' owners approve it.
      owners: ["ciso@acme.example"],
    },
  ]);
});
