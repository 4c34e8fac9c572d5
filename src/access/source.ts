import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from "yaml";
import type { Problem } from "./problems";

/** Larger files are refused before parsing: no real access file comes near it, and parsing one must stay fast. */
export const MAX_ACCESS_FILE_BYTES = 4 * 1024 * 1024;
/** Aliases are handy for shared member lists; past this many expansions a file is an alias bomb, not an access file. */
export const MAX_ALIAS_EXPANSIONS = 1000;
/** Nesting deeper than this is never a real access file, and would risk the parser's stack. */
export const MAX_NESTING_DEPTH = 64;

/** A parsed access file that still knows where every value came from. */
export interface AccessSource {
  readonly file: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
  /** The plain data of the document (what the schema validates). */
  readonly data: unknown;
}

export type LoadResult = { ok: true; source: AccessSource } | { ok: false; problems: Problem[] };

function problemAt(file: string, message: string, line = 1, column = 1, key = ""): Problem {
  return { file, line, column, key, message };
}

/**
 * Reads and parses `file` (from disk unless `text` is given); never throws for bad input. A relative
 * `file` is read from `baseDir` (default: the working directory) and shown as written.
 */
export function loadAccessSource(file: string, text?: string, baseDir?: string): LoadResult {
  if (text === undefined) {
    const read = readAccessFileText(file, baseDir === undefined ? file : path.resolve(baseDir, file));
    if (!read.ok) return read;
    text = read.text;
  }
  return parseAccessText(file, text);
}

function readAccessFileText(file: string, location: string): { ok: true; text: string } | { ok: false; problems: Problem[] } {
  let size: number;
  try {
    const stat = statSync(location);
    if (stat.isDirectory()) {
      return { ok: false, problems: [problemAt(file, "is a directory, not an access file; name a .yaml file inside it")] };
    }
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? "unknown error"})`;
    return { ok: false, problems: [problemAt(file, `${reason}; check the path or the stack's accessFile setting`)] };
  }
  if (size > MAX_ACCESS_FILE_BYTES) {
    return {
      ok: false,
      problems: [
        problemAt(
          file,
          `is ${size} bytes, more than the ${MAX_ACCESS_FILE_BYTES} bytes an access file may have; split the environment into several stacks`,
        ),
      ],
    };
  }
  const bytes = readFileSync(location);
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const before = bytes.subarray(0, offset).toString("latin1");
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    return {
      ok: false,
      problems: [problemAt(file, "is not valid UTF-8; save the file as UTF-8", line, column)],
    };
  }
}

/** Byte offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let low = 0;
  let high = bytes.length;
  // Binary search for the longest valid prefix; decoding is linear, so this stays cheap.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, middle), { stream: true });
      decoder.decode();
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  return low;
}

function parseAccessText(file: string, text: string): LoadResult {
  const lines = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }) as Document.Parsed[];
  } catch (error) {
    return { ok: false, problems: [problemAt(file, `cannot be parsed as YAML: ${(error as Error).message}`)] };
  }
  if (!Array.isArray(documents)) documents = [documents];
  const located = (offset: number, message: string): Problem => {
    const { line, col } = lines.linePos(offset);
    return problemAt(file, message, line, col);
  };
  if (documents.length === 0 || documents[0]!.contents === null) {
    return {
      ok: false,
      problems: [problemAt(file, "is empty; an access file needs at least the duplocloud and roles sections")],
    };
  }
  if (documents.length > 1) {
    return {
      ok: false,
      problems: [
        located(documents[1]!.range[0], "holds more than one YAML document; keep one environment per file and remove the '---' separator"),
      ],
    };
  }
  const document = documents[0]!;
  const problems: Problem[] = [];
  for (const error of document.errors) {
    const message =
      error.code === "DUPLICATE_KEY"
        ? "duplicate key: a key may appear only once in a mapping; merge the two entries"
        : /call stack/i.test(error.message)
          ? `nests deeper than ${MAX_NESTING_DEPTH} levels; no access file needs that`
          : `YAML syntax error: ${error.message.split("\n")[0]}`;
    problems.push(located(error.pos[0], message));
  }
  if (problems.length > 0) return { ok: false, problems };

  const tooDeep = findTooDeepNode(document.contents);
  if (tooDeep) {
    return { ok: false, problems: [located(tooDeep.range?.[0] ?? 0, `nests deeper than ${MAX_NESTING_DEPTH} levels; no access file needs that`)] };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    const message = (error as Error).message;
    const why = /alias/i.test(message)
      ? `expands aliases too often (more than ${MAX_ALIAS_EXPANSIONS}); write the lists out or use fewer nested aliases`
      : `cannot be read: ${message}`;
    return { ok: false, problems: [problemAt(file, why)] };
  }
  return { ok: true, source: { file, text, document, lines, data } };
}

/** Iterative walk, so that a hostile document cannot overflow the stack while we look at it. */
function findTooDeepNode(root: unknown): Node | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_NESTING_DEPTH) return node;
      for (const item of node.items) {
        if (isPair(item)) stack.push({ node: item.value, depth: depth + 1 });
        else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Position of a key path in the source: the value's node if present, else the nearest parent that exists. */
export function locate(source: AccessSource, path: readonly PropertyKey[], at: "key" | "value" = "value"): { line: number; column: number } {
  let node: unknown = source.document.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      offset = at === "key" || !valueNode?.range ? (keyNode.range?.[0] ?? offset) : valueNode.range[0];
      node = valueNode;
    } else if (isSeq(node) && typeof part === "number") {
      const item = node.items[part] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const { line, col } = source.lines.linePos(offset);
  return { line, column: col };
}

/** The YAML node at a key path, if there is one (used to place errors inside scalars). */
export function nodeAt(source: AccessSource, path: readonly PropertyKey[]): Node | undefined {
  const node = source.document.getIn(path as unknown[], true);
  return node && typeof node === "object" ? (node as Node) : undefined;
}
