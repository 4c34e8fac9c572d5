import { test } from "node:test";
import assert from "node:assert/strict";
import { githubAnnotations, problemsJson, withSeverity } from "../../src/cli/problem-output";

const problem = { file: "access/a,b:c%.yaml", line: 3, column: 7, key: "teams[0].rule", message: "100% wrong:\nsecond line, really\r" };

test("GitHub annotations escape as GitHub's toolkit does: %, CR and LF in the message; also : and , in the file", () => {
  assert.equal(
    githubAnnotations([...withSeverity([problem], "error"), ...withSeverity([{ ...problem, key: "", message: "plain" }], "warning")]),
    [
      "::error file=access/a%2Cb%3Ac%25.yaml,line=3,col=7::teams[0].rule: 100%25 wrong:%0Asecond line, really%0D",
      "::warning file=access/a%2Cb%3Ac%25.yaml,line=3,col=7::plain",
      "",
    ].join("\n"),
  );
});

test("JSON problems: file, line, column, key, message, severity, in that order", () => {
  assert.equal(
    problemsJson(withSeverity([problem], "warning")),
    `{\n  "problems": [\n    {\n      "file": "access/a,b:c%.yaml",\n      "line": 3,\n      "column": 7,\n      "key": "teams[0].rule",\n      "message": "100% wrong:\\nsecond line, really\\r",\n      "severity": "warning"\n    }\n  ]\n}\n`,
  );
});
