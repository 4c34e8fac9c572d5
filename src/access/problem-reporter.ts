import { keyPathToString, type Problem } from "./problems";
import { locate, type AccessSource } from "./source";

/*
 * How a check reports a problem: by key path, located in the file by the reporter. Its own module so
 * that the checks (checks.ts, admin-role-checks.ts) share it without importing each other.
 */

export type Report = (path: PropertyKey[], message: string, at?: "key" | "value") => void;

/** A Report that adds each problem, located in `source`, to `list`. */
export function reporterInto(source: AccessSource, list: Problem[]): Report {
  return (path, message, at = "value") => list.push({ file: source.file, ...locate(source, path, at), key: keyPathToString(path), message });
}
