import { createHash } from "node:crypto";
import { byText } from "../../access/text-order";
import type { AccessPath, DriftResult } from "./findings";
import { APP_USERS_NOT_READ, type ReportHeader } from "./render-markdown";

/*
 * The access matrix as one self-contained HTML page an auditor can keep: people by tenants and
 * roles, each cell the level and the path, undeclared paths marked. Sorting (click a column) and
 * filtering (type in the box) run in a small inline script. Nothing is loaded from anywhere: the
 * Content-Security-Policy allows no source at all beyond the page's own style and script, pinned
 * by their SHA-256, so the page cannot make a request even if a name in it tried to.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
header p { margin: 0.2rem 0; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; vertical-align: top; }
th { background: #f2f2f2; cursor: pointer; position: sticky; top: 0; }
th[aria-sort="ascending"]::after { content: " \\25B2"; }
th[aria-sort="descending"]::after { content: " \\25BC"; }
td.undeclared { background: #fde2e1; }
.path { color: #555; display: block; }
.mark { font-weight: bold; color: #a40000; }
#filter { margin: 0.8rem 0; padding: 0.3rem; width: 24rem; }
`;

const SCRIPT = `
(function () {
  var table = document.getElementById("matrix");
  var body = table.tBodies[0];
  var filter = document.getElementById("filter");
  var count = document.getElementById("shown");
  function update() {
    var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var text = row.textContent.toLowerCase();
      var keep = words.every(function (word) { return text.indexOf(word) >= 0; });
      row.hidden = !keep;
      if (keep) shown++;
    });
    count.textContent = String(shown);
  }
  filter.addEventListener("input", update);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
    cell.addEventListener("click", function () {
      var ascending = cell.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
      cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].textContent, y = b.cells[column].textContent;
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  update();
})();
`;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

/** Columns: platform roles first, then tenants, then Okta admin roles, then the rest, each sorted. */
function columnOrder(target: string): number {
  if (target.startsWith("role ")) return 0;
  if (target.startsWith("tenant ")) return 1;
  if (target.startsWith("Okta admin role ")) return 2;
  return 3;
}

function cellHtml(paths: readonly AccessPath[]): string {
  return paths
    .map((path) => {
      const mark = path.declared ? "" : `<span class="mark">not in the file</span> `;
      const line = path.line ? ` (${escapeHtml(path.line)})` : "";
      return `${mark}${escapeHtml(path.level)}<span class="path">${escapeHtml(path.path)}${line}</span>`;
    })
    .join("<br>");
}

export function accessMatrixHtml(result: DriftResult, header: ReportHeader): string {
  const targets = [...new Set(result.people.flatMap((person) => person.access.map((access) => access.target)))].sort((a, b) => columnOrder(a) - columnOrder(b) || byText(a, b));
  const rows = result.people.map((person) => {
    const cells = targets.map((target) => {
      const paths = person.access.filter((access) => access.target === target);
      const undeclared = paths.some((path) => !path.declared);
      return `<td${undeclared ? ' class="undeclared"' : ""}>${cellHtml(paths)}</td>`;
    });
    return `<tr><td>${escapeHtml(person.login)}</td><td>${escapeHtml(person.name)}</td><td>${escapeHtml(person.status)}</td>${cells.join("")}</tr>`;
  });
  const critical = result.findings.filter((finding) => finding.severity === "critical").length;
  const csp = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(SCRIPT)}'; img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;
  const title = `Access matrix: ${header.stack}, ${header.orgUrl}, ${header.readAt}`;
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
<h1>Who has access, live</h1>
<p>Stack <strong id="stack">${escapeHtml(header.stack)}</strong>, Okta org <strong id="org">${escapeHtml(header.orgUrl)}</strong>, read <time id="read-at">${escapeHtml(header.readAt)}</time>.</p>
<p>${header.portalRead ? "Okta and the DuploCloud portal were read." : "Okta only: the DuploCloud portal was not read (no DUPLO_TOKEN)."} ${result.findings.length} finding(s), ${critical} critical. Cells marked <span class="mark">not in the file</span> are access the access file does not declare.${header.appUsersRead ? "" : ` ${APP_USERS_NOT_READ}`}</p>
</header>
<label>Filter: <input id="filter" type="search" placeholder="login, tenant, level, group..." autocomplete="off"></label> <span><span id="shown">${result.people.length}</span> of ${result.people.length} people shown</span>
<table id="matrix">
<thead><tr><th>Login</th><th>Name</th><th>Status</th>${targets.map((target) => `<th>${escapeHtml(target)}</th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
