import { test } from "node:test";
import assert from "node:assert/strict";
import { runProgram } from "../support/mock-program";
import { modelOf, validateText, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * A tenant group a directory masters (Okta type APP_GROUP: an AD group support made with the tenant
 * prefix), written `source: directory` under duplocloud.tenantGroupImports: the model carries it with
 * no team granting it, validation refuses whatever the stack would have to write into it, and the
 * plan has no resource that writes it.
 */

const DEV01_RW = "00g0000000dev01rwad1";
/** The valid file, with dev01's read-write group from the directory and team payments on dev01 read-only instead. */
const DIRECTORY_FILE = VALID_ACCESS_FILE.replace(
  "  tenants: [dev01, qa01]\n",
  `  tenants: [dev01, qa01]\n  tenantGroupImports:\n    - { tenant: dev01, level: read-write, importId: ${DEV01_RW}, source: directory }\n`,
).replace("      - tenant: dev01\n        level: read-write\n", "      - tenant: dev01\n        level: read-only\n");

const problems = (text: string) => {
  const result = validateText(text);
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column} ${p.key}: ${p.message}`);
};

test("a directory tenant group is in the model with its ID and source though no team grants it, described as the directory's", () => {
  assert.deepEqual(problems(DIRECTORY_FILE), []);
  const group = modelOf(DIRECTORY_FILE).groups.find((g) => g.key === "tenant-dev01-read-write");
  assert.deepEqual(group, {
    key: "tenant-dev01-read-write",
    name: "duploservices-dev01",
    description: "DuploCloud tenant dev01, read-write. Mastered by a directory (APP_GROUP): referenced, never written by Pulumi.",
    kind: "tenant",
    tenant: "dev01",
    level: "read-write",
    owners: [],
    explicitMembers: [],
    importId: DEV01_RW,
    source: "directory",
    grantsDuploAccess: true,
  });
  assert.deepEqual(
    modelOf(DIRECTORY_FILE).rules.map((rule) => rule.targetGroupKey),
    ["role-readOnly", "team-payments", "tenant-dev01-read-only", "tenant-qa01-read-only"],
  );
});

test("validation refuses a team's grant, a temporary grant and a description of a directory tenant group, each where it is written, with the fix", () => {
  const text = DIRECTORY_FILE.replace(`source: directory }`, `source: directory, description: made by support }`)
    .replace("      - tenant: dev01\n        level: read-only\n", "      - tenant: dev01\n        level: read-write\n")
    .replace(
      "users:\n",
      'temporaryAccess:\n  - { person: ann@acme.example, tenant: dev01, level: read-write, expires: "2026-06-15T06:00Z", reason: incident 42 on dev01 }\n  - { person: ann@acme.example, role: readOnly, expires: "2026-06-15T06:00Z", reason: incident 42 on dev01 }\nusers:\n',
    );
  const refusal = (who: string) =>
    `the read-write group of tenant dev01 comes from a directory (duplocloud.tenantGroupImports[0], source: directory): Okta lets only the directory change its members, so the stack cannot put ${who} in it; remove this grant and ask the directory's administrators to add them to the group`;
  assert.deepEqual(problems(text), [
    "6:94 duplocloud.tenantGroupImports[0].description: the read-write group of tenant dev01 comes from a directory (source: directory), whose profile Okta lets only the directory change; remove description",
    `16:9 teams[0].access[0]: ${refusal("the people of team payments")}`,
    `25:5 temporaryAccess[0]: ${refusal("ann@acme.example")}`,
  ]);
  // A temporary holder of a directory role group would be one more member of it: refused too.
  const role = text
    .replace("    rule: user.department == \"Engineering\"\n", "    importId: 00g00000000readonly1\n    source: directory\n")
    .replace(", description: made by support", "")
    .replace("      - tenant: dev01\n        level: read-write\n", "      - tenant: dev01\n        level: read-only\n")
    .replace(/ {2}- \{ person: ann@acme.example, tenant: dev01.*\n/, "");
  assert.deepEqual(problems(role.replace("    source: directory\n", "    source: directory\n    description: From AD\n")), [
    "13:5 roles.readOnly.description: roles.readOnly comes from a directory (source: directory), whose profile Okta lets only the directory change; remove description",
    "27:39 temporaryAccess[0].role: roles.readOnly comes from a directory (source: directory): Okta lets only the directory change its members, so the stack cannot put ann@acme.example in it; remove this grant and ask the directory's administrators to add them to the group",
  ]);
});

test("the plan has no resource that writes a directory tenant group: no group, no rule into it, no memberships or owners; DuploCloud's app is assigned to its ID", async () => {
  const run = await runProgram(modelOf(DIRECTORY_FILE), { "duplocloud-okta:oktaGroupOwners": "true" });
  const writers = run.resources.filter(
    (resource) =>
      resource.name.includes("tenant-dev01-read-write") ||
      resource.inputs.groupId === DEV01_RW ||
      (Array.isArray(resource.inputs.groupAssignments) && resource.inputs.groupAssignments.includes(DEV01_RW)),
  );
  assert.deepEqual(
    writers.map((resource) => `${resource.type} ${resource.name} groupId=${String(resource.inputs.groupId)}`),
    [`okta:app/groupAssignment:GroupAssignment app-assignment-tenant-dev01-read-write groupId=${DEV01_RW}`],
  );
  // The managed read-only group of the same tenant is still the stack's, filled by its rule.
  assert.deepEqual(
    run.resources.filter((resource) => resource.name === "tenant-dev01-read-only" || resource.name === "rule-tenant-dev01-read-only").map((resource) => resource.type),
    ["okta:group/group:Group", "okta:group/rule:Rule"],
  );
});
