/*
 * A parser for the subset of the Okta expression language that group rules accept
 * (see docs/reference/okta.md). It exists so that a typo in a rule is reported with its exact
 * position while the pull request is open, instead of as an API error halfway through `pulumi up`.
 *
 * Grammar (SpEL-like, keywords in any case):
 *   or      := and (("OR" | "||") and)*
 *   and     := unary (("AND" | "&&") unary)*
 *   unary   := ("!" | "NOT") unary | compare
 *   compare := operand (("==" | "!=" | "<" | ">" | "<=" | ">=") operand)?
 *   operand := "(" or ")" | string | number | true | false | null | name ("." name)* ("(" args ")")?
 */

/** The type an expression yields, as far as we can tell without the user's profile schema. */
type ValueType = "boolean" | "string" | "number" | "null" | "array" | "attribute";

export interface ExpressionError {
  /** 0-based offset in the expression text. */
  readonly index: number;
  readonly message: string;
}

/**
 * The parsed expression, for evaluating it against profiles (expression-eval.ts) and for telling a
 * rule that matches everyone. Built only for expressions without errors.
 */
export type ExpressionNode =
  | { readonly kind: "literal"; readonly value: string | number | boolean | null; readonly index: number }
  | { readonly kind: "attribute"; readonly name: string; readonly index: number }
  | { readonly kind: "not"; readonly operand: ExpressionNode; readonly index: number }
  | { readonly kind: "and" | "or"; readonly left: ExpressionNode; readonly right: ExpressionNode; readonly index: number }
  | { readonly kind: "compare"; readonly operator: "==" | "!=" | "<" | ">" | "<=" | ">="; readonly left: ExpressionNode; readonly right: ExpressionNode; readonly index: number }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly ExpressionNode[]; readonly index: number };

/** Deeper nesting is refused with a located error, so thousands of '(' or '!' never overflow the stack. */
export const MAX_NESTING = 100;

export interface ParsedExpression {
  readonly errors: readonly ExpressionError[];
  /** Present when there are no errors. */
  readonly tree?: ExpressionNode;
  /** Profile attributes the expression reads (`user.department` gives `department`). */
  readonly attributes: readonly string[];
  /** Every place an attribute is read, in the order written: `index` is where its name starts (after `user.`). */
  readonly attributeUses: readonly AttributeUse[];
  /** Group IDs and names the expression tests membership of. */
  readonly groupReferences: readonly string[];
}

export interface AttributeUse {
  readonly name: string;
  /** 0-based offset of the attribute's name in the expression text. */
  readonly index: number;
}

interface FunctionSignature {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly returns: ValueType;
}

/** `user.getInternalProperty("status")`, as the call's name in the tree. */
export const INTERNAL_PROPERTY = "user.getInternalProperty";

const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map([
  ["String.stringContains", { minArgs: 2, maxArgs: 2, returns: "boolean" }],
  ["String.startsWith", { minArgs: 2, maxArgs: 2, returns: "boolean" }],
  ["String.substringAfter", { minArgs: 2, maxArgs: 2, returns: "string" }],
  ["String.substringBefore", { minArgs: 2, maxArgs: 2, returns: "string" }],
  ["String.substring", { minArgs: 3, maxArgs: 3, returns: "string" }],
  ["String.toLowerCase", { minArgs: 1, maxArgs: 1, returns: "string" }],
  ["String.toUpperCase", { minArgs: 1, maxArgs: 1, returns: "string" }],
  ["String.removeSpaces", { minArgs: 1, maxArgs: 1, returns: "string" }],
  ["String.replace", { minArgs: 3, maxArgs: 3, returns: "string" }],
  ["String.len", { minArgs: 1, maxArgs: 1, returns: "number" }],
  // Documented for group rules (okta/okta-developer-docs, docs/reference/okta-expression-language/index.md,
  // "String functions" and "Expressions in group rules"): String.append(a, b) is a + b;
  // String.join(separator, a, b, ...) joins the texts with the separator.
  ["String.append", { minArgs: 2, maxArgs: 2, returns: "string" }],
  ["String.join", { minArgs: 2, maxArgs: 100, returns: "string" }],
  // user.getInternalProperty("status"): the form Okta documents for a user's status in group rules
  // (support.okta.com, "Okta Expression Issue for User Status": user.status is not reliable there;
  // use user.getInternalProperty("status")). Only "status" is accepted (see parseCall).
  [INTERNAL_PROPERTY, { minArgs: 1, maxArgs: 1, returns: "string" }],
  ["Arrays.contains", { minArgs: 2, maxArgs: 2, returns: "boolean" }],
  ["Arrays.isEmpty", { minArgs: 1, maxArgs: 1, returns: "boolean" }],
  ["Arrays.size", { minArgs: 1, maxArgs: 1, returns: "number" }],
  ["isMemberOfGroup", { minArgs: 1, maxArgs: 1, returns: "boolean" }],
  ["isMemberOfAnyGroup", { minArgs: 1, maxArgs: 100, returns: "boolean" }],
  ["isMemberOfGroupName", { minArgs: 1, maxArgs: 1, returns: "boolean" }],
  ["isMemberOfGroupNameStartsWith", { minArgs: 1, maxArgs: 1, returns: "boolean" }],
  ["isMemberOfGroupNameContains", { minArgs: 1, maxArgs: 1, returns: "boolean" }],
  ["isMemberOfGroupNameRegex", { minArgs: 1, maxArgs: 1, returns: "boolean" }],
]);

