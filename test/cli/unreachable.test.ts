import { before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import * as path from "node:path";
import { runCliAsync } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";

/*
 * An API that cannot be reached is a failure (exit 3) in every live command, doctor included, and
 * the message names the URL and the cause: never `fetch failed` alone, never a finding.
 */

let closed: string;
before(async () => {
  // A port that was just free: nothing listens there, so the connection is refused.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  closed = `http://127.0.0.1:${port}`;
});

const credentials = { OKTA_API_TOKEN: "unreachable-okta-token", DUPLO_TOKEN: "unreachable-duplo-token" };
const lastLine = (text: string) => text.trimEnd().split("\n").at(-1);
const oktaRefused = (pathAndQuery: string) =>
  `error: GET ${closed}${pathAndQuery} failed: connection refused (ECONNREFUSED); check the org URL (--org-url, or okta:orgName and okta:baseUrl) and the network`;
const duploRefused = (pathAndQuery: string) =>
  `error: DuploCloud GET ${closed}${pathAndQuery} failed: connection refused (ECONNREFUSED); the connection failed or was dropped; check duplocloud:host (or the access file's portal) and the network`;

test("drift, directory: an unreachable org exits 3, naming the URL and the cause", async () => {
  const drift = await runCliAsync("drift", ["--stack", "dev", "--org-url", closed], { ...credentials, DUPLO_TOKEN: "" });
  assert.deepEqual([drift.status, lastLine(drift.stderr)], [3, oktaRefused("/api/v1/users?limit=200")]);
  const directory = await runCliAsync("directory", ["--stack", "dev", "--org-url", closed, "--out", path.join(tempDir("unreachable-"), "d.json")], credentials);
  assert.deepEqual([directory.status, lastLine(directory.stderr)], [3, oktaRefused("/api/v1/users?limit=200")]);
});

test("doctor, import: an unreachable portal exits 3, naming the URL and the cause (doctor reports no difference)", async () => {
  const doctor = await runCliAsync("doctor", ["--stack", "dev", "--host", closed], credentials);
  assert.deepEqual([doctor.status, doctor.stdout, lastLine(doctor.stderr)], [3, "", duploRefused("/admin/GetTenantsForUser")]);
  const imported = await runCliAsync(
    "import",
    ["--stack", "dev", "--org-url", closed, "--host", closed, "--portal", "https://acme-dev.duplocloud.net", "--out", path.join(tempDir("unreachable-"), "i.yaml")],
    credentials,
  );
  assert.deepEqual([imported.status, lastLine(imported.stderr)], [3, duploRefused("/admin/GetTenantsForUser")]);
  for (const output of [doctor, imported]) assert.equal(`${output.stdout}${output.stderr}`.includes("unreachable-duplo-token"), false);
});
