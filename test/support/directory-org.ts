import type { OktaEmulator } from "../../src/sandbox/okta-emulator";

/**
 * The people and groups of the directory-snapshot tests (test/okta/read-api.test.ts, and
 * `npm run directory` in test/cli/directory.test.ts): six people of the four statuses the reader
 * must tell apart (active, suspended, staged, deactivated), and four groups.
 */
export function seedDirectoryOrg(okta: OktaEmulator): void {
  const person = (id: string, login: string, department: string, status = "ACTIVE", extra: Record<string, unknown> = {}) =>
    okta.users.push({ id, status, profile: { login, email: login, firstName: "F", lastName: "L", department, mobilePhone: "+1 555 0100", ...extra } });
  person("00u1", "ada@acme.example", "Engineering", "ACTIVE", { title: "Data Engineer" });
  person("00u2", "bob@acme.example", "Payments");
  person("00u3", "cy@acme.example", "Payments", "SUSPENDED");
  person("00u4", "dee@acme.example", "Sales", "ACTIVE", { costCenters: ["cc-1", "cc-2"] });
  person("00u5", "eve@acme.example", "Analytics", "STAGED");
  person("00u6", "fay@acme.example", "Payments", "DEPROVISIONED");
  okta.groups.push(
    { id: "00g1", name: "Everyone", members: ["00u1", "00u2", "00u3", "00u4", "00u5", "00u6"] },
    { id: "00g2", name: "contractors", members: ["00u4", "00u6"] },
    { id: "00g3", name: "duploservices-pay-a", members: ["00u2"] },
    { id: "00g4", name: "duploservices-pay-b", members: ["00u3"] },
  );
}
