import { INTERNAL_PROPERTY, type ExpressionNode } from "./expression";

/*
 * Evaluates a parsed group-rule expression (expression.ts) for one person, in three values: true,
 * false, or undecided with the reason. Undecided is the honest answer wherever Okta's behaviour is
 * not documented well enough to be sure (a string function given null, a regular expression, a
 * comparison across types) or where the person's data lacks what the rule reads. The review
 * reports undecided people as such; it never guesses.
 */

export type Scalar = string | number | boolean | null;
export type ProfileValue = Scalar | readonly Scalar[];

export interface Membership {
  readonly id: string;
  readonly name: string;
}

/** What the evaluator knows of one person. */
export interface Subject {
  /** The profile attributes the snapshot holds; an attribute listed in `known` but absent here is null. */
  readonly profile: Readonly<Record<string, ProfileValue>>;
  /** Attributes the snapshot collected. A rule reading any other attribute is undecided. */
  readonly known: ReadonlySet<string>;
  /** The groups the person is in (Everyone included), or undefined when the snapshot has no memberships. */
  readonly groups?: readonly Membership[];
  /** The person's Okta status, for user.getInternalProperty("status"); absent: not known, the test is undecided. */
  readonly status?: string;
  /** Where the person's data comes from, named in the reasons for undecided answers. Default: "the directory snapshot". */
  readonly source?: string;
  /**
   * Some of the person's groups only (`groups` lists those known): a test one of them passes is
   * true, any other answer undecided. Default false: `groups` is every group.
   */
  readonly someGroupsOnly?: boolean;
}

const sourceOf = (subject: Subject) => subject.source ?? "the directory snapshot";

export type Outcome<T = ProfileValue> = { readonly decided: true; readonly value: T } | { readonly decided: false; readonly reason: string };

const decided = <T>(value: T): Outcome<T> => ({ decided: true, value });
const undecided = (reason: string): Outcome<never> => ({ decided: false, reason });

/** True, false, or undecided with the reason. */
export function evaluateRule(tree: ExpressionNode, subject: Subject): Outcome<boolean> {
  const result = evaluate(tree, subject);
  if (!result.decided) return result;
  return typeof result.value === "boolean" ? decided(result.value) : undecided(`the rule yields ${JSON.stringify(result.value)}, not true or false`);
}

function asBoolean(outcome: Outcome): Outcome<boolean> | undefined {
  if (!outcome.decided) return undefined;
  return typeof outcome.value === "boolean" ? decided(outcome.value) : undecided(`${JSON.stringify(outcome.value)} is not true or false`);
}

function evaluate(node: ExpressionNode, subject: Subject): Outcome {
  switch (node.kind) {
    case "literal":
      return decided(node.value);
    case "attribute":
      if (!subject.known.has(node.name)) return undecided(`${sourceOf(subject)} does not hold user.${node.name}`);
      return decided(subject.profile[node.name] ?? null);
    case "not": {
      const operand = evaluate(node.operand, subject);
      if (!operand.decided) return operand;
      return typeof operand.value === "boolean" ? decided(!operand.value) : undecided(`NOT of ${JSON.stringify(operand.value)}, which is not true or false`);
    }
    case "and":
    case "or":
      return logical(node.kind, evaluate(node.left, subject), evaluate(node.right, subject));
    case "compare":
      return compare(node.operator, evaluate(node.left, subject), evaluate(node.right, subject));
    case "call":
      return call(node.name, node.args.map((arg) => evaluate(arg, subject)), subject);
  }
}

/** Kleene logic: one false decides AND, one true decides OR, whatever the other side is. */
function logical(kind: "and" | "or", left: Outcome, right: Outcome): Outcome {
  const decisive = kind === "or";
  const a = left.decided ? asBoolean(left)! : left;
  const b = right.decided ? asBoolean(right)! : right;
  if ((a.decided && a.value === decisive) || (b.decided && b.value === decisive)) return decided(decisive);
  if (!a.decided) return a;
  if (!b.decided) return b;
  return decided(!decisive);
}

function compare(operator: "==" | "!=" | "<" | ">" | "<=" | ">=", left: Outcome, right: Outcome): Outcome {
  if (!left.decided) return left;
  if (!right.decided) return right;
  const [a, b] = [left.value, right.value];
  if (operator === "==" || operator === "!=") {
    if (Array.isArray(a) || Array.isArray(b)) return undecided("== on a list attribute; use Arrays.contains");
    const comparable = a === null || b === null || typeof a === typeof b;
    if (!comparable) return undecided(`compares ${typeof a} ${JSON.stringify(a)} with ${typeof b} ${JSON.stringify(b)}`);
    // Okta's expression-language reference does not say whether == ignores case, and logins keep the
    // case they were created with: texts that differ only in case are undecided, never guessed.
    // String.toLowerCase on both sides (as the stack's member terms do) makes the answer certain.
    if (typeof a === "string" && typeof b === "string" && a !== b && a.toLowerCase() === b.toLowerCase()) {
      return undecided(`${JSON.stringify(a)} ${operator} ${JSON.stringify(b)} differ only in case, and Okta does not document whether ${operator} ignores case; compare String.toLowerCase of both`);
    }
    return decided(operator === "==" ? a === b : a !== b);
  }
  const sameOrderable = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
  if (!sameOrderable) return undecided(`orders ${JSON.stringify(a)} against ${JSON.stringify(b)}`);
  switch (operator) {
    case "<":
      return decided(a! < b!);
    case ">":
      return decided(a! > b!);
    case "<=":
      return decided(a! <= b!);
    case ">=":
      return decided(a! >= b!);
  }
}

