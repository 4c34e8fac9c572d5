import { countOf } from "../access/plural";
import { markdownCode } from "./markdown";

/*
 * What the access diff cannot review, at the top of its comment, critical: a change to .gitattributes
 * (what git writes at checkout may then differ from what the diff read), a change to the code,
 * the policy pack, the dependencies, the workflows or how Pulumi runs the program (the diff reads
 * the access data only), and ESC environments a stack file imports (their values live outside the
 * repository, and Pulumi merges their `pulumiConfig` under the stack's own settings:
 * pkg/workspace/config.go, mergeConfig).
 */

/** Files named in a banner before "and N more": a hostile pull request may touch thousands. */
export const MAX_FILES_SHOWN = 50;

export function unreviewedBanners(codeChanges: readonly string[] = [], environments: readonly string[] = [], attributeChanges: readonly string[] = []): string[] {
  const lines: string[] = [];
  if (attributeChanges.length > 0) {
    // The diff reads the committed blobs (git cat-file); a checkout writes them through the attributes.
    const shown = attributeChanges.slice(0, MAX_FILES_SHOWN).map((file) => `- ${markdownCode(file)}`);
    const more = attributeChanges.length > MAX_FILES_SHOWN ? [`- and ${attributeChanges.length - MAX_FILES_SHOWN} more`] : [];
    lines.push(
      `> ⚠️ **critical: ${countOf(attributeChanges.length, ".gitattributes file changes", ".gitattributes files change")}.** Git attributes can make a checkout write other bytes than the committed ones this diff read (\`working-tree-encoding\`, \`filter\`, \`ident\`, \`eol\`), so the deploy could read another access or stack file than the one shown here. The deploy refuses a checkout whose bytes differ (\`npm run verify-checkout\`); review why the attributes change before approving:`,
      ...[...shown, ...more].map((line) => `> ${line}`),
      "",
    );
  }
  if (codeChanges.length > 0) {
    const shown = codeChanges.slice(0, MAX_FILES_SHOWN).map((file) => `- ${markdownCode(file)}`);
    const more = codeChanges.length > MAX_FILES_SHOWN ? [`- and ${codeChanges.length - MAX_FILES_SHOWN} more`] : [];
    lines.push(
      `> ⚠️ **critical: ${countOf(codeChanges.length, "change")} outside the access data.** The program, the policy pack, the dependencies, the workflows or how Pulumi runs the program change; this diff does not show what they do to access. Review them before approving:`,
      ...[...shown, ...more].map((line) => `> ${line}`),
      "",
    );
  }
  for (const environment of environments) {
    lines.push(
      `> ⚠️ **critical: values from ESC environment ${markdownCode(environment)} are not reviewed here.** The stack file imports it; Pulumi merges its settings under the stack's own at every run.`,
      "",
    );
  }
  return lines;
}
