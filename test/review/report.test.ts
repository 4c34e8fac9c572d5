import { test } from "node:test";
import assert from "node:assert/strict";
import { buildReport, renderReportMarkdown } from "../../src/review/report";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

const WITH_DUPLO_USERS = VALID_ACCESS_FILE.replace(
  "  tenants: [dev01, qa01]\n",
  '  tenants: [dev01, qa01]\n  users:\n    - { username: breakglass@acme.example, roles: [Administrator], reason: Break-glass for Okta outages. }\n    - { username: ci@acme.example, roles: [User], readOnly: true, reason: "CI | deploys, and reads qa01.", tenants: [{ tenant: dev01, level: read-write }, { tenant: qa01, level: read-only }] }\n',
);

test("report: explicit DuploCloud users and their grants stand beside the Okta-based access", () => {
  const report = buildReport(modelOf(WITH_DUPLO_USERS));
  assert.deepEqual(report.duplocloudUsers, [
    { username: "breakglass@acme.example", roles: ["Administrator"], readOnly: false, tenants: [], reason: "Break-glass for Okta outages." },
    {
      username: "ci@acme.example",
      roles: ["User"],
      readOnly: true,
      tenants: [
        { tenant: "dev01", level: "read-write" },
        { tenant: "qa01", level: "read-only" },
      ],
      reason: "CI | deploys, and reads qa01.",
    },
  ]);
  const markdown = renderReportMarkdown(report, "test");
  const section = markdown.slice(
    markdown.indexOf("## DuploCloud users outside Okta"),
    markdown.indexOf("\n## API access") === -1 ? undefined : markdown.indexOf("\n## API access"),
  );
  assert.equal(
    section,
    [
      "## DuploCloud users outside Okta",
      "",
      "Made in DuploCloud itself, not through Okta: they keep their access when Okta is down or someone leaves Okta.",
      "",
      "- **breakglass@acme.example**: Administrator; every tenant. Why: Break-glass for Okta outages.",
      "- **ci@acme.example**: User (read-only); dev01: read-write, qa01: read-only. Why: CI \\| deploys, and reads qa01.",
      "",
    ].join("\n"),
  );
});

test("report: no DuploCloud users, no section", () => {
  const report = buildReport(modelOf(VALID_ACCESS_FILE));
  assert.deepEqual(report.duplocloudUsers, []);
  assert.equal(renderReportMarkdown(report, "test").includes("DuploCloud users outside Okta"), false);
});
