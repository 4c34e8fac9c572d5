import { lstatSync, readFileSync, realpathSync } from "node:fs";
import * as path from "node:path";
import { excerpt } from "./access-file-path";
import { StackConfigError } from "./stack-config-error";

/*
 * Where the Pulumi config readers get the project's files from: the working tree, or a git revision
 * read as data (review/git-revision.ts). Both answer the same question the same way, so the diff, the
 * commands and the offline plan resolve one config.
 */

export interface ProjectFiles {
  /** The text of a file (path relative to the project, '/'-separated), or undefined when it does not exist. */
  read(relativePath: string): string | undefined;
  /** How a file is named in messages: `Pulumi.dev.yaml`, or `Pulumi.dev.yaml at main`. */
  shown(relativePath: string): string;
}

/**
 * The project's files on disk. Pulumi reads them with os.ReadFile, which follows symlinks
 * (sdk/go/common/workspace/loaders.go, readFileStripUTF8BOM); so does this reader, as long as the
 * link stays inside the project: a file outside it is nothing a review of this repository has seen.
 */
export function projectFilesOnDisk(projectDir: string): ProjectFiles {
  const shown = (relativePath: string) => relativePath;
  return {
    shown,
    read(relativePath) {
      const file = path.join(projectDir, relativePath);
      try {
        lstatSync(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") return undefined;
        throw new StackConfigError(`${shown(relativePath)}: cannot be read (${(error as Error).message})`);
      }
      let real: string;
      try {
        real = realpathSync(file);
      } catch (error) {
        throw new StackConfigError(`${excerpt(relativePath)} is a symlink that leads nowhere (${(error as Error).message}); commit the file itself`);
      }
      const root = realpathSync(projectDir);
      if (real !== root && !real.startsWith(`${root}${path.sep}`))
        throw new StackConfigError(`${excerpt(relativePath)} leads outside the project through a symlink; keep Pulumi's files inside it`);
      try {
        return readFileSync(real, "utf8");
      } catch (error) {
        throw new StackConfigError(`${shown(relativePath)}: cannot be read (${(error as Error).message})`);
      }
    },
  };
}
