import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { diffAccess, type AccessChange } from "../../src/review/diff";
import { renderDiffMarkdown } from "../../src/review/diff-render";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * Ranked by what a change lets someone do (issue: the review cannot be forged), each with the
 * whole diff and the whole pull-request comment: approvers follow an admin role's reach; a service
 * app's role, key and a token's network, the portal and the prefixes DuploCloud reads are
 * widenings where they widen, and the headline counts them so.
 */

const BASE = VALID_ACCESS_FILE.replace(
  "    members: [ada@acme.example, grace@acme.example]\n",
  "    members: [ada@acme.example, grace@acme.example]\n    owners: [ciso@acme.example]\n",
)
  .replace("  - name: payments\n", "  - name: payments\n    owners: [lead@acme.example]\n")
  .replace("  - name: oncall\n", "  - name: oncall\n    owners: [oncall-lead@acme.example]\n")
  .replace("  readOnly:\n", "  securityAdmins:\n    owners: [sec-lead@acme.example]\n    members: [grace@acme.example]\n  readOnly:\n");
const diff = (head: string, base = BASE) => diffAccess(modelOf(base), modelOf(head));
const markdown = (head: string, base = BASE) =>
  renderDiffMarkdown({ kind: "compared", context: { stack: "dev", baseRef: "main", basePath: "access/dev.yaml", headPath: "access/dev.yaml" }, diff: diff(head, base) });
const change = (fields: Partial<AccessChange> & Pick<AccessChange, "direction" | "kind" | "subject" | "summary">): AccessChange => ({ critical: true, owners: [], ...fields });
const HEADER = "<!-- duplocloud-okta-access-diff:dev -->\n## Access changes for stack `dev`\n\n`access/dev.yaml` compared with `main`.\n\n";

const withRoles = (roles: string) => `${BASE}oktaAdminRoles:\n${roles}`;
const helpDesk = (targets: string) => withRoles(`  - { role: HELP_DESK_ADMIN, team: oncall, targets: { ${targets} } }\n`);
const roleChange = (direction: AccessChange["direction"], from: string, to: string, owners: string[]) =>
  change({ kind: "okta-admin-role", direction, subject: "team oncall", summary: `Okta admin role HELP_DESK_ADMIN: ${from} becomes ${to}`, before: from, after: to, owners });

test("approvers follow reach: adding administrators to a HELP_DESK_ADMIN's targets asks the administrators' owners too", () => {
  const from = "over team payments";
  const to = "over platform role administrators, team payments";
  assert.deepEqual(diff(helpDesk("teams: [payments], roles: [administrators]"), helpDesk("teams: [payments]")), {
    changes: [roleChange("widens", from, to, ["oncall-lead@acme.example", "ciso@acme.example"])],
    approvers: ["ciso@acme.example", "oncall-lead@acme.example"],
  });
  assert.equal(
    markdown(helpDesk("teams: [payments], roles: [administrators]"), helpDesk("teams: [payments]")),
    `${HEADER}**1 widen access, 0 to read, 0 narrow access.** ⚠️ 1 critical change that widens or alters access.

Approval needed from the owners: ciso@acme.example, oncall-lead@acme.example

### Widens access

- ⚠️ **critical** **team oncall** Okta admin role HELP\\_DESK\\_ADMIN: over team payments becomes over platform role administrators, team payments
  - before: \`over team payments\`
  - after: \`over platform role administrators, team payments\`
`,
  );
  // Taking the administrators back out reaches nothing new: the holder's owners alone.
  assert.deepEqual(diff(helpDesk("teams: [payments]"), helpDesk("teams: [payments], roles: [administrators]")), {
    changes: [roleChange("narrows", to, from, ["oncall-lead@acme.example"])],
    approvers: ["oncall-lead@acme.example"],
  });
});

test("approvers follow reach: going orgWide asks the administrators' owners", () => {
  const orgWide = withRoles("  - { role: HELP_DESK_ADMIN, team: oncall, orgWide: true, reason: Resets factors for everyone. }\n");
  assert.deepEqual(diff(orgWide, helpDesk("teams: [payments]")), {
    changes: [roleChange("widens", "over team payments", "over the whole org (reason: Resets factors for everyone.)", ["oncall-lead@acme.example", "ciso@acme.example"])],
    approvers: ["ciso@acme.example", "oncall-lead@acme.example"],
  });
  // Back from the whole org to one team reaches nothing new.
  assert.deepEqual(diff(helpDesk("teams: [payments]"), orgWide).approvers, ["oncall-lead@acme.example"]);
});

