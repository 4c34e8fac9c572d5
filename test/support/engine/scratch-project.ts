import { cpSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../../src/cli/common";
import { tempDir } from "../temp-dir";

/**
 * A copy of this project in a temporary folder, with its code and node_modules linked and its
 * Pulumi and access files copied so that a test can edit them (a different `main`, a stack setting).
 */
export function scratchProject(edit: { readonly file: string; readonly change: (text: string) => string }[] = []): string {
  const root = tempDir("scratch-project-");
  for (const linked of ["src", "node_modules", "package.json", "tsconfig.json", "schema"]) symlinkSync(path.join(PROJECT_DIR, linked), path.join(root, linked));
  for (const copied of ["Pulumi.yaml", "Pulumi.dev.yaml", "access"]) cpSync(path.join(PROJECT_DIR, copied), path.join(root, copied), { recursive: true });
  for (const { file, change } of edit) {
    const target = path.join(root, file);
    writeFileSync(target, change(readFileSync(target, "utf8")));
  }
  return root;
}
