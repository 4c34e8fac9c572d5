import { parsedRuleOf, type AccessModel } from "./model";
import { groupReferencesOf, type GroupReference } from "./membership-references";
import { INTERNAL_PROPERTY, type ExpressionNode } from "./expression";

/**
 * What the stack's rules read from the directory, from the rules the model parsed: the profile
 * attributes they test, and the groups whose membership they test (isMemberOf*). A directory
 * snapshot that holds these, and no more, is enough to evaluate every rule: whose memberships are
 * read decides isMemberOf*, nobody else's do.
 */
export interface RuleReads {
  /** Profile attributes, each once, sorted. */
  readonly attributes: readonly string[];
  /** The groups tested, rule by rule in the model's group order, each in the order written. */
  readonly groupReferences: readonly GroupReference[];
}

export function whatRulesRead(model: Pick<AccessModel, "groups" | "parsedRules">): RuleReads {
  const rules = model.groups.flatMap((group) => {
    const rule = parsedRuleOf(model, group);
    return rule ? [rule] : [];
  });
  return {
    attributes: [...new Set(rules.flatMap((rule) => rule.attributes))].sort(),
    groupReferences: rules.flatMap((rule) => groupReferencesOf(rule.tree)),
  };
}

/** Whether a rule reads the person's status (user.getInternalProperty("status")): its answer then differs person by person. */
export function readsStatus(node: ExpressionNode): boolean {
  switch (node.kind) {
    case "literal":
    case "attribute":
      return false;
    case "not":
      return readsStatus(node.operand);
    case "and":
    case "or":
    case "compare":
      return readsStatus(node.left) || readsStatus(node.right);
    case "call":
      return node.name === INTERNAL_PROPERTY || node.args.some(readsStatus);
  }
}
