import { test } from "node:test";
import assert from "node:assert/strict";
import { teamGroupName, tenantGroupName, tenantGroupPrefix } from "../../src/access/naming";
import { LEVEL_SHORT } from "../../src/access/vocabulary";
import { DEFAULT_GROUP_NAMING } from "../../src/access/schema";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

test("group names from a naming alone: DuploCloud's prefix by level, the team prefix; the defaults are DuploCloud's", () => {
  const custom = { groupNaming: { tenantReadWritePrefix: "svc-", tenantReadOnlyPrefix: "ro-", teamPrefix: "t-" } };
  assert.deepEqual(
    [
      tenantGroupPrefix(custom.groupNaming, "read-write"),
      tenantGroupPrefix(custom.groupNaming, "read-only"),
      tenantGroupName(custom, "dev01", "read-only"),
      teamGroupName(custom, "payments"),
      tenantGroupName({ groupNaming: DEFAULT_GROUP_NAMING }, "dev01", "read-write"),
      tenantGroupName({ groupNaming: DEFAULT_GROUP_NAMING }, "dev01", "read-only"),
      teamGroupName({ groupNaming: DEFAULT_GROUP_NAMING }, "payments"),
    ],
    ["svc-", "ro-", "ro-dev01", "t-payments", "duploservices-dev01", "duplo-ro-dev01", "duplo-team-payments"],
  );
  assert.deepEqual(LEVEL_SHORT, { "read-write": "rw", "read-only": "ro" });
});

test("a file that sets no group naming is named with DEFAULT_GROUP_NAMING", () => {
  assert.deepEqual(modelOf(VALID_ACCESS_FILE).groupNaming, DEFAULT_GROUP_NAMING);
});
