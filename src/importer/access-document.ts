import { Document } from "yaml";
import type { AccessFileInput } from "../access/schema";
import type { ImportOptions, PortalState } from "./types";

/** The access file as YAML: a header saying where it comes from, and what the file cannot express as a comment at its end. */
export function accessDocument(file: AccessFileInput, portal: PortalState, options: ImportOptions, notExpressed: readonly string[]): string {
  const document = new Document(file);
  document.commentBefore = ` Written by npm run import on ${options.today} from ${portal.url} and its Okta org.\n Review it, then run npm run plan and pulumi preview before the first pulumi up.`;
  if (notExpressed.length > 0) {
    document.comment = ` Left outside the stack (the file cannot express them; they keep working as they are):\n${notExpressed.map((line) => ` - ${line}`).join("\n")}`;
  }
  return document.toString({ lineWidth: 0 });
}