test("approvers follow reach: a new role asks the owners of every group it reaches; the security admins and the administrators' owners both", () => {
  const head = helpDesk("teams: [payments], roles: [securityAdmins]");
  assert.deepEqual(diff(head), {
    changes: [
      change({ kind: "okta-admin-role", direction: "widens", subject: "ada@acme.example", summary: "gains Okta admin role HELP_DESK_ADMIN", owners: ["ciso@acme.example"] }),
      change({
        kind: "okta-admin-role",
        direction: "widens",
        subject: "team oncall",
        summary: "gains Okta admin role HELP_DESK_ADMIN: over platform role securityAdmins, team payments",
        owners: ["oncall-lead@acme.example", "sec-lead@acme.example", "lead@acme.example", "ciso@acme.example"],
      }),
    ],
    approvers: ["ciso@acme.example", "lead@acme.example", "oncall-lead@acme.example", "sec-lead@acme.example"],
  });
  assert.equal(
    markdown(head),
    `${HEADER}**2 widen access, 0 to read, 0 narrow access.** ⚠️ 2 critical changes that widen or alter access.

Approval needed from the owners: ciso@acme.example, lead@acme.example, oncall-lead@acme.example, sec-lead@acme.example

### Widens access

- ⚠️ **critical** **ada@acme.example** gains Okta admin role HELP\\_DESK\\_ADMIN
- ⚠️ **critical** **team oncall** gains Okta admin role HELP\\_DESK\\_ADMIN: over platform role securityAdmins, team payments
`,
  );
});

test("approvers follow reach: a target the pull request adds itself, an app, and SUPER_ADMIN are the administrators' owners' to approve", () => {
  // A new team's owners are named by the same pull request: they do not approve their own reach.
  const billing = "  - name: billing\n    owners: [billing-lead@acme.example]\n    members: [grace@acme.example]\n    access:\n      - { tenant: dev01, level: read-only }\n";
  const withBilling = (text: string) => text.replace("teams:\n", `teams:\n${billing}`);
  const head = withBilling(helpDesk("teams: [billing, payments]"));
  const grown = diff(head, withBilling(helpDesk("teams: [payments]")).replace(billing, ""));
  assert.deepEqual(
    grown.changes.find((c) => c.kind === "okta-admin-role"),
    roleChange("widens", "over team payments", "over team billing, team payments", ["oncall-lead@acme.example", "ciso@acme.example"]),
  );
  const appAdmin = (apps: string) => withRoles(`  - { role: APP_ADMIN, team: oncall, targets: { apps: [${apps}] } }\n`);
  assert.deepEqual(diff(appAdmin("duplocloud, oidc_client.0oa1abcdEFGH2345ijk7"), appAdmin("oidc_client.0oa1abcdEFGH2345ijk7")).changes, [
    change({
      kind: "okta-admin-role",
      direction: "widens",
      subject: "team oncall",
      summary: "Okta admin role APP_ADMIN: over app oidc_client.0oa1abcdEFGH2345ijk7 becomes over app duplocloud, app oidc_client.0oa1abcdEFGH2345ijk7",
      before: "over app oidc_client.0oa1abcdEFGH2345ijk7",
      after: "over app duplocloud, app oidc_client.0oa1abcdEFGH2345ijk7",
      owners: ["oncall-lead@acme.example", "ciso@acme.example"],
    }),
  ]);
  const superAdmin = withRoles("  - { role: SUPER_ADMIN, team: oncall, reason: Runs the Okta org itself. }\n");
  assert.deepEqual(diff(superAdmin).changes.find((c) => c.subject === "team oncall")?.owners, ["oncall-lead@acme.example", "ciso@acme.example"]);
});

