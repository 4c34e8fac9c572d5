/*
 * Free text (names, descriptions, rule expressions, paths, messages) on its way into Markdown that
 * a reviewer reads in a pull request. Whatever the text holds, it stays text: it cannot open HTML or
 * a comment (which would hide the lines after it), a link, emphasis, a code span or a fence, and it
 * cannot start a new line.
 */

/** Line breaks and other control characters shown as visible marks, never as structure. */
function flattenControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\n\r\u2028\u2029]/g, "⏎").replace(/[\u0000-\u001f\u007f]/g, "�");
}

/** Text in running Markdown: every character Markdown or HTML could act on is backslash-escaped. */
export function markdownText(text: string): string {
  return flattenControls(text).replace(/[\\`*_{}[\]<>&|~!#]/g, "\\$&");
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
