/*
 * The guard of the hourly expiry run. That run re-applies the deployed commit (`pulumi up` without
 * refresh): the same reviewed code and access file, only the clock moved, so the only changes it may
 * make are the removals of grants that have ended since. Before the `up`, this judges the steps of
 * `pulumi preview --json` against what the clock explains, and refuses anything else.
 *
 * The format read is Pulumi's documented preview digest: pulumi/pulumi
 * sdk/go/common/display/json.go, `PreviewDigest` (`steps`) and `PreviewStep` (`op`, `urn`,
 * `oldState`, `newState`, `diffReasons`, `replaceReasons`, `detailedDiff`), whose states are
 * `apitype.ResourceV3` (sdk/go/common/apitype/core.go: `urn`, `type`, `inputs`, `outputs`). The step
 * ops are the engine's (pkg/resource/deploy/step.go: same, create, update, delete, replace,
 * create-replacement, delete-replaced, read, read-replacement, refresh, discard, discard-replaced,
 * remove-pending-replace, import, import-replacement).
 */

/** One resource of an offline plan (src/plan/offline.ts): enough to say what the clock changes. */
export interface PlannedResourceLike {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** A resource state in a preview step (apitype.ResourceV3), as far as the guard reads it. */
export interface PreviewState {
  readonly urn?: string;
  readonly type?: string;
  readonly inputs?: Readonly<Record<string, unknown>>;
}

/** One step of `pulumi preview --json`. */
export interface PreviewStep {
  readonly op: string;
  readonly urn: string;
  readonly oldState?: PreviewState;
  readonly newState?: PreviewState;
  readonly diffReasons?: readonly string[];
  readonly replaceReasons?: readonly string[];
  readonly detailedDiff?: Readonly<Record<string, { readonly kind: string; readonly inputDiff?: boolean }>> | null;
}

/** `pulumi preview --json`'s output (PreviewDigest); only the steps matter here. */
export interface PreviewDigest {
  readonly steps?: readonly PreviewStep[];
}

/** What moving the clock does to the plan of one file: resources that go, and inputs that change. */
export interface ClockChanges {
  /** `type::name` of every resource in the plan before and not now. */
  readonly gone: ReadonlySet<string>;
  /** `type::name` of every resource in both, with the inputs whose values differ. */
  readonly changedInputs: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface GuardVerdict {
  /** True when every step is one the clock explains: the `up` may go on. */
  readonly apply: boolean;
  /** Why it is refused, one line per step, in preview order. */
  readonly refused: readonly string[];
  /** What it takes away, one line per step (deletes and narrowed rules). */
  readonly removals: readonly string[];
}

const keyOf = (type: string, name: string) => `${type}::${name}`;

/** The changes between the plan of the file as of an earlier time (`before`) and as of now (`after`). */
export function clockChanges(before: readonly PlannedResourceLike[], after: readonly PlannedResourceLike[]): ClockChanges {
  const now = new Map(after.map((resource) => [keyOf(resource.type, resource.name), resource]));
  const gone = new Set<string>();
  const changedInputs = new Map<string, Set<string>>();
  for (const resource of before) {
    const key = keyOf(resource.type, resource.name);
    const later = now.get(key);
    if (!later) {
      gone.add(key);
      continue;
    }
    const names = new Set([...Object.keys(resource.inputs), ...Object.keys(later.inputs)]);
    const changed = [...names].filter((name) => JSON.stringify(resource.inputs[name]) !== JSON.stringify(later.inputs[name]));
    if (changed.length > 0) changedInputs.set(key, new Set(changed));
  }
  return { gone, changedInputs };
}

/**
 * The type and logical name a URN ends with: `urn:pulumi:STACK::PROJECT::PARENT$TYPE::NAME`
 * (pulumi/pulumi sdk/go/common/resource/urn.go: the qualified type is the parent types and the
 * resource's type joined by `$`; the name follows the last `::`).
 */
export function typeAndName(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const qualified = parts[2] ?? "";
  return { type: qualified.slice(qualified.lastIndexOf("$") + 1), name: parts.slice(3).join("::") };
}

/** The OR-ed terms of a rule expression, parentheses that wrap a whole term removed, in any depth. */
export function orTerms(expression: string): string[] {
  const terms: string[] = [];
  const split = (text: string) => {
    const parts = topLevelOr(text.trim());
    if (parts.length === 1) {
      const only = parts[0]!;
      if (wrapped(only)) split(only.slice(1, -1));
      else terms.push(only);
      return;
    }
    for (const part of parts) split(part);
  };
  split(expression);
  return terms;
}

/** `text` cut at every OR outside parentheses and string literals. */
function topLevelOr(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === "(") depth++;
    else if (char === ")") depth--;
    else if (depth === 0 && /^\s(OR|\|\|)\s/i.test(text.slice(i, i + 4))) {
      // " OR " and " || ": the keyword is two characters between two spaces (keywords in any case).
      parts.push(text.slice(start, i).trim());
      start = i + 4;
      i = start - 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** True when the first parenthesis closes at the very end: `(a OR b)`, not `(a) OR (b)`. */
function wrapped(text: string): boolean {
  if (!text.startsWith("(") || !text.endsWith(")")) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === "(") depth++;
    else if (char === ")" && --depth === 0 && i < text.length - 1) return false;
  }
  return true;
}

const RULE = "okta:group/rule:Rule";

/** Judges every step of a preview against what the clock explains. */
export function judgePreview(digest: PreviewDigest, clock: ClockChanges): GuardVerdict {
  const refused: string[] = [];
  const removals: string[] = [];
  for (const step of digest.steps ?? []) {
    const { type, name } = typeAndName(step.urn);
    const key = keyOf(type, name);
    const label = `${step.op} ${type} ${name}`;
    switch (step.op) {
      case "same":
        break;
      case "delete":
        if (clock.gone.has(key)) removals.push(`${name} (${type}) is deleted: every grant it served has ended`);
        else refused.push(`${label}: no grant that ended explains deleting it`);
        break;
      case "update": {
        const allowed = clock.changedInputs.get(key);
        const reasons = step.diffReasons ?? Object.keys(step.detailedDiff ?? {});
        const unexplained = reasons.filter((reason) => !allowed?.has(reason.split(/[.[]/)[0]!));
        if (!allowed || reasons.length === 0 || unexplained.length > 0) {
          refused.push(
            `${label}: ${reasons.length === 0 ? "an update without its reasons" : `changes ${(unexplained.length > 0 ? unexplained : reasons).join(", ")}, which no grant that ended explains`}`,
          );
          break;
        }
        if (type === RULE && reasons.some((reason) => reason.startsWith("expressionValue"))) {
          const before = String(step.oldState?.inputs?.expressionValue ?? "");
          const after = String(step.newState?.inputs?.expressionValue ?? "");
          const kept = new Set(orTerms(before));
          const added = orTerms(after).filter((term) => !kept.has(term));
          if (added.length > 0 || after === "") {
            refused.push(`${label}: the rule gains ${added.map((term) => JSON.stringify(term)).join(", ") || "an empty expression"}; only ended grants may leave a rule`);
            break;
          }
          const left = orTerms(before).filter((term) => !new Set(orTerms(after)).has(term));
          removals.push(`${name} no longer holds ${left.map((term) => JSON.stringify(term)).join(", ")}`);
        } else removals.push(`${name} (${type}): ${reasons.join(", ")} follow the ended grants`);
        break;
      }
      default:
        refused.push(`${label}: the expiry run only updates and deletes what ended grants explain, never ${step.op}`);
    }
  }
  return { apply: refused.length === 0, refused, removals };
}
