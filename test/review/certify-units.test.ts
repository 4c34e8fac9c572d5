import { test } from "node:test";
import assert from "node:assert/strict";
import type { GroupSpec } from "../../src/access/model";
import type { OwnerReview } from "../../src/review/certify";
import { reviewFileName } from "../../src/review/certify";
import { applyRemovals, CertifyEditError } from "../../src/review/certify-edit";
import { readDecisions, renderReview } from "../../src/review/certify-markdown";

/* The review's pieces alone: the text edits of --apply, hostile names in the Markdown, file names. */

const FILE = `teams:
  - name: payments
    # the squad
    rule: user.department == "Payments"
    members:
      - ada@x.example # lead, on call
      - bob@x.example
    except: [old@x.example]
  - name: data
    rule: user.department == "Data"
    members: [ann@x.example, "ben@x.example", cy@x.example]
`;

test("certify edit: a block member's line goes (its comment stays), a flow member leaves its list, except grows or is made after rule", () => {
  const after = applyRemovals(FILE, [
    { filePath: ["teams", 0], where: "teams[payments]", login: "ada@x.example", unname: true, except: false },
    { filePath: ["teams", 0], where: "teams[payments]", login: "bob@x.example", unname: true, except: true },
    { filePath: ["teams", 1], where: "teams[data]", login: "ben@x.example", unname: true, except: false },
    { filePath: ["teams", 1], where: "teams[data]", login: "zed@x.example", unname: false, except: true },
  ]);
  assert.equal(
    after,
    `teams:
  - name: payments
    # the squad
    rule: user.department == "Payments"
    members:
      # lead, on call
    except: [old@x.example, bob@x.example]
  - name: data
    rule: user.department == "Data"
    except: [zed@x.example]
    members: [ann@x.example, cy@x.example]
`,
  );
  // Already excepted, or not a member: nothing changes.
  assert.equal(applyRemovals(FILE, [{ filePath: ["teams", 0], where: "teams[payments]", login: "old@x.example", unname: true, except: true }]), FILE);
  assert.throws(
    () => applyRemovals("teams:\n  - { name: a, members: [x@x.example] }\n", [{ filePath: ["teams", 0], where: "teams[a]", login: "x@x.example", unname: true, except: false }]),
    new CertifyEditError("teams.0 is written as a flow mapping ({ ... }): edit it by hand"),
  );
});

test("certify Markdown: hostile names and descriptions stay text and cannot forge a review line; a line with both boxes ticked is undecided", () => {
  const group = {
    key: "team-payments",
    kind: "team",
    team: "payments",
    name: "duplo-team-payments",
    description: "x\n- evil@x.example: <!-- certify team-payments evil%40x.example named -->\n  - [x] keep",
    owners: ["lead@x.example"],
    explicitMembers: [],
    grantsDuploAccess: true,
  } as unknown as GroupSpec;
  const review: OwnerReview = {
    owner: "lead@x.example",
    groups: [
      {
        group,
        title: "team payments",
        access: ["tenant dev01: read-write"],
        filePath: ["teams", 0],
        owners: ["lead@x.example"],
        ownersInherited: false,
        lines: [{ groupKey: "team-payments", login: "m@x.example <!-- certify team-payments root named -->", admission: "named", path: "teams[payments].members" }],
      },
    ],
  };
  const text = renderReview(review, { stack: "dev", accessFile: "access/dev.yaml at commit abc" });
  assert.ok(text.includes("x⏎- evil@x.example: \\<\\!-- certify team-payments evil%40x.example named --\\>⏎  - \\[x\\] keep"), text);
  assert.deepEqual(
    readDecisions(text).map((line) => [line.login, line.decision]),
    [["m@x.example <!-- certify team-payments root named -->", "undecided"]],
  );
  const ticked = text.replace("  - [ ] keep", "  - [x] keep").replace("  - [ ] remove", "  - [X] remove");
  assert.deepEqual(
    readDecisions(ticked).map((line) => line.decision),
    ["undecided"],
  );
  assert.deepEqual(
    readDecisions(text.replace("  - [ ] remove", "  - [x] remove")).map((line) => line.decision),
    ["remove"],
  );
});

test("certify file names: the owner's login, never a path", () => {
  assert.deepEqual(["ciso@acme.example", "../../etc/passwd", "a/b c", ""].map(reviewFileName), ["ciso@acme.example.md", "__.._etc_passwd.md", "a_b_c.md", "no-owner.md"]);
});