/** The one internal property group rules read: the user's status. */
export const INTERNAL_PROPERTIES: ReadonlySet<string> = new Set(["status"]);

const MEMBERSHIP_FUNCTIONS = new Set([...FUNCTIONS.keys()].filter((name) => name.startsWith("isMemberOf")));

/** Attributes that exist on the user object but that group rules cannot read. */
const UNSUPPORTED_USER_FIELDS: ReadonlyMap<string, string> = new Map([
  ["status", 'user.status is not reliable in group rules; Okta documents user.getInternalProperty("status") instead (support.okta.com, "Okta Expression Issue for User Status")'],
  ["profile", "user.profile.x is Identity Engine policy syntax; group rules read attributes as user.x"],
  ["isMemberOf", "user.isMemberOf(...) is Identity Engine policy syntax; group rules use isMemberOfGroup(\"groupId\")"],
]);

type TokenKind = "name" | "string" | "number" | "op" | "(" | ")" | "," | "." | "end";
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly index: number;
  /** For strings: the unquoted value. */
  readonly value?: string;
}

class ExpressionSyntaxError extends Error {
  constructor(readonly index: number, message: string) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = i;
      let value = "";
      i++;
      while (i < text.length && text[i] !== ch) {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) {
        throw new ExpressionSyntaxError(start, `the string that starts here is never closed; add the closing ${ch}`);
      }
      i++;
      tokens.push({ kind: "string", text: text.slice(start, i), index: start, value });
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ kind: "number", text: match[0], index: i });
      i += match[0].length;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i))!;
      tokens.push({ kind: "name", text: match[0], index: i });
      i += match[0].length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (["==", "!=", "<=", ">=", "&&", "||"].includes(two)) {
      tokens.push({ kind: "op", text: two, index: i });
      i += 2;
      continue;
    }
    if (ch === "=") {
      throw new ExpressionSyntaxError(i, "a single '=' is not a comparison; use '==' to compare values");
    }
    if (ch === "&" || ch === "|") {
      throw new ExpressionSyntaxError(i, `'${ch}' alone is not an operator; use '${ch}${ch}' or ${ch === "&" ? "AND" : "OR"}`);
    }
    if ("!<>".includes(ch)) {
      tokens.push({ kind: "op", text: ch, index: i });
      i++;
      continue;
    }
    if ("(),.".includes(ch)) {
      tokens.push({ kind: ch as TokenKind, text: ch, index: i });
      i++;
      continue;
    }
    if (ch === "?" || ch === ":") {
      // SpEL's conditional (a ? b : c) and Elvis (a ?: b) operators yield values, not conditions;
      // every condition they can write has a plain AND/OR/NOT form, which the review can read.
      throw new ExpressionSyntaxError(
        i,
        "the conditional operators ?: and ? : are not accepted in the file's rules: a group rule is a condition; write (a AND b) OR (NOT a AND c) instead of a ? b : c",
      );
    }
    throw new ExpressionSyntaxError(i, `unexpected character '${ch}'`);
  }
  tokens.push({ kind: "end", text: "", index: text.length });
  return tokens;
}

