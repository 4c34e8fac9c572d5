import { distance } from "fastest-levenshtein";
import { byText } from "./text-order";

/*
 * "Did you mean ...?": the known name nearest to a mistyped one, by edit distance (fastest-levenshtein,
 * docs/dependencies.md). Case counts as no edit, so `user.Department` points at `department`. A
 * name farther than a third of its length (at least 2 edits) is no typo of it: nothing is suggested.
 */
export function nearestName(typed: string, known: Iterable<string>): string | undefined {
  const lower = typed.toLowerCase();
  const limit = Math.max(2, Math.floor(typed.length / 3));
  let best: { name: string; edits: number } | undefined;
  for (const name of [...known].sort(byText)) {
    const edits = distance(lower, name.toLowerCase());
    if (edits <= limit && (best === undefined || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}
