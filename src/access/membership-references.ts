import type { ExpressionNode } from "./expression";

/*
 * The groups a rule's isMemberOf* calls can match, in the form the rule names them: by ID
 * (isMemberOfGroup, isMemberOfAnyGroup), by exact name, by name prefix, by a part of the name, or by
 * a regular expression. The live readers use it to read the members of exactly those groups and no
 * others: what a rule decides depends on them only. Pure.
 */

export type GroupReference =
  | { readonly by: "id"; readonly value: string }
  | { readonly by: "name"; readonly value: string }
  | { readonly by: "prefix"; readonly value: string }
  | { readonly by: "contains"; readonly value: string }
  /** Okta's regular-expression dialect is not documented precisely enough to match here (expression-eval.ts). */
  | { readonly by: "regex"; readonly value: string };

const FORMS: Readonly<Record<string, GroupReference["by"]>> = {
  isMemberOfGroup: "id",
  isMemberOfAnyGroup: "id",
  isMemberOfGroupName: "name",
  isMemberOfGroupNameStartsWith: "prefix",
  isMemberOfGroupNameContains: "contains",
  isMemberOfGroupNameRegex: "regex",
};

/** Every group reference of a parsed rule, in the order written. */
export function groupReferencesOf(tree: ExpressionNode): GroupReference[] {
  const found: GroupReference[] = [];
  const visit = (node: ExpressionNode): void => {
    switch (node.kind) {
      case "not":
        return visit(node.operand);
      case "and":
      case "or":
      case "compare":
        visit(node.left);
        return visit(node.right);
      case "call": {
        const by = FORMS[node.name];
        for (const arg of node.args) {
          if (by && arg.kind === "literal" && typeof arg.value === "string") found.push({ by, value: arg.value });
          else visit(arg);
        }
        return;
      }
      default:
        return;
    }
  };
  visit(tree);
  return found;
}

/**
 * Whether a group is one the reference can match. Exact, case-sensitive, as the evaluator compares
 * (expression-eval.ts `membership`); a regular expression matches no group here, so the rule stays
 * undecided rather than decided on memberships that were never read.
 */
export function referenceMatches(reference: GroupReference, group: { readonly id: string; readonly name: string }): boolean {
  switch (reference.by) {
    case "id":
      return group.id === reference.value;
    case "name":
      return group.name === reference.value;
    case "prefix":
      return group.name.startsWith(reference.value);
    case "contains":
      return group.name.includes(reference.value);
    case "regex":
      return false;
  }
}
