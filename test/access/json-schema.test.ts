import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { JSON_SCHEMA_PATH, renderAccessJsonSchema } from "../../src/access/json-schema";
import { PROJECT_DIR } from "../../src/cli/common";

test("the checked-in JSON Schema is what the zod schema generates (run npm run schema if not)", () => {
  const checkedIn = readFileSync(path.join(PROJECT_DIR, JSON_SCHEMA_PATH), "utf8");
  assert.equal(checkedIn, renderAccessJsonSchema());
});

test("the JSON Schema forbids unknown keys and carries the documented defaults", () => {
  const schema = JSON.parse(renderAccessJsonSchema());
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema.required, ["duplocloud", "roles"]);
  assert.equal(schema.properties.groupNaming.properties.tenantReadWritePrefix.default, "duploservices-");
  assert.equal(schema.properties.groupNaming.properties.tenantReadOnlyPrefix.default, "duplo-ro-");
  assert.equal(schema.properties.roles.properties.administrators.properties.rule, undefined, "administrators cannot have a rule");
});

test("every stack's access file points editors at the schema on line 1", () => {
  const firstLine = readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8").split("\n")[0];
  assert.equal(firstLine, "# yaml-language-server: $schema=../schema/access.schema.json");
});