const isString = (outcome: Outcome): outcome is { decided: true; value: string } => outcome.decided && typeof outcome.value === "string";

function call(name: string, args: readonly Outcome[], subject: Subject): Outcome {
  const unknown = args.find((arg) => !arg.decided);
  if (unknown) return unknown;
  const values = args.map((arg) => (arg as { value: ProfileValue }).value);
  if (name.startsWith("isMemberOf")) return membership(name, values, subject);
  if (name === INTERNAL_PROPERTY) return subject.status === undefined ? undecided(`${sourceOf(subject)} does not hold the person's status`) : decided(subject.status);
  if (name.startsWith("String.")) {
    if (!args.every((arg, position) => isString(arg) || (name === "String.substring" && position > 0 && typeof values[position] === "number"))) {
      return undecided(`${name} given ${values.map((value) => JSON.stringify(value)).join(", ")}; Okta's answer for a missing or non-text value is not documented`);
    }
    return stringFunction(name, values as Array<string | number>);
  }
  const list = values[0];
  if (!Array.isArray(list)) return undecided(`${name} given ${JSON.stringify(list)}, which is not a list`);
  switch (name) {
    case "Arrays.contains":
      return decided(list.includes(values[1] as Scalar));
    case "Arrays.isEmpty":
      return decided(list.length === 0);
    case "Arrays.size":
      return decided(list.length);
    default:
      return undecided(`${name} is not evaluated here`);
  }
}

function stringFunction(name: string, values: Array<string | number>): Outcome {
  const [text, second, third] = values as [string, string | number, string | number];
  switch (name) {
    case "String.stringContains":
      return decided(text.includes(second as string));
    case "String.startsWith":
      return decided(text.startsWith(second as string));
    case "String.toLowerCase":
      return decided(text.toLowerCase());
    case "String.toUpperCase":
      return decided(text.toUpperCase());
    case "String.len":
      return decided(text.length);
    case "String.append":
      return decided(text + (second as string));
    case "String.join":
      return decided((values.slice(1) as string[]).join(text));
    case "String.removeSpaces":
      return /\s/.test(text.replace(/ /g, "")) ? undecided("String.removeSpaces on text with tabs or line breaks, which Okta does not document") : decided(text.replace(/ /g, ""));
    case "String.substringAfter":
    case "String.substringBefore": {
      const at = text.indexOf(second as string);
      if (at < 0) return undecided(`${name}: ${JSON.stringify(second)} is not in ${JSON.stringify(text)}, and Okta does not document the answer`);
      return decided(name === "String.substringAfter" ? text.slice(at + (second as string).length) : text.slice(0, at));
    }
    case "String.substring": {
      const [start, end] = [second, third];
      if (typeof start !== "number" || typeof end !== "number" || start < 0 || end > text.length || start > end) return undecided(`String.substring(${JSON.stringify(text)}, ${start}, ${end}) is out of range`);
      return decided(text.slice(start, end));
    }
    case "String.replace":
      // Okta's replace takes a regular expression; only plain text is evaluated here.
      if (/[\\^$.|?*+()[\]{}]/.test(second as string)) return undecided("String.replace with a regular-expression pattern is not evaluated");
      return decided(text.split(second as string).join(third as string));
    default:
      return undecided(`${name} is not evaluated here`);
  }
}

function membership(name: string, values: readonly ProfileValue[], subject: Subject): Outcome {
  if (!subject.groups) {
    if (subject.source !== undefined) return undecided(`${name} needs group memberships, which ${subject.source} does not hold in full`);
    return undecided(`${name} needs group memberships, and the directory snapshot has none (take it with --groups)`);
  }
  const answer = membershipAmong(name, values, subject.groups);
  if (!subject.someGroupsOnly || !answer.decided || answer.value === true) return answer;
  return undecided(`${name} needs group memberships, which ${sourceOf(subject)} does not hold in full`);
}

function membershipAmong(name: string, values: readonly ProfileValue[], groups: readonly Membership[]): Outcome {
  const texts = values.filter((value): value is string => typeof value === "string");
  switch (name) {
    case "isMemberOfGroup":
    case "isMemberOfAnyGroup":
      // A group whose ID is not known ("") matches no ID.
      return decided(groups.some((group) => group.id !== "" && texts.includes(group.id)));
    case "isMemberOfGroupName":
      return decided(groups.some((group) => group.name === texts[0]));
    case "isMemberOfGroupNameStartsWith":
      return decided(groups.some((group) => group.name.startsWith(texts[0]!)));
    case "isMemberOfGroupNameContains":
      return decided(groups.some((group) => group.name.includes(texts[0]!)));
    default:
      return undecided(`${name}: Okta's regular-expression dialect and anchoring are not documented precisely enough to evaluate`);
  }
}
