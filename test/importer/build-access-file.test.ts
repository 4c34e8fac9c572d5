import { test } from "node:test";
import assert from "node:assert/strict";
import { buildAccessFile } from "../../src/importer/build-access-file";
import { validateAccessFile } from "../../src/access/validate";
import { group, orgOf, person, portalOf, rule } from "./org-fixtures";

const TODAY = "2026-12-02";

test("the steps assembled: the file in the schema's order, DuploCloud's prefixes written when the portal's differ, the account in the order of the steps", () => {
  const org = orgOf({
    users: [person("ada@acme.example", "Platform"), person("grace@acme.example", "Platform"), person("pam@acme.example", "Payments")],
    groups: [group("00g0000000000admins1", "duplo-administrators", ["ada@acme.example", "grace@acme.example"]), group("00g0000000000dev01rw", "svc-dev01", ["pam@acme.example"])],
    rules: [rule("0pr00000000payments1", "Payments", 'user.department == "Payments"', ["00g0000000000dev01rw"])],
    serviceApps: [{ id: "0oa00000000000sync01", label: "User sync", redirectUris: [], grantTypes: [], clientId: "c", jwks: [], scopes: ["okta.users.read"], adminRoles: [] }],
  });
  const portal = portalOf({ url: "https://acme.duplocloud.net", tenants: ["dev01"], oktaSettings: { OktaTenantGroupPrefix: "svc-" } });
  const result = buildAccessFile(org, portal, { today: TODAY });
  assert.equal(
    result.text,
    [
      "# Written by npm run import on 2026-12-02 from https://acme.duplocloud.net and its Okta org.",
      "# Review it, then run npm run plan and pulumi preview before the first pulumi up.",
      "",
      "duplocloud:",
      "  portal: https://acme.duplocloud.net",
      "  tenants:",
      "    - dev01",
      "  tenantGroupImports:",
      "    - tenant: dev01",
      "      level: read-write",
      "      importId: 00g0000000000dev01rw",
      '      description: ""',
      "groupNaming:",
      "  tenantReadWritePrefix: svc-",
      "  tenantReadOnlyPrefix: duplo-ro-",
      "roles:",
      "  administrators:",
      "    importId: 00g0000000000admins1",
      '    description: ""',
      "    members:",
      "      - ada@acme.example",
      "      - grace@acme.example",
      "  readOnly: {}",
      "  securityAdmins: {}",
      "  signupUsers: {}",
      "teams:",
      "  - name: payments",
      '    rule: user.department == "Payments"',
      "    access:",
      "      - tenant: dev01",
      "        level: read-write",
      "",
      "# Left outside the stack (the file cannot express them; they keep working as they are):",
      '# - service app "User sync" (0oa00000000000sync01): scopes okta.users.read; roles ',
      "",
    ].join("\n"),
  );
  assert.deepEqual(
    [result.adopted, result.created, result.outside, result.todo].map((lines) => lines.map((line) => (typeof line === "string" ? line : line.what))),
    [
      ["Okta group duplo-administrators (platform role administrators)", "Okta group svc-dev01 (tenant dev01 read-write)"],
      [
        "Okta group duplo-readonly (platform role readOnly)",
        "Okta group duplo-security-admins (platform role securityAdmins)",
        "Okta group duplo-signup-users (platform role signupUsers)",
        'team payments: Okta group duplo-team-payments, filled by the expression of rule "Payments"',
        "the DuploCloud OIDC app and its sign-on policy",
      ],
      ['Okta group rule "Payments" (0pr00000000payments1)', 'service app "User sync" (0oa00000000000sync01)'],
      [],
    ],
  );
  const validation = validateAccessFile("access/imported.yaml", { text: result.text, expiry: { today: TODAY } });
  assert.deepEqual(validation.ok ? [] : validation.problems, []);
});

test("a rule that reads a custom profile attribute is imported with the attribute declared under okta.customAttributes, so the file validates", () => {
  const org = orgOf({
    users: [person("ada@acme.example", "Platform"), person("grace@acme.example", "Platform")],
    groups: [group("00g0000000000admins1", "duplo-administrators", ["ada@acme.example", "grace@acme.example"]), group("00g0000000000dev01rw", "duploservices-dev01")],
    rules: [rule("0pr00000000payments1", "Payments", 'user.costCentre == "P1" AND user.department == "Payments"', ["00g0000000000dev01rw"])],
  });
  const result = buildAccessFile(org, portalOf({ url: "https://acme.duplocloud.net", tenants: ["dev01"] }), { today: TODAY });
  assert.match(result.text, /\nokta:\n(?: {2}.*\n)*? {2}customAttributes:\n {4}- costCentre\n/);
  const validation = validateAccessFile("access/imported.yaml", { text: result.text, expiry: { today: TODAY } });
  assert.deepEqual(validation.ok ? [] : validation.problems, []);
});
