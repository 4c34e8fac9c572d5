import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from "yaml";

/*
 * The change an access review's removals make to the access file. The yaml package's Document API
 * finds each node and its place in the source (node.range: start, value end, node end); the edit is
 * then made on the text at that place, so every other byte, every comment and the file's own flow
 * and spacing style stay as they were (re-printing the whole document would respace every flow
 * collection). A named member is taken out of `members`; a person a rule lets in is added to the
 * rule's `except` list (the key h-membership's schema defines: people the rule leaves out).
 */

export class CertifyEditError extends Error {}

export interface Removal {
  /** The group in the file: ["teams", 1] or ["roles", "readOnly"]. */
  readonly filePath: readonly (string | number)[];
  /** The group as a person reads it: `teams[payments]`, `roles.administrators`. */
  readonly where: string;
  readonly login: string;
  /** Take the name out of `members`. */
  readonly unname: boolean;
  /** Add them to the rule's `except`. */
  readonly except: boolean;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf("\n", offset - 1) + 1;
const lineEnd = (text: string, offset: number) => {
  const end = text.indexOf("\n", offset);
  return end === -1 ? text.length : end;
};

/** A login as a YAML scalar in a flow or block sequence: plain when it is a plain e-mail-like word, else double-quoted. */
const scalarText = (login: string) => (/^[A-Za-z0-9][A-Za-z0-9._%+@-]*$/.test(login) ? login : JSON.stringify(login));

function parsed(text: string) {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new CertifyEditError(`the access file does not parse: ${document.errors[0]!.message}`);
  return document;
}

function groupMap(text: string, filePath: readonly (string | number)[]): YAMLMap {
  const node = parsed(text).getIn(filePath, true);
  if (!isMap(node)) throw new CertifyEditError(`${filePath.join(".")} is not in the access file`);
  if (node.flow) throw new CertifyEditError(`${filePath.join(".")} is written as a flow mapping ({ ... }): edit it by hand`);
  return node;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair | undefined;
}

/** The text without one member of `members`; unchanged when they are not there. */
function withoutMember(text: string, filePath: readonly (string | number)[], login: string): string {
  const members = pairOf(groupMap(text, filePath), "members")?.value;
  if (!isSeq(members)) return text;
  const seq = members as YAMLSeq;
  const index = seq.items.findIndex((item) => isScalar(item) && String(item.value).toLowerCase() === login);
  if (index === -1) return text;
  const item = seq.items[index] as { range: [number, number, number] };
  if (seq.flow) {
    const [start, , end] = seq.range!;
    const source = text.slice(start, end);
    if (source.includes("#")) throw new CertifyEditError(`${[...filePath, "members"].join(".")} has a comment inside its [ ]: edit it by hand`);
    const kept = seq.items.filter((_, at) => at !== index).map((other) => text.slice((other as { range: number[] }).range[0], (other as { range: number[] }).range[1]));
    const close = source.lastIndexOf("]");
    return `${text.slice(0, start)}[${kept.join(", ")}]${text.slice(start + close + 1)}`;
  }
  // A block item: its line goes; a comment at the end of that line stays, on a line of its own.
  const from = lineStart(text, item.range[0]);
  const to = lineEnd(text, item.range[1]);
  const rest = text.slice(item.range[1], to);
  const comment = rest.indexOf("#");
  if (comment === -1) return text.slice(0, from) + text.slice(Math.min(to + 1, text.length));
  const dashColumn = text.slice(from, item.range[0]).indexOf("-");
  return `${text.slice(0, from)}${" ".repeat(dashColumn)}${rest.slice(comment).trimEnd()}${text.slice(to)}`;
}

/** The text with the login in the group's `except` list (made after `rule` when absent); unchanged when already there. */
function withException(text: string, filePath: readonly (string | number)[], login: string): string {
  const map = groupMap(text, filePath);
  const except = pairOf(map, "except");
  if (except && isSeq(except.value)) {
    const seq = except.value as YAMLSeq;
    if (seq.items.some((item) => isScalar(item) && String(item.value).toLowerCase() === login)) return text;
    if (seq.flow) {
      const close = text.lastIndexOf("]", seq.range![1]);
      return `${text.slice(0, close)}${seq.items.length > 0 ? ", " : ""}${scalarText(login)}${text.slice(close)}`;
    }
    const last = seq.items[seq.items.length - 1] as { range: [number, number, number] };
    const from = lineStart(text, last.range[0]);
    const dash = text.slice(from, last.range[0]);
    const end = lineEnd(text, last.range[1]);
    return `${text.slice(0, end)}\n${dash}${scalarText(login)}${text.slice(end)}`;
  }
  if (except) throw new CertifyEditError(`${[...filePath, "except"].join(".")} is not a list: edit it by hand`);
  const rule = pairOf(map, "rule");
  if (!rule || !isScalar(rule.key) || !rule.value) throw new CertifyEditError(`${filePath.join(".")} has no rule to add an exception to`);
  const key = rule.key as { range: [number, number, number] };
  const value = rule.value as { range: [number, number, number] };
  const indent = key.range[0] - lineStart(text, key.range[0]);
  const end = lineEnd(text, Math.max(value.range[1] - 1, key.range[0]));
  return `${text.slice(0, end)}\n${" ".repeat(indent)}except: [${scalarText(login)}]${text.slice(end)}`;
}

/** The access file's text after the removals, each made on the text the previous one left. */
export function applyRemovals(text: string, removals: readonly Removal[]): string {
  let current = text;
  for (const removal of removals) {
    if (removal.unname) current = withoutMember(current, removal.filePath, removal.login);
    if (removal.except) current = withException(current, removal.filePath, removal.login);
  }
  parsed(current);
  return current;
}
