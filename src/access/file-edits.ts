import { isMap, isPair, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type Pair, type ParsedNode, type YAMLSeq } from "yaml";
import { isGrantActive, type Expiry } from "./dates";

/*
 * Edits of an access file that keep every other byte: `npm run request` adds a temporary grant and
 * `npm run expiring -- --prune` removes ended grants. The yaml Document API finds where (the byte
 * ranges of its nodes); the text is spliced there, so comments, quoting and layout elsewhere stay as
 * they are and `git diff` shows only the lines added or removed.
 */

/** A temporary grant to add (`temporaryAccess:`), as the request command writes it. */
export interface TemporaryEntry {
  readonly person: string;
  readonly target: { readonly tenant: string; readonly level: string } | { readonly role: string };
  readonly expires: string;
  readonly reason: string;
  readonly requestedBy?: string;
}

/** A scalar as YAML text on one line (plain when that reads back the same, else quoted and escaped). */
const scalar = (value: string) => stringify(value, { lineWidth: 0 }).trimEnd();

function entryLines(entry: TemporaryEntry, indent: string): string[] {
  const fields: Array<[string, string]> = [
    ["person", entry.person],
    ...("role" in entry.target
      ? ([["role", entry.target.role]] as Array<[string, string]>)
      : ([
          ["tenant", entry.target.tenant],
          ["level", entry.target.level],
        ] as Array<[string, string]>)),
    // Quoted: an end is text, whatever a YAML 1.1 reader makes of a date.
    ["expires", JSON.stringify(entry.expires)],
    ["reason", scalar(entry.reason)],
    ...(entry.requestedBy !== undefined ? ([["requestedBy", scalar(entry.requestedBy)]] as Array<[string, string]>) : []),
  ];
  return fields.map(([key, value], i) => `${indent}${i === 0 ? "- " : "  "}${key}: ${key === "expires" || key === "reason" || key === "requestedBy" ? value : scalar(value)}`);
}

function parsed(text: string): Document.Parsed {
  const document = parseDocument(text, { keepSourceTokens: true });
  if (document.errors.length > 0) throw new Error(`the file does not parse as YAML: ${document.errors[0]!.message}`);
  return document;
}

type ParsedPair = Pair<ParsedNode, ParsedNode | null>;

function topPair(document: Document.Parsed, key: string): ParsedPair | undefined {
  if (!isMap(document.contents)) throw new Error("the file is not a YAML map");
  return (document.contents.items as ParsedPair[]).find((pair) => isScalar(pair.key) && pair.key.value === key);
}

/** Offset of the start of the line that holds `offset`. */
const lineStart = (text: string, offset: number) => text.lastIndexOf("\n", offset - 1) + 1;
/** Offset just after the end of the line that holds `offset` (its newline included). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}

/** `text` with one more `temporaryAccess` entry, after the last one (a new section at the end of the file when there is none). */
export function addTemporaryEntry(text: string, entry: TemporaryEntry): string {
  const document = parsed(text);
  const pair = topPair(document, "temporaryAccess");
  if (pair === undefined || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
    if (pair !== undefined) throw new Error("temporaryAccess: is empty; remove the key or give it a list, then request again");
    const body = text.endsWith("\n") || text === "" ? text : `${text}\n`;
    return `${body}\n# Access for one person until an end time: written by npm run request, removed by npm run expiring -- --prune.\ntemporaryAccess:\n${entryLines(entry, "  ").join("\n")}\n`;
  }
  const list = pair.value;
  if (!isSeq(list) || list.flow === true) throw new Error("temporaryAccess: must be a block list (one `- person: ...` entry per item) for npm run request to add to it");
  const last = list.items.at(-1) as Node | undefined;
  if (last === undefined || last.range === undefined || last.range === null) throw new Error("temporaryAccess: has no entries to add after");
  const itemStart = list.range![0];
  const indent = text.slice(lineStart(text, itemStart), itemStart);
  const at = lineEnd(text, last.range[1] - 1);
  const before = text.slice(0, at);
  return `${before}${before.endsWith("\n") ? "" : "\n"}${entryLines(entry, indent).join("\n")}\n${text.slice(at)}`;
}

/** What `pruneEnded` removed, for the command to print. */
export interface Pruned {
  readonly text: string;
  /** The removed lines, as they were. */
  readonly removed: readonly string[];
}

/**
 * `text` without the grants that have ended under `expiry`: teams' `access` entries and
 * `temporaryAccess` entries. A list left empty goes with its key, so the file stays valid. Only whole
 * lines of block lists are removed: an ended grant inside a flow list (`access: [{...}]`) is refused.
 */
export function pruneEnded(text: string, expiry: Exclude<Expiry, "ignore">): Pruned {
  const document = parsed(text);
  const cuts: Array<[number, number]> = [];
  const prune = (keyNode: Node, list: YAMLSeq) => {
    const ended = list.items.filter((item) => {
      const expires = isMap(item) ? item.get("expires") : undefined;
      return typeof expires === "string" && !isGrantActive(expires, expiry);
    }) as Node[];
    if (ended.length === 0) return;
    if (list.flow === true) throw new Error(`an ended grant is in a flow list at line ${lineOf(text, list.range![0])}; write the list one item per line, or remove it by hand`);
    if (ended.length === list.items.length) cuts.push([lineStart(text, keyNode.range![0]), lineEnd(text, list.range![1] - 1)]);
    else for (const item of ended) cuts.push([lineStart(text, item.range![0]), lineEnd(text, item.range![1] - 1)]);
  };
  const temporary = topPair(document, "temporaryAccess");
  if (temporary && isSeq(temporary.value)) prune(temporary.key, temporary.value);
  const teams = topPair(document, "teams");
  if (teams && isSeq(teams.value)) {
    for (const team of teams.value.items) {
      if (!isMap(team)) continue;
      const access = (team.items as ParsedPair[]).find((pair) => isPair(pair) && isScalar(pair.key) && pair.key.value === "access");
      if (access && isSeq(access.value)) prune(access.key, access.value);
    }
  }
  cuts.sort((a, b) => b[0] - a[0]);
  let result = text;
  const removed: string[] = [];
  for (const [from, to] of cuts) {
    removed.unshift(...text.slice(from, to).replace(/\n$/, "").split("\n"));
    result = result.slice(0, from) + result.slice(to);
  }
  return { text: result, removed };
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;
