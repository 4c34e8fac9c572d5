import type { z } from "zod";
import { accessFileSchema, type AccessFile } from "./schema";
import { keyPathToString, type Problem } from "./problems";
import { MAX_ALIAS_EXPANSIONS, type AccessSource } from "./source";

/*
 * The parts of a file the schema accepts, so that one pass reports every problem: a wrong level in
 * one team must not hide an unknown team in another. The schema's refusals are taken out of a copy of
 * the document (an unknown key is dropped; any other refusal drops the innermost list entry holding
 * it) until the rest parses, and the checks that need whole values run on that rest. The copy keeps
 * every node's place in the text, so their problems point at the right line; list positions shifted
 * by a dropped entry are given back as the file numbers them.
 */

/**
 * Bounds that keep a hostile file cheap: setting aside is a few rounds (dropping an entry rarely
 * makes another refusal), and past this many refusals the checks wait for the schema's problems
 * to be fixed, rather than parse a large file again and again.
 */
const MAX_ROUNDS = 3;
const MAX_REFUSALS = 1000;

export interface ParsedParts {
  /** The accepted rest, located in the file's own text. */
  readonly source: AccessSource;
  readonly file: AccessFile;
  /**
   * A problem the checks found in the rest, with its key numbered as in the file; undefined for one
   * within, around or above what was dropped (it was judged without the dropped part, so it may not hold).
   */
  readonly inFile: (problem: Problem) => Problem | undefined;
}

type Path = readonly PropertyKey[];

/** The accepted rest of a file the schema refused with `issues`; undefined when a required part is what was refused. */
export function parsedParts(source: AccessSource, issues: readonly z.core.$ZodIssue[]): ParsedParts | undefined {
  // A clone of a parsed document is one too (same nodes, same ranges); yaml's types lose that.
  const document = source.document.clone() as AccessSource["document"];
  /** Entries dropped, by the key of their list in the file's numbering, as the file numbers them. */
  const dropped = new Map<string, number[]>();
  const toFile = (path: Path): PropertyKey[] => {
    const mapped: PropertyKey[] = [];
    for (const part of path) {
      if (typeof part !== "number") {
        mapped.push(part);
        continue;
      }
      let index = part;
      for (const gone of dropped.get(keyPathToString(mapped)) ?? []) if (gone <= index) index++;
      mapped.push(index);
    }
    return mapped;
  };
  let pending = issues;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (pending.length > MAX_REFUSALS) return undefined;
    const entries: Path[] = [];
    for (const issue of pending) {
      const path = issue.path as PropertyKey[];
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) document.deleteIn([...path, key]);
        continue;
      }
      const last = path.map((part) => typeof part === "number").lastIndexOf(true);
      if (last === -1) return undefined;
      entries.push(path.slice(0, last + 1));
    }
    const unique = [...new Map(entries.map((path) => [keyPathToString(path), path])).values()];
    // Deepest and last first, so that dropping one entry never moves another still to drop.
    unique.sort(comparePathsDescending);
    const inFile = unique.map(toFile);
    for (const path of inFile) {
      const list = keyPathToString(path.slice(0, -1));
      dropped.set(list, [...(dropped.get(list) ?? []), path.at(-1) as number].sort((a, b) => a - b));
    }
    for (const path of unique) document.deleteIn(path as unknown[]);
    const data: unknown = document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    const parsed = accessFileSchema.safeParse(data);
    if (parsed.success) {
      const judgedBySchemaOnly = [...dropped].flatMap(([list, indexes]) => indexes.map((index) => enclosingEntry([...pathOfKey(list), index])));
      return {
        source: { ...source, document, data },
        file: parsed.data,
        inFile: (problem) => {
          const key = keyPathToString(toFile(pathOfKey(problem.key)));
          return judgedBySchemaOnly.some((scope) => within(key, scope) || within(scope, key)) ? undefined : { ...problem, key };
        },
      };
    }
    pending = parsed.error.issues;
  }
  return undefined;
}

/** Whether key `inner` is `outer` or lies under it (`teams[1].rule` under `teams[1]`; everything under the whole file, ""). */
function within(inner: string, outer: string): boolean {
  return outer === "" || inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

function comparePathsDescending(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return y - x;
    return String(y) < String(x) ? -1 : 1;
  }
  return b.length - a.length;
}

/**
 * What a dropped entry leaves judged by the schema alone: the entry around it (a team, for one of its
 * grants), or itself when it is in none. Checks about it, within it or above it read values that
 * are not all there (an admin role whose only target was dropped is not one "without targets").
 */
function enclosingEntry(path: PropertyKey[]): string {
  const outer = path.slice(0, -1).map((part) => typeof part === "number").lastIndexOf(true);
  return keyPathToString(outer === -1 ? path : path.slice(0, outer + 1));
}

/** `teams[2].access[0].tenant` back to its path; the keys the checks report hold no dots or brackets of their own. */
function pathOfKey(key: string): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (const match of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return path;
}
