import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { accessMatrixHtml } from "../../src/live/drift/render-html";
import { tempDir } from "../support/temp-dir";
import { driftOf, seedDevOrg } from "../support/drift-seed";
import { chromiumForTests, requireChromium } from "../support/chromium";

/*
 * The access matrix in a real browser: headless Chromium (Debian's chromium package, which .ci/run
 * installs) driven by playwright-core. It renders the matrix, filtering narrows the rows, sorting
 * orders them, no request leaves the page and no script fails. Without a chromium binary it is
 * skipped, saying why, except in CI, where it fails (support/chromium.ts).
 */

const chromiumSetup = chromiumForTests();
const folder = tempDir("drift-html-");

test("drift --html: the matrix renders in Chromium, filters and sorts, with no request leaving the page and no script error", { skip: chromiumSetup.skip }, async () => {
  const org = await seedDevOrg();
  org.addMember("duploservices-dev01", "hank.hr@acme.example");
  const { live, result } = await driftOf(org);
  await org.okta.stop();
  await org.duplo.stop();
  const file = path.join(folder, "matrix.html");
  writeFileSync(file, accessMatrixHtml(result, { stack: "dev", orgUrl: live.orgUrl, readAt: "2026-12-02T06:00:00.000Z", portalRead: true, appUsersRead: true }));

  const browser = await chromium.launch({ executablePath: requireChromium(chromiumSetup), headless: true, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const url = pathToFileURL(file).toString();
    await page.goto(url);

    const header = await Promise.all(["#stack", "#org", "#read-at"].map((selector) => page.textContent(selector)));
    assert.deepEqual(header, ["dev", "https://acme-dev.oktapreview.com", "2026-12-02T06:00:00.000Z"]);
    const columns = await page.$$eval("#matrix thead th", (cells) => cells.map((cell) => cell.textContent));
    assert.deepEqual(columns, [
      "Login",
      "Name",
      "Status",
      "role administrators",
      "role readOnly",
      "role securityAdmins",
      "tenant dev01",
      "tenant qa01",
      "tenant sandbox",
      "Okta admin role HELP_DESK_ADMIN",
      "Okta admin role READ_ONLY_ADMIN",
      "portal role Administrator",
      "portal role User",
    ]);
    const visibleLogins = () => page.$$eval("#matrix tbody tr:not([hidden])", (rows) => rows.map((row) => row.cells[0]!.textContent));
    assert.equal((await visibleLogins()).length, result.people.length);

    // Hank's hand-made path is marked as undeclared, with its level and path.
    const hankCell = await page.$eval("#matrix tbody tr:has(td:first-child:text-is('hank.hr@acme.example')) td:nth-child(7)", (cell) => ({
      className: cell.className,
      text: cell.textContent,
    }));
    assert.deepEqual(hankCell, { className: "undeclared", text: "not in the file read-writegroup duploservices-dev01, added directly (by hand or the API), not by a rule" });

    await page.fill("#filter", "sandbox read-write");
    assert.deepEqual(await visibleLogins(), ["alan.turing@acme.example", "grace.hopper@acme.example"]);
    assert.equal(await page.textContent("#shown"), "2");
    await page.fill("#filter", "not in the file");
    assert.deepEqual(await visibleLogins(), ["hank.hr@acme.example"]);
    await page.fill("#filter", "");
    await page.click("#matrix thead th:first-child");
    await page.click("#matrix thead th:first-child");
    assert.deepEqual((await visibleLogins()).slice(0, 2), ["svc-duplo-sync@acme.example", "okta-breakglass-dev@acme.example"]);

    assert.deepEqual(requests, [url]);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

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
