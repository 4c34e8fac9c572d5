import { test } from "node:test";
import assert from "node:assert/strict";
import { configKeyLocations } from "../../src/config/config-key-locations";

/* Where each config key is written, FILE:LINE:COLUMN of the key, for located stack-config messages. */

test("locations: every key of the config mapping, qualified as Pulumi reads it; other keys and the project's own spelled out", () => {
  const text =
    "secretsprovider: passphrase\nconfig:\n  accessFile: access/prod.yaml\n  okta:orgName: acme\n  aws:config:region: us-west-2\n  # a comment\n    \n  duplocloud:host: https://acme.duplocloud.net\n";
  assert.deepEqual(configKeyLocations(text, "Pulumi.prod.yaml", "p"), {
    "p:accessFile": "Pulumi.prod.yaml:3:3",
    "okta:orgName": "Pulumi.prod.yaml:4:3",
    "aws:region": "Pulumi.prod.yaml:5:3",
    "duplocloud:host": "Pulumi.prod.yaml:8:3",
  });
});

test("locations: a byte-order mark does not shift the columns, JSON is read too, keys that are not text or not Pulumi keys are skipped", () => {
  assert.deepEqual(configKeyLocations("\uFEFFconfig: {duplocloud:host: x}\n", "Pulumi.s.yaml", "p"), { "duplocloud:host": "Pulumi.s.yaml:1:10" });
  assert.deepEqual(configKeyLocations('{\n  "config": {\n    "duplocloud:host": "x"\n  }\n}\n', "Pulumi.s.json", "p"), { "duplocloud:host": "Pulumi.s.json:3:5" });
  assert.deepEqual(configKeyLocations("config:\n  1: one\n  [a, b]: list\n  a:b:c: bad\n  okta:orgName: acme\n", "Pulumi.s.yaml", "p"), { "okta:orgName": "Pulumi.s.yaml:5:3" });
});

test("locations: no config mapping, none located (config as text is the old stackConfigDir)", () => {
  assert.deepEqual(
    ["", "config: stacks\n", "- a\n", "config:\n  - okta:orgName\n"].map((text) => configKeyLocations(text, "Pulumi.yaml", "p")),
    [{}, {}, {}, {}],
  );
});
