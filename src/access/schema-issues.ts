import { countOf } from "./plural";
import type { z } from "zod";
import { accessFileSchema } from "./schema";
import { keyPathToString, type Problem } from "./problems";
import { locate, type AccessSource } from "./source";

/** Hints for keys people reach for that the schema leaves out on purpose. */
const KEY_HINTS: ReadonlyMap<string, string> = new Map([
  ["roles.administrators.rule", "administrators are given explicitly only, so that no attribute change can make or unmake an administrator; list them under members"],
  // A service app's role without targets acts on the whole org already: there is no orgWide to write.
  [
    "apiAccess.serviceApps.orgWide",
    "a service app's admin role without targets acts on the whole org; leave orgWide out, or scope the role with targets: { teams: [...] } (apps: [...] for APP_ADMIN)",
  ],
]);

/** Turns zod's issues into located problems with messages that say how to fix them. */
export function schemaIssuesToProblems(source: AccessSource, issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue) => issueToProblems(source, issue));
}

function issueToProblems(source: AccessSource, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path as PropertyKey[];
  const key = keyPathToString(path);
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeysAt(path);
    return issue.keys.map((unknownKey) => {
      const fullKey = keyPathToString([...path, unknownKey]);
      const hint = KEY_HINTS.get(fullKey.replace(/\[\d+\]/g, "")) ?? `allowed keys here: ${allowed.join(", ")}`;
      return { file: source.file, ...locate(source, [...path, unknownKey], "key"), key: fullKey, message: `unknown key "${unknownKey}"; ${hint}` };
    });
  }
  const value = valueAt(source.data, path);
  if (issue.code === "invalid_type" && value === undefined) {
    const parentPath = path.slice(0, -1);
    return [{ file: source.file, ...locate(source, parentPath, "value"), key, message: `missing required key "${String(path.at(-1))}"; add it` }];
  }
  let message: string;
  if (issue.code === "invalid_type") {
    message = `must be ${article(issue.expected)}, not ${describe(value)}`;
  } else if (issue.code === "invalid_value") {
    message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, not ${quoted(value)}`;
  } else if (issue.code === "too_small" && issue.origin === "array") {
    message = issue.message.startsWith("Too small") ? `must list at least ${countOf(Number(issue.minimum), "item")}` : issue.message;
  } else if (issue.code === "too_small" && issue.origin === "string") {
    const minimum = Number(issue.minimum);
    message = !issue.message.startsWith("Too small") ? issue.message : minimum <= 1 ? "must not be empty" : `is too short: write at least ${minimum} characters`;
  } else if (issue.code === "too_big") {
    // A limit that says why (e.g. Okta's, on a rule's exceptions) keeps its own message.
    message = !issue.message.startsWith("Too big") ? issue.message : `is too long: at most ${issue.maximum} ${issue.origin === "string" ? "characters" : "items"}`;
  } else {
    message = issue.message;
  }
  return [{ file: source.file, ...locate(source, path, "value"), key, message }];
}

function article(type: string): string {
  if (type === "object") return "a mapping (key: value lines)";
  if (type === "array") return "a list (lines starting with '- ')";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A value quoted short and cut: a file that is not an access file (a key, an environment dump) is never echoed whole. */
function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 26 ? `${text.slice(0, 25)}…" (${typeof value === "string" ? value.length : text.length} characters)` : text;
}

function describe(value: unknown): string {
  if (value === null) return "empty (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `the ${typeof value} ${quoted(value)}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** The keys the schema allows at a path, for "unknown key" messages. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType | undefined = accessFileSchema;
  const unwrap = (s: z.core.$ZodType): z.core.$ZodType => {
    let current = s;
    for (;;) {
      const def = current._zod.def as { type: string; innerType?: z.core.$ZodType };
      if ((def.type === "default" || def.type === "optional" || def.type === "prefault") && def.innerType) current = def.innerType;
      else return current;
    }
  };
  for (const part of path) {
    if (!schema) return [];
    const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType };
    if (typeof part === "number") schema = def.element;
    else schema = def.shape?.[String(part)];
  }
  if (!schema) return [];
  const def = unwrap(schema)._zod.def as { shape?: Record<string, unknown> };
  return Object.keys(def.shape ?? {}).sort();
}
