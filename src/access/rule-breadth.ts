import type { ExpressionNode } from "./expression";
import { evaluateRule } from "./expression-eval";

/*
 * Rules that match everyone or nearly everyone, found from the expression alone: a hostile or
 * careless rule (`... OR true`, `isMemberOfGroupNameStartsWith("")`, `!isMemberOfGroup("x")`)
 * hands a group to the whole org. The review marks such a rule critical; it does not refuse it,
 * because "everyone but contractors" can be meant.
 */

export type RuleBreadth =
  /** True for every person, whatever their profile. */
  | "everyone"
  /** One alternative only excludes people (`!=`, NOT), so it matches everyone else. */
  | "nearly-everyone";

const EVERYONE_GROUP_NAME_TESTS = new Set(["isMemberOfGroupNameStartsWith", "isMemberOfGroupNameContains"]);
const NOBODY_KNOWN = { profile: {}, known: new Set<string>() };

/** A node with no attribute and no call: its value is the same for every person. */
function isConstant(node: ExpressionNode): boolean {
  switch (node.kind) {
    case "literal":
      return true;
    case "attribute":
    case "call":
      return false;
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
      // Every person is in Okta's Everyone group, so an empty prefix or fragment matches all.
      const [only] = node.args;
      return value && EVERYONE_GROUP_NAME_TESTS.has(node.name) && node.args.length === 1 && only!.kind === "literal" && only.value === "";
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

export function ruleBreadth(tree: ExpressionNode): RuleBreadth | undefined {
  if (alwaysIs(tree, true)) return "everyone";
  if (alternatives(tree).some(onlyExcludes)) return "nearly-everyone";
  return undefined;
}
