import { test } from "node:test";
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";
import { PROJECT_DIR } from "../../src/cli/common";
import { accessMatrixHtml } from "../../src/live/drift/render-html";
import { startSandbox } from "../../src/sandbox";
import { runCliAsync } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";
import { driftOf, seedDevOrg } from "../support/drift-seed";
import { chromiumForTests, requireChromium } from "../support/chromium";

/*
 * The evidence page in a real browser: headless Chromium (Debian's chromium package, which .ci/run
 * installs) driven by playwright-core, on the dev org as the stack leaves it plus changes made by
 * hand (a person added to a read-write tenant group, a super administrator made in the console).
 * On screen: the header names the commit, every finding's fix is on the page, both tables sort
 * (case-insensitive, by keyboard) and filter by column, no request leaves the page and no script
 * fails. Printed: no wider than A4 landscape, text at least 8 pt, table headers repeated. Without a
 * chromium binary it is skipped, saying why, except in CI, where it fails (support/chromium.ts).
 */

const chromiumSetup = chromiumForTests();
const folder = tempDir("drift-html-");
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
/** A4 landscape (297 mm) less the page's 10 mm margins, in CSS pixels (96 per inch). */
const A4_LANDSCAPE_CONTENT_PX = Math.floor(((297 - 2 * 10) / 25.4) * 96);
/** 8 pt in CSS pixels. */
const EIGHT_POINTS_PX = (8 * 96) / 72;

/** The page as printed on A4 landscape: its widest point, its smallest text, its table headers, the fixes it shows. */
async function printedLayout(page: Page) {
  await page.setViewportSize({ width: A4_LANDSCAPE_CONTENT_PX, height: 700 });
  await page.emulateMedia({ media: "print" });
  // Run in the page (a string: the test's TypeScript has no DOM types).
  return page.evaluate<{
    scrollWidth: number;
    right: number;
    smallestFont: number;
    headerGroups: string[];
    filtersShown: boolean;
    fixesShown: string[];
  }>(`(() => {
    const elements = Array.from(document.body.querySelectorAll("*")).filter((element) => element.getClientRects().length > 0);
    const texts = elements.filter((element) => Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== ""));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      right: Math.max(...elements.map((element) => element.getBoundingClientRect().right)),
      smallestFont: Math.min(...texts.map((element) => parseFloat(getComputedStyle(element).fontSize))),
      headerGroups: Array.from(document.querySelectorAll("thead"), (head) => getComputedStyle(head).display),
      filtersShown: Array.from(document.querySelectorAll("thead tr.filters")).some((row) => row.getClientRects().length > 0),
      fixesShown: Array.from(document.querySelectorAll("#findings td.fix"), (cell) => cell.innerText),
    };
  })()`);
}

const rowsOf = (page: Page, table: string, column = 0) =>
  page.$$eval(`#${table} tbody tr:not([hidden])`, (rows, index) => rows.map((row) => row.cells[index]!.textContent), column);