const isKeyword = (token: Token, word: string) => token.kind === "name" && token.text.toUpperCase() === word;

interface Typed {
  readonly type: ValueType;
  readonly index: number;
  readonly node: ExpressionNode;
}

class Parser {
  private position = 0;
  private depth = 0;
  readonly errors: ExpressionError[] = [];
  readonly attributes = new Set<string>();
  readonly attributeUses: AttributeUse[] = [];
  readonly groupReferences = new Set<string>();

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.position++;
    return token;
  }

  /** Counts one level of nesting ('(', '!', a call's arguments) and refuses to go deeper than MAX_NESTING. */
  private nested<T>(at: Token, parse: () => T): T {
    if (++this.depth > MAX_NESTING) throw new ExpressionSyntaxError(at.index, `nested more than ${MAX_NESTING} levels deep here; simplify the condition`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  parseWhole(): ExpressionNode {
    const result = this.parseOr();
    if (this.peek().kind !== "end") {
      const token = this.peek();
      const message =
        token.kind === ")"
          ? "this ')' has no matching '('; remove it or add the '('"
          : `unexpected '${token.text}' after a complete condition; join conditions with AND or OR`;
      throw new ExpressionSyntaxError(token.index, message);
    }
    if (result.type !== "boolean" && result.type !== "attribute") {
      this.errors.push({
        index: result.index,
        message: `a group rule must evaluate to true or false, but this is a ${result.type}; compare it, e.g. ... == "value"`,
      });
    }
    return result.node;
  }

  private parseOr(): Typed {
    let left = this.parseAnd();
    while (isKeyword(this.peek(), "OR") || (this.peek().kind === "op" && this.peek().text === "||")) {
      const operator = this.advance();
      this.expectOperand(operator);
      const right = this.parseAnd();
      this.requireBoolean(left, operator.text);
      this.requireBoolean(right, operator.text);
      left = { type: "boolean", index: left.index, node: { kind: "or", left: left.node, right: right.node, index: left.index } };
    }
    return left;
  }

  private parseAnd(): Typed {
    let left = this.parseUnary();
    while (isKeyword(this.peek(), "AND") || (this.peek().kind === "op" && this.peek().text === "&&")) {
      const operator = this.advance();
      this.expectOperand(operator);
      const right = this.parseUnary();
      this.requireBoolean(left, operator.text);
      this.requireBoolean(right, operator.text);
      left = { type: "boolean", index: left.index, node: { kind: "and", left: left.node, right: right.node, index: left.index } };
    }
    return left;
  }

  private parseUnary(): Typed {
    if ((this.peek().kind === "op" && this.peek().text === "!") || isKeyword(this.peek(), "NOT")) {
      const operator = this.advance();
      this.expectOperand(operator);
      const operand = this.nested(operator, () => this.parseUnary());
      this.requireBoolean(operand, operator.text);
      return { type: "boolean", index: operator.index, node: { kind: "not", operand: operand.node, index: operator.index } };
    }
    return this.parseCompare();
  }

  private parseCompare(): Typed {
    const left = this.parseOperand();
    if (this.peek().kind === "op" && ["==", "!=", "<", ">", "<=", ">="].includes(this.peek().text)) {
      const operator = this.advance();
      this.expectOperand(operator);
      const right = this.parseOperand();
      if (left.type === "boolean" && right.type !== "boolean" && right.type !== "attribute") {
        this.errors.push({ index: right.index, message: `compares a condition with a ${right.type}; compare like with like` });
      }
      const compare = operator.text as "==" | "!=" | "<" | ">" | "<=" | ">=";
      return { type: "boolean", index: left.index, node: { kind: "compare", operator: compare, left: left.node, right: right.node, index: left.index } };
    }
    return left;
  }

  private expectOperand(operator: Token): void {
    const next = this.peek();
    if (next.kind === "end") {
      throw new ExpressionSyntaxError(operator.index, `the expression ends after '${operator.text}'; add a condition after it or remove it`);
    }
    if (next.kind === ")") {
      throw new ExpressionSyntaxError(next.index, `')' right after '${operator.text}'; a condition is missing`);
    }
    if (isKeyword(next, "AND") || isKeyword(next, "OR") || (next.kind === "op" && next.text !== "!")) {
      throw new ExpressionSyntaxError(next.index, `'${next.text}' right after '${operator.text}'; a condition is missing between them`);
    }
  }

  private requireBoolean(operand: Typed, operator: string): void {
    if (operand.type !== "boolean" && operand.type !== "attribute") {
      this.errors.push({ index: operand.index, message: `'${operator}' needs conditions on both sides, but this is a ${operand.type}; compare it with == or !=` });
    }
  }

  private parseOperand(): Typed {
    const token = this.peek();
    switch (token.kind) {
      case "(": {
        this.advance();
        if (this.peek().kind === ")") throw new ExpressionSyntaxError(this.peek().index, "empty parentheses; put a condition inside");
        const inner = this.nested(token, () => this.parseOr());
        if (this.peek().kind !== ")") {
          throw new ExpressionSyntaxError(token.index, "this '(' is never closed; add the matching ')'");
        }
        this.advance();
        return { type: inner.type, index: token.index, node: inner.node };
      }
      case "string":
        this.advance();
        return { type: "string", index: token.index, node: { kind: "literal", value: token.value!, index: token.index } };
      case "number":
        this.advance();
        return { type: "number", index: token.index, node: { kind: "literal", value: Number(token.text), index: token.index } };
      case "name":
        return this.parseNameOrCall();
      case "end":
        throw new ExpressionSyntaxError(token.index, "the expression ends where a value or condition is expected");
      default:
        throw new ExpressionSyntaxError(token.index, `unexpected '${token.text}' where a value or condition is expected`);
    }
  }

  private parseNameOrCall(): Typed {
    const first = this.advance();
    if (["AND", "OR"].includes(first.text.toUpperCase())) {
      throw new ExpressionSyntaxError(first.index, `'${first.text}' where a condition is expected; a condition is missing before it`);
    }
    const lower = first.text.toLowerCase();
    if (lower === "true" || lower === "false") return { type: "boolean", index: first.index, node: { kind: "literal", value: lower === "true", index: first.index } };
    if (lower === "null") return { type: "null", index: first.index, node: { kind: "literal", value: null, index: first.index } };

    const segments = [first];
    while (this.peek().kind === ".") {
      this.advance();
      const next = this.peek();
      if (next.kind !== "name") throw new ExpressionSyntaxError(next.index, "a name is expected after '.'");
      segments.push(this.advance());
    }
    const dotted = segments.map((segment) => segment.text).join(".");

    if (this.peek().kind === "(") {
      return this.parseCall(first, dotted);
    }
    if (first.text === "user") {
      if (segments.length === 1) throw new ExpressionSyntaxError(first.index, "'user' alone is not a value; name an attribute, e.g. user.department");
      const field = segments[1]!.text;
      const unsupported = UNSUPPORTED_USER_FIELDS.get(field);
      if (unsupported) this.errors.push({ index: first.index, message: unsupported });
      else if (segments.length > 2) this.errors.push({ index: segments[2]!.index, message: `${dotted} is not a user attribute; group rules read one level, e.g. user.${field}` });
      else {
        this.attributes.add(field);
        this.attributeUses.push({ name: field, index: segments[1]!.index });
      }
      return { type: "attribute", index: first.index, node: { kind: "attribute", name: field, index: first.index } };
    }
    if (first.text === "profile" || first.text === "appuser" || first.text === "appUser") {
      this.errors.push({ index: first.index, message: `${dotted} is not available in group rules; write user.${segments[1]?.text ?? "attribute"}` });
      return { type: "attribute", index: first.index, node: { kind: "attribute", name: dotted, index: first.index } };
    }
    throw new ExpressionSyntaxError(first.index, `'${dotted}' is not something group rules know; attributes are written user.attribute`);
  }

  private parseCall(first: Token, name: string): Typed {
    const open = this.advance();
    const args: Array<Typed & { literal?: string }> = [];
    if (this.peek().kind !== ")") {
      for (;;) {
        const start = this.peek();
        const arg = this.nested(open, () => this.parseOr());
        args.push(start.kind === "string" && this.tokens[this.position - 1] === start ? { ...arg, literal: start.value } : arg);
        if (this.peek().kind === ",") {
          this.advance();
          continue;
        }
        break;
      }
    }
    if (this.peek().kind !== ")") {
      if (this.peek().kind === "end") throw new ExpressionSyntaxError(open.index, "this '(' is never closed; add the matching ')'");
      throw new ExpressionSyntaxError(this.peek().index, `unexpected '${this.peek().text}' in the arguments of ${name}; separate arguments with ','`);
    }
    this.advance();
    const call: ExpressionNode = { kind: "call", name, args: args.map((arg) => arg.node), index: first.index };

    const namespace = name.split(".")[0]!;
    if (namespace === "Convert" || namespace === "Time") {
      this.errors.push({ index: first.index, message: `${namespace} functions are not supported in group rules; compare the attribute directly` });
      return { type: "attribute", index: first.index, node: call };
    }
    if (name === "user.isMemberOf") {
      this.errors.push({ index: first.index, message: UNSUPPORTED_USER_FIELDS.get("isMemberOf")! });
      return { type: "boolean", index: first.index, node: call };
    }
    const signature = FUNCTIONS.get(name);
    if (!signature) {
      const known = [...FUNCTIONS.keys()].filter((known) => known.toLowerCase() === name.toLowerCase());
      const hint = known.length > 0 ? `; did you mean ${known[0]}?` : "; see docs/access-file.md for the functions group rules accept";
      this.errors.push({ index: first.index, message: `unknown function ${name}${hint}` });
      return { type: "attribute", index: first.index, node: call };
    }
    if (args.length < signature.minArgs || args.length > signature.maxArgs) {
      const expected = signature.minArgs === signature.maxArgs ? `${signature.minArgs}` : `${signature.minArgs} to ${signature.maxArgs}`;
      this.errors.push({ index: first.index, message: `${name} takes ${expected} argument${signature.maxArgs === 1 ? "" : "s"}, not ${args.length}` });
    }
    if (name === INTERNAL_PROPERTY && args.length === 1 && (args[0]!.literal === undefined || !INTERNAL_PROPERTIES.has(args[0]!.literal))) {
      this.errors.push({ index: first.index, message: `${name} reads "status" only in the file's rules (the one internal property Okta documents for group rules); read other attributes as user.x` });
    }
    if (MEMBERSHIP_FUNCTIONS.has(name)) {
      for (const arg of args) {
        if (arg.literal !== undefined) this.groupReferences.add(arg.literal);
        else if (arg.type !== "string") this.errors.push({ index: arg.index, message: `${name} takes group IDs or names as quoted strings` });
      }
    }
    return { type: signature.returns, index: first.index, node: call };
  }
}

/** Parses a group-rule expression and reports every problem found, each with its offset. */
export function parseGroupRuleExpression(text: string): ParsedExpression {
  // Policy syntax has braces our tokenizer rejects; say what it is before the tokenizer says less.
  const policySyntax = /user\.isMemberOf\s*\(/.exec(text);
  if (policySyntax) {
    return { errors: [{ index: policySyntax.index, message: UNSUPPORTED_USER_FIELDS.get("isMemberOf")! }], attributes: [], attributeUses: [], groupReferences: [] };
  }
  let parser: Parser | undefined;
  let tree: ExpressionNode;
  try {
    parser = new Parser(tokenize(text));
    tree = parser.parseWhole();
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    return {
      errors: [...(parser?.errors ?? []), { index: error.index, message: error.message }],
      attributes: [...(parser?.attributes ?? [])],
      attributeUses: [...(parser?.attributeUses ?? [])],
      groupReferences: [...(parser?.groupReferences ?? [])],
    };
  }
  return {
    errors: parser.errors,
    ...(parser.errors.length === 0 ? { tree } : {}),
    attributes: [...parser.attributes].sort(),
    attributeUses: parser.attributeUses,
    groupReferences: [...parser.groupReferences].sort(),
  };
}
