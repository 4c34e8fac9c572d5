import { byText } from "./text-order";
/**
 * A located problem in an access file. Every error a user sees is one of these, so every
 * message carries the file, the 1-based line and column, and the key it is about.
 */
export interface Problem {
  /** Path of the access file, as the user gave it. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** Dotted key path such as `teams[2].access[0].tenant`; empty for the whole document. */
  readonly key: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** `FILE:LINE:COLUMN: key: message`, the form editors and CI annotations understand. */
export function formatProblem(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.key ? `${where}: ${problem.key}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** Problems in reading order: by file, then line, then column, then message. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      byText(a.file, b.file) || a.line - b.line || a.column - b.column || byText(a.message, b.message),
  );
}

/** Thrown where a caller wants an exception rather than a list; the message lists every problem. */
export class AccessFileError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(sortProblems(problems).map(formatProblem).join("\n"));
    this.name = "AccessFileError";
  }
}

/** Renders a key path (`["teams", 2, "name"]`) the way the messages show it (`teams[2].name`). */
export function keyPathToString(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text;
}
