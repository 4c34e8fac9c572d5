import { countOf } from "../../access/plural";
import { createHash } from "node:crypto";
import { byText } from "../../access/text-order";
import { fileCommitText } from "../../review/file-commit";
import type { AccessPath, DriftResult, Finding, PersonAccess } from "./findings";
import { APP_USERS_NOT_READ, datedAccess, type ReportHeader } from "./render-markdown";

/*
 * The evidence page an auditor keeps: one self-contained HTML file. First the header (stack, org,
 * portal, when read, the access file and the commit it was compared with), then the findings
 * (severity, who, where, how, the fix), then the access matrix: people by roles, tenants and admin
 * roles, each cell the level (with its end date), the path on demand (<details>), undeclared paths
 * marked, and each person's approvers. Both tables sort by any column (a button in each header,
 * aria-sort says the order, case-insensitive) and filter by any column (a box under each header).
 * Printed, it fits A4 landscape: fixed table layout at the page's width, text at 8 pt, headers
 * repeated on every page, the on-screen controls hidden.
 * Nothing is loaded from anywhere: the Content-Security-Policy allows no source beyond the page's
 * own style and script, pinned by their SHA-256, so the page cannot make a request even if a name
 * in it tried to.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Escaped, with a line-break opportunity after each `@`, `.` and `_`: logins and role names wrap at their parts, not mid-word. */