test("approvers follow reach: a target group without owners, and a holder that is the administrators, fall to the administrators' owners once", () => {
  assert.deepEqual(diff(helpDesk("teams: [payments], roles: [readOnly]"), helpDesk("teams: [payments]")).changes, [
    roleChange("widens", "over team payments", "over platform role readOnly, team payments", ["oncall-lead@acme.example", "ciso@acme.example"]),
  ]);
  const administratorsRole = (scope: string) => withRoles(`  - { role: USER_ADMIN, platformRole: administrators, ${scope} }\n`);
  const from = "over team payments";
  const to = "over the whole org (reason: Administrators run the whole org.)";
  assert.deepEqual(diff(administratorsRole("orgWide: true, reason: Administrators run the whole org."), administratorsRole("targets: { teams: [payments] }")), {
    changes: [
      change({
        kind: "okta-admin-role",
        direction: "widens",
        subject: "platform role administrators",
        summary: `Okta admin role USER_ADMIN: ${from} becomes ${to}`,
        before: from,
        after: to,
        owners: ["ciso@acme.example"],
      }),
    ],
    approvers: ["ciso@acme.example"],
  });
  // A file with no base: nobody in it approves its own first version.
  assert.deepEqual(
    diffAccess(undefined, modelOf(helpDesk("roles: [administrators]"))).changes.filter((c) => c.kind === "okta-admin-role"),
    [
      change({ kind: "okta-admin-role", direction: "widens", subject: "ada@acme.example", summary: "gains Okta admin role HELP_DESK_ADMIN" }),
      change({ kind: "okta-admin-role", direction: "widens", subject: "team oncall", summary: "gains Okta admin role HELP_DESK_ADMIN: over platform role administrators" }),
    ],
  );
});

const APP = (role: string, key: string) =>
  `${BASE}apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [okta.users.read]\n      adminRole: ${role}\n      publicKey: ${key}\n`;
const URI = "{ jwksUri: https://keys.acme.example/jwks.json }";
const oneWidening = (approvers: string, line: string, details = "") =>
  `${HEADER}**1 widen access, 0 to read, 0 narrow access.** ⚠️ 1 critical change that widens or alters access.\n\nApproval needed from the owners: ${approvers}\n\n### Widens access\n\n${line}\n${details}`;

test("ranked: a service app's role raised from READ_ONLY_ADMIN to one that resets factors is a critical widening, said to act on the whole org", () => {
  assert.deepEqual(diff(APP("HELP_DESK_ADMIN", URI), APP("READ_ONLY_ADMIN", URI)), {
    changes: [
      change({
        kind: "service-app-role",
        direction: "widens",
        subject: "service app sync",
        summary: "admin role: READ_ONLY_ADMIN becomes HELP_DESK_ADMIN, over the whole org (no targets)",
        before: "READ_ONLY_ADMIN",
        after: "HELP_DESK_ADMIN",
        owners: ["ciso@acme.example"],
      }),
    ],
    approvers: ["ciso@acme.example"],
  });
  assert.equal(
    markdown(APP("HELP_DESK_ADMIN", URI), APP("READ_ONLY_ADMIN", URI)),
    oneWidening("ciso@acme.example", "- ⚠️ **critical** **service app sync** admin role: READ\\_ONLY\\_ADMIN becomes HELP\\_DESK\\_ADMIN, over the whole org (no targets)"),
  );
});

test("ranked: a service app's new JWKS URI or public key is a critical widening: who can act as the app changes", () => {
  const jwk = '{"kty":"RSA","kid":"attacker","e":"AQAB","n":"xyz"}';
  assert.deepEqual(diff(APP("READ_ONLY_ADMIN", "{ jwk: { kty: RSA, kid: attacker, e: AQAB, n: xyz } }"), APP("READ_ONLY_ADMIN", URI)).changes, [
    change({
      kind: "service-app-key",
      direction: "widens",
      subject: "service app sync",
      summary: `public key: https://keys.acme.example/jwks.json becomes ${jwk} (whoever holds its private key acts as the app)`,
      before: "https://keys.acme.example/jwks.json",
      after: jwk,
      owners: ["ciso@acme.example"],
    }),
  ]);
  assert.equal(
    markdown(APP("READ_ONLY_ADMIN", "{ jwksUri: https://keys.attacker.example/jwks.json }"), APP("READ_ONLY_ADMIN", URI)),
    oneWidening(
      "ciso@acme.example",
      "- ⚠️ **critical** **service app sync** public key: `https://keys.acme.example/jwks.json` becomes `https://keys.attacker.example/jwks.json` (whoever holds its private key acts as the app)",
    ),
  );
  // A new app's key is a widening too: whoever holds it acts as an app that did not exist.
  assert.deepEqual(
    diff(APP("READ_ONLY_ADMIN", URI)).changes.find((c) => c.kind === "service-app-key"),
    change({
      kind: "service-app-key",
      direction: "widens",
      subject: "service app sync",
      summary: "public key set to https://keys.acme.example/jwks.json (whoever holds its private key acts as the app)",
      after: "https://keys.acme.example/jwks.json",
      owners: ["ciso@acme.example"],
    }),
  );
});

