/*
 * Free text (names, descriptions, rule expressions, paths, messages) on its way into Markdown that
 * a reviewer reads in a pull request. Whatever the text holds, it stays text: it cannot open HTML or
 * a comment (which would hide the lines after it), a link, emphasis, a code span or a fence, and it
 * cannot start a new line. Characters that change how text displays without being seen (bidi
 * overrides and isolates, zero-width characters) are shown by their code point, and what GitHub
 * turns into something else after Markdown (an @mention that notifies a team, an :emoji:, a www.
 * or http:// autolink, $…$ math) stays the text it is.
 */

/** Line breaks and other control characters shown as visible marks, never as structure. */
function flattenControls(text: string): string {
  return (
    text
      .replace(/\r\n|[\n\r\u2028\u2029]/g, "⏎")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, "�")
      // Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder what follows
      // on screen (CVE-2021-42574, "Trojan Source"); zero-width characters (U+200B-U+200D, U+2060,
      // U+FEFF) hide inside names. Both are shown as their code point.
      .replace(/[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]/g, (char) => `[U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}]`)
  );
}

/**
 * What GitHub acts on after rendering Markdown, in text nodes outside code: @user and @org/team
 * mentions (they notify), :shortcode: emoji (names have a letter, or are 100, 1234, +1, -1, so a time
 * such as 10:30:00 is left alone), and extended autolinks (www., http://, https://,
 * ftp://). Backslash escapes do not stop the first two (they act on the rendered text), so each
 * becomes a code span, which GitHub leaves alone.
 */
const GITHUB_CONSTRUCTS =
  /(?<![A-Za-z0-9_])@[A-Za-z0-9][A-Za-z0-9_-]*(?:\/[A-Za-z0-9_.-]+)?|:(?:[A-Za-z0-9_+-]*[A-Za-z_][A-Za-z0-9_+-]*|100|1234|[+-]1):|(?<![A-Za-z0-9_])(?:www\.|(?:https?|ftp):\/\/)[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*/g;

/** Every character Markdown or HTML could act on, backslash-escaped; `$` too, so no math opens. */
const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]<>&|~!#$]/g, "\\$&");

/** Text in running Markdown: escaped, with GitHub's mentions, emoji and autolinks as code spans. */
export function markdownText(text: string): string {
  const flat = flattenControls(text);
  let out = "";
  let last = 0;
  for (const match of flat.matchAll(GITHUB_CONSTRUCTS)) {
    out += escapeMarkdown(flat.slice(last, match.index)) + markdownCode(match[0]);
    last = match.index + match[0].length;
  }
  return out + escapeMarkdown(flat.slice(last));
}

/** Text as a code span: fenced by more backticks than any run inside it, so it cannot close early. */
export function markdownCode(text: string): string {
  const flat = flattenControls(text);
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  // A space on each side keeps a leading or trailing backtick from joining the fence.
  return /^`|`$/.test(flat) ? `${fence} ${flat} ${fence}` : `${fence}${flat}${fence}`;
}

/** Lines as a fenced code block whose fence no line can close. */
export function markdownCodeBlock(lines: readonly string[]): string[] {
  const flat = lines.map(flattenControls);
  const longestRun = Math.max(0, ...flat.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return [fence, ...flat, fence];
}

/** Names printed in one line before the rest is counted: the count stays exact, the comment readable. */
export const NAMES_SHOWN = 20;

/** A list of names as escaped text, the first NAMES_SHOWN of them and "and N more". */
export function markdownNames(names: readonly string[], shown = NAMES_SHOWN): string {
  const listed = names.slice(0, shown).map(markdownText).join(", ");
  return names.length > shown ? `${listed} and ${names.length - shown} more` : listed;
}
