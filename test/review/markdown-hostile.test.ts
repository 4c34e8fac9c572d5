import { test } from "node:test";
import assert from "node:assert/strict";
import { markdownCode, markdownCodeBlock, markdownNames, markdownText } from "../../src/review/markdown";
import { renderDiffMarkdown } from "../../src/review/diff-render";
import type { AccessChange } from "../../src/review/diff";

/* What GitHub would act on in free text, neutralised: each construct of issue 21 with its whole output. */

test("Markdown: bidi overrides and isolates and zero-width characters are shown by code point, in text, code spans and code blocks", () => {
  const hidden = "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Bk\u200Cl\u200Dm\u2060n\uFEFFo";
  const shown = "a[U+202A]b[U+202B]c[U+202C]d[U+202D]e[U+202E]f[U+2066]g[U+2067]h[U+2068]i[U+2069]j[U+200B]k[U+200C]l[U+200D]m[U+2060]n[U+FEFF]o";
  assert.equal(markdownText(hidden), shown.replace(/[[\]]/g, "\\$&"));
  assert.equal(markdownCode(hidden), `\`${shown}\``);
  assert.deepEqual(markdownCodeBlock([hidden]), ["```", shown, "```"]);
});

test("Markdown: mentions, emoji and autolinks become code spans; $ is escaped so no math opens; emails and times stay text", () => {
  assert.deepEqual(
    [
      "ping @acme/platform-admins and @mallory",
      "ship it :rocket: :+1: :100:",
      "see www.evil.example/login?next=1 or https://evil.example/x|y",
      "costs $5; math $x^2$ and $$y$$",
      "ada@acme.example at 2026-11-28T10:30:00Z, key okta:orgName",
    ].map(markdownText),
    [
      "ping `@acme/platform-admins` and `@mallory`",
      "ship it `:rocket:` `:+1:` `:100:`",
      "see `www.evil.example/login?next=1` or `https://evil.example/x`\\|y",
      "costs \\$5; math \\$x^2\\$ and \\$\\$y\\$\\$",
      "ada@acme.example at 2026-11-28T10:30:00Z, key okta:orgName",
    ],
  );
  // A construct holding a backtick still cannot close its span early.
  assert.equal(markdownText("@x`y"), "`@x`\\`y");
});

test("Markdown: names are capped per line, the count exact; the diff's approvers too", () => {
  const owners = Array.from({ length: 23 }, (_, index) => `owner${String(index).padStart(2, "0")}@acme.example`);
  assert.equal(markdownNames(owners.slice(0, 2)), "owner00@acme.example, owner01@acme.example");
  assert.equal(markdownNames(owners), `${owners.slice(0, 20).join(", ")} and 3 more`);
  const change: AccessChange = { direction: "widens", kind: "tenant", critical: false, subject: "team payments", summary: "gains tenant dev01: read-write", owners };
  const markdown = renderDiffMarkdown({
    kind: "compared",
    context: { stack: "dev", baseRef: "main", basePath: "access/dev.yaml", headPath: "access/dev.yaml" },
    diff: { changes: [change], approvers: owners },
  });
  assert.deepEqual(markdown.split("\n").slice(6, 9), ["", `Approval needed from the owners: ${owners.slice(0, 20).join(", ")} and 3 more`, ""]);
});