test("ranked: a service app removed loses its role and scopes; its key is only no longer set", () => {
  assert.deepEqual(diff(BASE, APP("READ_ONLY_ADMIN", URI)), {
    changes: [
      change({
        kind: "service-app-key",
        direction: "changes",
        subject: "service app sync",
        summary: "public key removed",
        before: "https://keys.acme.example/jwks.json",
        owners: ["ciso@acme.example"],
      }),
      change({ kind: "service-app-role", direction: "narrows", subject: "service app sync", summary: "loses admin role: READ_ONLY_ADMIN", owners: ["ciso@acme.example"] }),
      change({ kind: "scope", direction: "narrows", subject: "service app sync", summary: "loses scope okta.users.read", owners: ["ciso@acme.example"] }),
    ],
    approvers: ["ciso@acme.example"],
  });
});

test("ranked: a new API token with no network (ANYWHERE, the schema's default) shows it and is a critical widening; a token given a zone shows the zone", () => {
  const token = (network: string) => `${BASE}apiAccess:\n  apiTokens:\n    - name: dev-sync\n      id: 00T1abcdEFGH2345ijk7\n      userId: 00u1abcdEFGH2345ijk7\n${network}`;
  assert.equal(markdown(token("")), oneWidening("ciso@acme.example", "- ⚠️ **critical** **API token dev-sync** network restriction set: ANYWHERE (any network)"));
  const zoned = token("      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7], excludes: [nzo1abcdEFGH2345ijk8] }\n");
  const zone = '{"connection":"ZONE","includes":["nzo1abcdEFGH2345ijk7"],"excludes":["nzo1abcdEFGH2345ijk8"]}';
  const words = "ZONE (from nzo1abcdEFGH2345ijk7; never from nzo1abcdEFGH2345ijk8)";
  assert.deepEqual(diff(zoned), {
    changes: [
      change({
        kind: "token-network",
        direction: "changes",
        subject: "API token dev-sync",
        summary: `network restriction set: ${words}`,
        after: zone,
        owners: ["ciso@acme.example"],
      }),
    ],
    approvers: ["ciso@acme.example"],
  });
  // Dropping the excluded zone lets the token in from it: wider. Excluding it again: narrower.
  const unexcluded = token("      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7] }\n");
  const withoutExclude = '{"connection":"ZONE","includes":["nzo1abcdEFGH2345ijk7"],"excludes":[]}';
  const networkChange = (direction: AccessChange["direction"], from: string, to: string, summary: string) =>
    change({ kind: "token-network", direction, subject: "API token dev-sync", summary, before: from, after: to, owners: ["ciso@acme.example"] });
  assert.deepEqual(diff(unexcluded, zoned).changes, [networkChange("widens", zone, withoutExclude, `network restriction: ${words} becomes ZONE (from nzo1abcdEFGH2345ijk7)`)]);
  assert.deepEqual(diff(zoned, unexcluded).changes, [networkChange("narrows", withoutExclude, zone, `network restriction: ZONE (from nzo1abcdEFGH2345ijk7) becomes ${words}`)]);
  assert.deepEqual(diff(token(""), unexcluded).changes, [
    networkChange(
      "widens",
      withoutExclude,
      '{"connection":"ANYWHERE","includes":[],"excludes":[]}',
      "network restriction: ZONE (from nzo1abcdEFGH2345ijk7) becomes ANYWHERE (any network)",
    ),
  ]);
  // Another zone added to the ones it may come from: wider; one taken away: narrower.
  const twoZones = token("      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7, nzo1abcdEFGH2345ijk9] }\n");
  const twoValue = '{"connection":"ZONE","includes":["nzo1abcdEFGH2345ijk7","nzo1abcdEFGH2345ijk9"],"excludes":[]}';
  const twoWords = "ZONE (from nzo1abcdEFGH2345ijk7, nzo1abcdEFGH2345ijk9)";
  assert.deepEqual(diff(twoZones, unexcluded).changes, [
    networkChange("widens", withoutExclude, twoValue, `network restriction: ZONE (from nzo1abcdEFGH2345ijk7) becomes ${twoWords}`),
  ]);
  assert.deepEqual(diff(unexcluded, twoZones).changes, [
    networkChange("narrows", twoValue, withoutExclude, `network restriction: ${twoWords} becomes ZONE (from nzo1abcdEFGH2345ijk7)`),
  ]);
});