const breakable = (text: string) => escapeHtml(text).replace(/[@._]/g, "$&<wbr>");

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; font-size: 14px; }
header p, header dl { margin: 0.2rem 0; }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; }
header dt { font-weight: bold; }
header dd { margin: 0; overflow-wrap: anywhere; }
.warning { color: #8a4b00; font-weight: bold; }
h2 { margin: 1.2rem 0 0.4rem; font-size: 1.2rem; }
table { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; overflow-wrap: break-word; }
thead { position: sticky; top: 0; z-index: 1; }
thead th { background: #f2f2f2; }
thead tr.filters th { font-weight: normal; }
th button { font: inherit; font-weight: bold; border: 0; background: none; padding: 0; cursor: pointer; text-align: left; color: inherit; }
th button:focus-visible { outline: 2px solid #0b57d0; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
thead input { width: 100%; box-sizing: border-box; font: inherit; padding: 0.1rem; }
td.undeclared { background: #fde2e1; }
td.critical { color: #a40000; font-weight: bold; }
td.warning { color: #8a4b00; }
.mark { font-weight: bold; color: #a40000; }
.ends { display: block; color: #444; }
details summary { cursor: pointer; color: #555; }
details div { color: #333; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  table { table-layout: fixed; font-size: 8pt; page-break-inside: auto; }
  th, td { padding: 1pt 2pt; overflow-wrap: anywhere; }
  thead { display: table-header-group; position: static; }
  tr { break-inside: avoid; }
  thead tr.filters, .controls, details { display: none; }
  #findings col.severity { width: 7%; } #findings col.kind { width: 11%; } #findings col.who { width: 12%; }
  #findings col.where { width: 14%; } #findings col.how { width: 20%; } #findings col.fix { width: 36%; }
  th button::after { content: none !important; }
  th button { display: contents; }
}
`;

const SCRIPT = `
(function () {
  function cellKey(row, column) {
    var cell = row.cells[column];
    return (cell.getAttribute("data-sort") || cell.textContent || "").trim().toLowerCase();
  }
  function setUp(table) {
    var body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    var filters = Array.prototype.slice.call(table.tHead.querySelectorAll("input[data-column]"));
    var count = document.getElementById(table.id + "-shown");
    function update() {
      var wanted = filters.map(function (input) {
        return { column: Number(input.getAttribute("data-column")), words: input.value.toLowerCase().split(/\\s+/).filter(Boolean) };
      });
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var keep = wanted.every(function (filter) {
          var text = row.cells[filter.column].textContent.toLowerCase();
          return filter.words.every(function (word) { return text.indexOf(word) >= 0; });
        });
        row.hidden = !keep;
        if (keep) shown++;
      });
      if (count) count.textContent = String(shown);
    }
    filters.forEach(function (input) { input.addEventListener("input", update); });
    Array.prototype.forEach.call(heads, function (head, column) {
      var button = head.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = head.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
        head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, column), y = cellKey(b, column);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    update();
  }
  setUp(document.getElementById("findings"));
  setUp(document.getElementById("matrix"));
})();
`;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

const SEVERITY_RANK = { critical: "0", warning: "1", information: "2" } as const;

/** Columns: platform roles first, then tenants, then Okta admin roles, then the rest, each sorted. */
function columnOrder(target: string): number {
  if (target.startsWith("role ")) return 0;
  if (target.startsWith("tenant ")) return 1;
  if (target.startsWith("Okta admin role ")) return 2;
  return 3;
}

/** The header row (a sort button in each cell) and the filter row (a box under each) of a table. */
function tableHead(table: string, columns: readonly string[]): string {
  const heads = columns.map((column) => `<th scope="col"><button type="button">${breakable(column)}</button></th>`).join("");
  const filters = columns
    .map((column, index) => `<th><input type="search" data-column="${index}" aria-label="Filter ${escapeHtml(table)} by ${escapeHtml(column)}" autocomplete="off"></th>`)
    .join("");
  return `<thead><tr>${heads}</tr><tr class="filters">${filters}</tr></thead>`;
}

function whoText(finding: Finding): string {
  if (!finding.who) return "";
  return `${finding.who.login}${finding.who.name ? ` (${finding.who.name})` : ""}, ${finding.who.status}`;
}

function findingRow(finding: Finding): string {
  return (
    `<tr><td class="${finding.severity}" data-sort="${SEVERITY_RANK[finding.severity]}">${finding.severity}</td><td>${escapeHtml(finding.kind)}</td>` +
    `<td>${breakable(whoText(finding))}</td><td>${breakable(finding.where)}</td><td>${escapeHtml(finding.how)}</td><td class="fix">${escapeHtml(finding.fix)}</td></tr>`
  );
}

/** A compact cell: the level (and its end), marked when the file does not declare it; the path and line on demand. */
function cellHtml(paths: readonly AccessPath[]): string {
  return paths
    .map((path) => {
      const mark = path.declared ? "" : `<span class="mark">not in the file</span> `;
      const ends = path.expires ? `<span class="ends">until ${escapeHtml(path.expires)}</span>` : "";
      const line = path.line ? ` (${escapeHtml(path.line)})` : "";
      const owners = path.owners.length > 0 ? `; owners ${escapeHtml(path.owners.join(", "))}` : "";
      return `${mark}<span class="level">${breakable(path.level)}</span>${ends}<details><summary>path</summary><div>${escapeHtml(path.path)}${line}${owners}</div></details>`;
    })
    .join("");
}

function ownersOf(person: PersonAccess): string {
  return [...new Set(person.access.flatMap((access) => access.owners))].sort(byText).join(", ");
}

export function accessMatrixHtml(result: DriftResult, header: ReportHeader): string {
  const targets = [...new Set(result.people.flatMap((person) => person.access.map((access) => access.target)))].sort((a, b) => columnOrder(a) - columnOrder(b) || byText(a, b));
  const rows = result.people.map((person) => {
    const cells = targets.map((target) => {
      const paths = person.access.filter((access) => access.target === target);
      const undeclared = paths.some((path) => !path.declared);
      return `<td${undeclared ? ' class="undeclared"' : ""}>${cellHtml(paths)}</td>`;
    });
    return `<tr data-login="${escapeHtml(person.login)}"><td>${breakable(person.login)}</td><td>${escapeHtml(person.name)}</td><td>${escapeHtml(person.status)}</td><td>${breakable(ownersOf(person))}</td>${cells.join("")}</tr>`;
  });
  const count = (severity: Finding["severity"]) => result.findings.filter((finding) => finding.severity === severity).length;
  const csp = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(SCRIPT)}'; img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;
  const title = `Access evidence: ${header.stack}, ${header.orgUrl}, ${header.readAt}`;
  const file = header.accessFile;
  const notChecked = [
    ...(header.portalRead ? [] : ["The DuploCloud portal was not read (no DUPLO_TOKEN): its users and tenant grants were not checked."]),
    ...(header.appUsersRead ? [] : [APP_USERS_NOT_READ]),
  ];
  const dated = datedAccess(result).length;
  const findingColumns = ["Severity", "Kind", "Who", "Where", "How", "Fix"];
  const matrixColumns = ["Login", "Name", "Status", "Owners", ...targets];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Who has access, live: evidence</h1>
<dl>
<dt>Stack</dt><dd id="stack">${escapeHtml(header.stack)}</dd>
<dt>Okta org</dt><dd id="org">${escapeHtml(header.orgUrl)}</dd>
<dt>DuploCloud portal</dt><dd id="portal">${header.portalRead ? escapeHtml(header.portalUrl ?? "read") : "not read"}</dd>
<dt>Read</dt><dd><time id="read-at">${escapeHtml(header.readAt)}</time></dd>
<dt>Access file</dt><dd id="access-file">${escapeHtml(file.path)}</dd>
<dt>Commit</dt><dd id="commit">${escapeHtml(file.commit)}</dd>
</dl>
${file.differs ? `<p class="warning" id="differs">The access file in the working tree differs from that commit: ${escapeHtml(fileCommitText(file))}.</p>` : ""}
${notChecked.map((text) => `<p class="warning">Not checked: ${escapeHtml(text)}</p>`).join("\n")}
<p>${countOf(result.findings.length, "finding")}: ${count("critical")} critical, ${countOf(count("warning"), "warning")}, ${count("information")} information. ${countOf(result.people.length, "person holds", "people hold")} access; ${countOf(dated, "access path has", "access paths have")} an end date. Cells marked <span class="mark">not in the file</span> are access the access file does not declare.</p>
</header>
<main>
<h2 id="findings-title">Findings</h2>
<p class="controls"><span id="findings-shown">${result.findings.length}</span> of ${result.findings.length} findings shown. Sort by a column with its button; filter with the boxes under the headers.</p>
${result.findings.length === 0 ? `<p id="no-findings">No finding: the live org matches the access file.</p>\n` : ""}<table id="findings" aria-labelledby="findings-title">
<colgroup><col class="severity"><col class="kind"><col class="who"><col class="where"><col class="how"><col class="fix"></colgroup>
${tableHead("findings", findingColumns)}
<tbody>
${result.findings.map(findingRow).join("\n")}
</tbody>
</table>
<h2 id="matrix-title">Access matrix</h2>
<p class="controls"><span id="matrix-shown">${result.people.length}</span> of ${result.people.length} people shown. Open "path" in a cell to see how the person holds it and where the file grants it.</p>
<table id="matrix" aria-labelledby="matrix-title">
${tableHead("matrix", matrixColumns)}
<tbody>
${rows.join("\n")}
</tbody>
</table>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