test(
  "drift --html: the evidence page in Chromium, findings with their fixes then the matrix, the commit in the header, sortable by keyboard and filterable, A4 landscape when printed",
  { skip: chromiumSetup.skip },
  async () => {
    const org = await seedDevOrg();
    org.addMember("duploservices-dev01", "hank.hr@acme.example");
    org.userRoles.set(org.userId("dan.eng@acme.example"), [{ type: "SUPER_ADMIN", assignmentType: "USER" }]);
    org.refreshRoles();
    const { live, result } = await driftOf(org);
    await org.okta.stop();
    await org.duplo.stop();
    const file = path.join(folder, "evidence.html");
    writeFileSync(
      file,
      accessMatrixHtml(result, {
        stack: "dev",
        orgUrl: live.orgUrl,
        readAt: "2026-12-02T06:00:00.000Z",
        portalRead: true,
        portalUrl: "https://acme-dev.duplocloud.net",
        appUsersRead: true,
        accessFile: { path: "access/dev.yaml", commit: COMMIT, differs: true },
      }),
    );
    assert.deepEqual(
      result.findings.map((finding) => [finding.severity, finding.kind, finding.who?.login]),
      [
        ["critical", "admin-role-outside-file", "dan.eng@acme.example"],
        ["critical", "member-outside-file", "hank.hr@acme.example"],
      ],
    );

    const browser = await chromium.launch({ executablePath: requireChromium(chromiumSetup), headless: true, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      const url = pathToFileURL(file).toString();
      await page.goto(url);

      // On a 1,400 px screen nothing runs off to the right (a super administrator made outside the file included).
      assert.ok((await page.evaluate<number>("document.documentElement.scrollWidth")) <= 1400);
      const header = await Promise.all(["#stack", "#org", "#portal", "#read-at", "#access-file", "#commit"].map((selector) => page.textContent(selector)));
      assert.deepEqual(header, ["dev", "https://acme-dev.oktapreview.com", "https://acme-dev.duplocloud.net", "2026-12-02T06:00:00.000Z", "access/dev.yaml", COMMIT]);
      assert.equal(
        await page.textContent("#differs"),
        `The access file in the working tree differs from that commit: access/dev.yaml at commit ${COMMIT}, with changes in the working tree not in that commit.`,
      );

      // The findings come first, each with its fix, in the order of severity.
      const sections = await page.$$eval("main h2", (titles) => titles.map((title) => title.textContent));
      assert.deepEqual(sections, ["Findings", "Access matrix"]);
      const findingColumns = await page.$$eval("#findings thead tr:first-child th", (cells) => cells.map((cell) => cell.textContent));
      assert.deepEqual(findingColumns, ["Severity", "Kind", "Who", "Where", "How", "Fix"]);
      const shownFindings = await page.$$eval("#findings tbody tr", (rows) => rows.map((row) => Array.from(row.cells, (cell: { textContent: string | null }) => cell.textContent)));
      assert.deepEqual(
        shownFindings,
        result.findings.map((finding) => [
          finding.severity,
          finding.kind,
          `${finding.who!.login} (${finding.who!.name}), ${finding.who!.status}`,
          finding.where,
          finding.how,
          finding.fix,
        ]),
      );

      // The matrix: compact cells (the level, its end date), the path on demand, the owners per person.
      const columns = await page.$$eval("#matrix thead tr:first-child th", (cells) => cells.map((cell) => cell.textContent));
      assert.deepEqual(columns, [
        "Login",
        "Name",
        "Status",
        "Owners",
        "role administrators",
        "role readOnly",
        "role securityAdmins",
        "tenant dev01",
        "tenant qa01",
        "tenant sandbox",
        "Okta admin role HELP_DESK_ADMIN",
        "Okta admin role READ_ONLY_ADMIN",
        "Okta admin role SUPER_ADMIN",
        "portal role Administrator",
        "portal role User",
      ]);
      const cellOf = (login: string, column: number) =>
        page.$eval(`#matrix tbody tr[data-login='${login}'] td:nth-child(${column})`, (cell) => ({
          className: cell.className,
          visible: (cell as unknown as { innerText: string }).innerText,
          path: cell.querySelector("details div")?.textContent ?? "",
        }));
      assert.deepEqual(await cellOf("hank.hr@acme.example", 8), {
        className: "undeclared",
        visible: "not in the file read-write\npath",
        path: "group duploservices-dev01, added directly (by hand or the API), not by a rule; owners ada.lovelace@acme.example, lead.payments@acme.example",
      });
      assert.deepEqual(await cellOf("katherine.johnson@acme.example", 9), {
        className: "",
        visible: "read-only\nuntil 2099-12-31\npath",
        path: "group duplo-ro-qa01, rule 0prb74b6e11d2edf84fd (duplo ro qa01) (access/dev.yaml:73); owners lead.data@acme.example, lead.payments@acme.example",
      });
      assert.deepEqual(await cellOf("dan.eng@acme.example", 13), { className: "undeclared", visible: "not in the file SUPER_ADMIN\npath", path: "assigned to the user directly" });
      assert.equal(
        await page.$eval("#matrix tbody tr[data-login='katherine.johnson@acme.example'] td:nth-child(4)", (cell) => cell.textContent),
        "lead.data@acme.example, lead.payments@acme.example",
      );
      // The path opens on demand.
      await page.click("#matrix tbody tr[data-login='hank.hr@acme.example'] td:nth-child(8) summary");
      assert.equal(
        await page.$eval("#matrix tbody tr[data-login='hank.hr@acme.example'] td:nth-child(8)", (cell) =>
          (cell as unknown as { innerText: string }).innerText.includes("added directly"),
        ),
        true,
      );

      // Filter by a column: the tenant dev01 column, then the Status column.
      const matrixFilter = (column: number) => `#matrix thead tr.filters input[data-column="${column}"]`;
      await page.fill(matrixFilter(7), "not in the file");
      assert.deepEqual(await rowsOf(page, "matrix"), ["hank.hr@acme.example"]);
      assert.equal(await page.textContent("#matrix-shown"), "1");
      await page.fill(matrixFilter(7), "");
      await page.fill(matrixFilter(9), "read-write");
      assert.deepEqual(await rowsOf(page, "matrix"), ["alan.turing@acme.example", "grace.hopper@acme.example"]);
      await page.fill(matrixFilter(9), "");
      await page.fill('#findings thead tr.filters input[data-column="2"]', "DAN.ENG");
      assert.deepEqual(await rowsOf(page, "findings", 1), ["admin-role-outside-file"]);
      await page.fill('#findings thead tr.filters input[data-column="2"]', "");

      // Sort by keyboard: the header's button, Enter; case-insensitive (Bob.Marley between alan and breakglass, not first); aria-sort says so.
      await page.focus("#matrix thead tr:first-child th:first-child button");
      await page.keyboard.press("Enter");
      assert.equal(await page.getAttribute("#matrix thead tr:first-child th:first-child", "aria-sort"), "ascending");
      assert.deepEqual((await rowsOf(page, "matrix")).slice(0, 4), [
        "ada.lovelace@acme.example",
        "alan.turing@acme.example",
        "Bob.Marley@Acme.example",
        "breakglass-dev@acme.example",
      ]);
      await page.keyboard.press("Space");
      assert.equal(await page.getAttribute("#matrix thead tr:first-child th:first-child", "aria-sort"), "descending");
      assert.deepEqual((await rowsOf(page, "matrix")).slice(0, 2), ["svc-duplo-sync@acme.example", "okta-breakglass-dev@acme.example"]);
      // Severity sorts by rank, not by the word: critical before warning.
      await page.click("#findings thead tr:first-child th:nth-child(4) button");
      assert.deepEqual(await rowsOf(page, "findings", 3), ["group duploservices-dev01", "Okta admin role SUPER_ADMIN"]);

      // Printed: A4 landscape, nothing wider than the page's content box, text at least 8 pt, headers repeated.
      const printed = await printedLayout(page);
      assert.ok(printed.scrollWidth <= A4_LANDSCAPE_CONTENT_PX, `printed layout ${printed.scrollWidth}px wide, the page holds ${A4_LANDSCAPE_CONTENT_PX}px`);
      assert.ok(printed.right <= A4_LANDSCAPE_CONTENT_PX, `an element ends at ${printed.right}px, the page holds ${A4_LANDSCAPE_CONTENT_PX}px`);
      assert.ok(printed.smallestFont >= EIGHT_POINTS_PX - 0.01, `smallest printed text ${printed.smallestFont}px, 8 pt is ${EIGHT_POINTS_PX}px`);
      assert.deepEqual(printed.headerGroups, ["table-header-group", "table-header-group"]);
      assert.equal(printed.filtersShown, false);
      assert.deepEqual([...printed.fixesShown].sort(), result.findings.map((finding) => finding.fix).sort());
      // Chromium's own print: the page size the stylesheet asks for (A4 landscape: 842 x 595 pt).
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
      const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((match) => [Math.round(Number(match[1])), Math.round(Number(match[2]))]);
      assert.ok(boxes.length >= 1);
      assert.deepEqual(new Set(boxes.map((box) => box.join("x"))), new Set(["842x595"]));

      assert.deepEqual(requests, [url]);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  },
);

test(
  "drift --html on the sandbox: npm run drift writes the page; every finding's fix and the checked-out commit are on it; printed, it fits A4 landscape with text at 8 pt or more",
  { skip: chromiumSetup.skip },
  async () => {
    const sandbox = await startSandbox();
    const html = path.join(folder, "sandbox.html");
    let run;
    try {
      run = await runCliAsync("drift", ["--stack", "dev", "--org-url", sandbox.oktaOrgUrl, "--host", sandbox.duploHost, "--json", "--html", html], {
        OKTA_API_TOKEN: sandbox.oktaApiToken,
        OKTA_ACCESS_TOKEN: "",
        DUPLO_TOKEN: sandbox.duploToken,
      });
    } finally {
      await sandbox.close();
    }
    assert.equal(run.status, 1, run.stderr);
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ fix: string }> }).findings;
    assert.ok(findings.length > 0, "the sandbox's changes made by hand are findings");
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: PROJECT_DIR, encoding: "utf8" }).trim();

    const browser = await chromium.launch({ executablePath: requireChromium(chromiumSetup), headless: true, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(pathToFileURL(html).toString());
      assert.equal(await page.textContent("#commit"), head);
      assert.equal(await page.textContent("#access-file"), "access/dev.yaml");
      const printed = await printedLayout(page);
      assert.deepEqual([...printed.fixesShown].sort(), findings.map((finding) => finding.fix).sort());
      assert.ok(printed.scrollWidth <= A4_LANDSCAPE_CONTENT_PX, `printed layout ${printed.scrollWidth}px wide, the page holds ${A4_LANDSCAPE_CONTENT_PX}px`);
      assert.ok(printed.right <= A4_LANDSCAPE_CONTENT_PX, `an element ends at ${printed.right}px, the page holds ${A4_LANDSCAPE_CONTENT_PX}px`);
      assert.ok(printed.smallestFont >= EIGHT_POINTS_PX - 0.01, `smallest printed text ${printed.smallestFont}px, 8 pt is ${EIGHT_POINTS_PX}px`);
    } finally {
      await browser.close();
    }
  },
);

test("without chromium a browser test is skipped on a developer's machine, and runs to fail in CI", () => {
  const none = { PATH: "", CHROMIUM_PATH: "/nonexistent/chromium" };
  assert.deepEqual(chromiumForTests(none), { skip: "no chromium binary found (install it with apt-get install -y chromium, or set CHROMIUM_PATH)" });
  assert.deepEqual(chromiumForTests({ ...none, CI: "false" }).skip, "no chromium binary found (install it with apt-get install -y chromium, or set CHROMIUM_PATH)");
  const ci = chromiumForTests({ ...none, CI: "true" });
  assert.deepEqual(ci, { skip: false });
  assert.throws(() => requireChromium(ci), {
    message: "no chromium binary found, and CI is set: a browser test fails rather than skips in CI; install it with apt-get install -y chromium, or set CHROMIUM_PATH",
  });
});