test("ranked: the portal moved is a critical widening: sign-in, the token and the secrets go there", () => {
  assert.equal(
    markdown(BASE.replace("https://acme.duplocloud.net", "https://acme.duplocloud.evil.example")),
    oneWidening(
      "ciso@acme.example",
      "- ⚠️ **critical** **the DuploCloud portal** portal: `https://acme.duplocloud.net` becomes `https://acme.duplocloud.evil.example` (sign-in, the DuploCloud token and the Okta secrets go there)",
    ),
  );
});

test("ranked: swapped tenant prefixes give the read-only groups the name DuploCloud reads as read-write: critical widenings, counted so", () => {
  assert.equal(
    markdown(`${BASE}groupNaming:\n  tenantReadWritePrefix: duplo-ro-\n  tenantReadOnlyPrefix: duploservices-\n`),
    `${HEADER}**2 widen access, 2 to read, 0 narrow access.** ⚠️ 4 critical changes that widen or alter access.

Approval needed from the owners: ciso@acme.example, lead@acme.example, oncall-lead@acme.example

### Widens access

- ⚠️ **critical** **group naming** tenantReadOnlyPrefix: duplo-ro- becomes duploservices-, the prefix DuploCloud reads today as read-write
- ⚠️ **critical** **tenant qa01 read-only group** Okta group name: duplo-ro-qa01 becomes duploservices-qa01, which DuploCloud reads today as tenant qa01: read-write

### To read: effect depends on Okta profiles or settings

- ⚠️ **critical** **group naming** tenantReadWritePrefix: duploservices- becomes duplo-ro-
- ⚠️ **critical** **tenant dev01 read-write group** Okta group name: duploservices-dev01 becomes duplo-ro-dev01
`,
  );
  // A prefix of its own reads as nothing more.
  assert.deepEqual(diff(`${BASE}groupNaming:\n  tenantReadOnlyPrefix: readonly-\n`).changes.slice(0, 1), [
    change({
      kind: "group-prefix",
      direction: "changes",
      subject: "group naming",
      summary: "tenantReadOnlyPrefix: duplo-ro- becomes readonly-",
      before: "duplo-ro-",
      after: "readonly-",
      owners: ["ciso@acme.example"],
    }),
  ]);
});

test("the review's modules import no cycle (change-types.ts sits below diff.ts and account-changes.ts)", () => {
  const dir = path.join(__dirname, "../../src/review");
  const imports = new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith(".ts"))
      .map((file) => [file.replace(/\.ts$/, ""), [...readFileSync(path.join(dir, file), "utf8").matchAll(/from "\.\/([\w-]+)"/g)].map((match) => match[1]!)]),
  );
  const cycles: string[] = [];
  const visit = (module: string, trail: string[]) => {
    if (trail.includes(module)) return cycles.push([...trail.slice(trail.indexOf(module)), module].join(" -> "));
    for (const next of imports.get(module) ?? []) visit(next, [...trail, module]);
  };
  for (const module of imports.keys()) visit(module, []);
  assert.deepEqual(cycles, []);
  assert.deepEqual(imports.get("account-changes"), ["access-facts", "change-types"]);
});
