import { test } from "node:test";
import assert from "node:assert/strict";
import { parseConfigKey, projectOf, stackFileOf } from "../../src/config/pulumi-project";
import { goJson, parsePulumiDocument } from "../../src/config/pulumi-documents";

/* The project file as Pulumi loads it (sdk/go/common/workspace/project.go, loaders.go, paths.go), each rule in full. */

const refusal = (text: string, file = "Pulumi.yaml") => {
  try {
    projectOf(text, file);
  } catch (error) {
    return (error as Error).message;
  }
  return "accepted";
};

test("project: shorthand is a default for the project's own keys and a value for other namespaces; declarations kept", () => {
  const project = projectOf(
    "name: p\nconfig:\n  size: 3\n  p:tags: [a, b]\n  aws:region: us-west-2\n  flag: true\n  declared:\n    type: string\n    default: x\n  okta:orgName:\n    value: acme\n  empty:\n",
    "Pulumi.yaml",
  );
  assert.deepEqual(project.config, {
    size: { default: 3 },
    "p:tags": { default: ["a", "b"] },
    "aws:region": { value: "us-west-2" },
    flag: { default: true },
    declared: { default: "x" },
    "okta:orgName": { value: "acme" },
    empty: {},
  });
  assert.deepEqual([project.name, project.stackConfigDir, project.file], ["p", "", "Pulumi.yaml"]);
});

test("project: what Pulumi refuses is refused with its reason", () => {
  assert.deepEqual(
    [
      "config:\n  a: 1\n",
      "name: p\nconfig:\n  a:\n    default: 1\n    value: 2\n",
      "name: p\nconfig:\n  aws:region:\n    type: string\n    value: x\n",
      "name: p\nconfig:\n  aws:region:\n    default: x\n",
      "name: p\nconfig:\n  aws:region:\n    description: no value\n",
      "name: p\nconfig: cfg\nstackConfigDir: other\n",
      "name: p\nconfig:\n  ratio: 1.5\n",
      "- a list\n",
      "name: p\nname: q\n",
    ].map((text) => refusal(text)),
    [
      "Pulumi.yaml: project is missing a 'name' attribute",
      "Pulumi.yaml: project config \"a\" cannot have both a 'default' and 'value' attribute",
      'Pulumi.yaml: configuration key "aws:region" is not namespaced by the project and should not define a type',
      'Pulumi.yaml: configuration key "aws:region" is not namespaced by the project and should not define a default value',
      "Pulumi.yaml: configuration key \"aws:region\" is namespaced and must provide an attribute 'value'",
      "Pulumi.yaml: should not use both config and stackConfigDir to define the stack directory; use only stackConfigDir",
      'Pulumi.yaml: config "ratio" cannot be read by Pulumi (a number that is not whole is neither a value nor a declaration)',
      "Pulumi.yaml: expected the project to be a mapping",
      "Pulumi.yaml: is not valid YAML (Map keys must be unique at line 2, column 1:)",
    ],
  );
});

test("project: the stack file follows the project file's extension and stackConfigDir; keys parse as config/key.go parses them", () => {
  assert.equal(stackFileOf(projectOf('{"name": "p"}', "Pulumi.json"), "dev"), "Pulumi.dev.json");
  assert.equal(stackFileOf(projectOf("name: p\n", "Pulumi.yml"), "dev"), "Pulumi.dev.yml");
  assert.equal(stackFileOf(projectOf("name: p\nstackConfigDir: ./cfg/\n", "Pulumi.yaml"), "dev"), "cfg/Pulumi.dev.yaml");
  // filepath.Join keeps an absolute folder under the project.
  assert.equal(stackFileOf(projectOf("name: p\nstackConfigDir: /cfg\n", "Pulumi.yaml"), "dev"), "cfg/Pulumi.dev.yaml");
  assert.deepEqual(
    ["size", "aws:region", "aws:config:region"].map((key) => parseConfigKey("p", key, "Pulumi.dev.yaml")),
    ["p:size", "aws:region", "aws:region"],
  );
  assert.throws(() => parseConfigKey("p", "a:b:c", "Pulumi.dev.yaml"), { message: 'Pulumi.dev.yaml: config key "a:b:c" is not of the form <namespace>:<name>; Pulumi refuses it' });
});

test("documents: a byte-order mark is dropped, merge keys resolved; composite values are Go's JSON (sorted keys, <>& escaped)", () => {
  assert.deepEqual(parsePulumiDocument("\uFEFFbase: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n", "Pulumi.dev.yaml"), { base: { x: 1 }, c: { x: 1, y: 2 } });
  assert.deepEqual(parsePulumiDocument('\uFEFF{"a": 1}', "Pulumi.dev.json"), { a: 1 });
  assert.equal(goJson({ b: ["<x>", true, null, 1.5], a: "&" }), '{"a":"\\u0026","b":["\\u003cx\\u003e",true,null,1.5]}');
});
