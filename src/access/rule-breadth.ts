import type { ExpressionNode } from "./expression";
import { evaluateRule } from "./expression-eval";

/*
 * Broad unless proven narrow, from the expression alone: a hostile or careless rule (`... OR true`,
 * `String.len(user.login) > 0`, `isMemberOfGroupName("Everyone")`, `!isMemberOfGroup("x")`) hands
 * a group to the whole org, and there are more ways to write "everyone" than a list could hold. So
 * a rule counts as narrow only when it positively selects (see `isNarrow`); every other rule is
 * broad, and the review marks it critical. It does not refuse it: "everyone but contractors" can
 * be meant.
 */

export type RuleBreadth =
  /** True for every person, whatever their profile. */
  | "everyone"
  /** One alternative only excludes people (`!=`, NOT), so it matches everyone else. */
  | "nearly-everyone"
  /** Not shown to be narrow: no term selects by an attribute equal to a value or by a named group. */
  | "unproven";

/** The name of Okta's built-in group of every person. */
export const EVERYONE_GROUP_NAME = "Everyone";
/** Group-name tests, each asked whether the Everyone group passes it with the given text. */
const EVERYONE_GROUP_NAME_TESTS: ReadonlyMap<string, (text: string) => boolean> = new Map([
  ["isMemberOfGroupName", (text: string) => text === EVERYONE_GROUP_NAME],
  ["isMemberOfGroupNameStartsWith", (text: string) => EVERYONE_GROUP_NAME.startsWith(text)],
  ["isMemberOfGroupNameContains", (text: string) => EVERYONE_GROUP_NAME.includes(text)],
]);
const NOBODY_KNOWN = { profile: {}, known: new Set<string>() };

/** A node with no attribute and no membership test: its value is the same for every person. */
function isConstant(node: ExpressionNode): boolean {
  switch (node.kind) {
    case "literal":
      return true;
    case "attribute":
      return false;
    case "call":
      // `String.len("")` is the same for everyone; a membership test never is.
      return !node.name.startsWith("isMemberOf") && node.args.every(isConstant);
    case "not":
      return isConstant(node.operand);
    default:
      return isConstant(node.left) && isConstant(node.right);
  }
}

/** Whether the node is `value` for every person; false when that cannot be shown. */
function alwaysIs(node: ExpressionNode, value: boolean): boolean {
  if (isConstant(node)) {
    const outcome = evaluateRule(node, NOBODY_KNOWN);
    return outcome.decided && outcome.value === value;
  }
  switch (node.kind) {
    case "not":
      return alwaysIs(node.operand, !value);
    case "and":
    case "or": {
      // OR is always true if either side is; AND always true only if both are (and dually for false).
      const either = (node.kind === "or") === value;
      return either ? alwaysIs(node.left, value) || alwaysIs(node.right, value) : alwaysIs(node.left, value) && alwaysIs(node.right, value);
    }
    case "call": {
      // Every person is in Okta's built-in group named "Everyone" (the Okta provider's
      // okta.group.getEveryoneGroup is a shortcut for the group named "Everyone",
      // pulumi.com/registry/packages/okta/api-docs/group/geteveryonegroup): a name test that
      // group passes matches all.
      const [only] = node.args;
      if (!value || node.args.length !== 1 || only!.kind !== "literal" || typeof only!.value !== "string") return false;
      const test = EVERYONE_GROUP_NAME_TESTS.get(node.name);
      return test !== undefined && test(only!.value);
    }
    default:
      return false;
  }
}

/** An alternative made only of exclusions: NOT (...), `!=`, or an AND of such. */
function onlyExcludes(node: ExpressionNode): boolean {
  if (node.kind === "not") return true;
  if (node.kind === "compare") return node.operator === "!=";
  if (node.kind === "and") return onlyExcludes(node.left) && onlyExcludes(node.right);
  return false;
}

function alternatives(node: ExpressionNode): ExpressionNode[] {
  return node.kind === "or" ? [...alternatives(node.left), ...alternatives(node.right)] : [node];
}

/** Okta puts every person in the group named Everyone (a built-in group): naming it selects nobody out. */
const isEveryoneGroup = (name: string) => name.toLowerCase() === "everyone";
/** Case folding keeps an equality a selection (Okta logins keep their case; see reference/okta.md). */
const CASE_FOLDS = new Set(["String.toLowerCase", "String.toUpperCase"]);

/** A profile attribute, as read or case-folded. */
function isAttributeRead(node: ExpressionNode): boolean {
  if (node.kind === "attribute") return true;
  return node.kind === "call" && CASE_FOLDS.has(node.name) && node.args.length === 1 && isAttributeRead(node.args[0]!);
}

/** A literal that names a value: non-empty text, a number or a boolean (never "" or null). */
const isSelectingLiteral = (node: ExpressionNode) => node.kind === "literal" && node.value !== null && node.value !== "";

/**
 * Positively selects: `user.x == "value"` (either way round, case-folded or not), `Arrays.contains(user.x, "value")`,
 * `isMemberOfGroupName("named group")` other than Everyone; an AND with at least one such term; an
 * OR whose every alternative is narrow; or a rule that is false for everyone. Anything else, however
 * narrow it may be in practice (`String.startsWith`, a regular expression, a group ID the review cannot
 * resolve, `>`), is not proven narrow.
 */
function isNarrow(node: ExpressionNode): boolean {
  if (alwaysIs(node, false)) return true;
  switch (node.kind) {
    case "and":
      return isNarrow(node.left) || isNarrow(node.right);
    case "or":
      return isNarrow(node.left) && isNarrow(node.right);
    case "compare":
      return (
        node.operator === "==" &&
        ((isAttributeRead(node.left) && isSelectingLiteral(node.right)) || (isAttributeRead(node.right) && isSelectingLiteral(node.left)))
      );
    case "call": {
      const [first, second] = node.args;
      if (node.name === "isMemberOfGroupName") return first!.kind === "literal" && typeof first!.value === "string" && first!.value !== "" && !isEveryoneGroup(first!.value);
      if (node.name === "Arrays.contains") return first!.kind === "attribute" && second !== undefined && isSelectingLiteral(second);
      return false;
    }
    default:
      return false;
  }
}

/** Undefined for a rule proven narrow; otherwise how broad it is, as precisely as the expression tells. */
export function ruleBreadth(tree: ExpressionNode): RuleBreadth | undefined {
  if (alwaysIs(tree, true)) return "everyone";
  if (alternatives(tree).some(onlyExcludes)) return "nearly-everyone";
  return isNarrow(tree) ? undefined : "unproven";
}
