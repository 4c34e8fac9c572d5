import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { tempDir } from "./temp-dir";

/** A throw-away git repository with the project files the diff command reads. */
export function gitRepo(files: Record<string, string>): { dir: string; commit: (message: string, next: Record<string, string | null>) => void } {
  const dir = tempDir("access-git-");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  const write = (next: Record<string, string | null>) => {
    for (const [file, content] of Object.entries(next)) {
      const full = path.join(dir, file);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
  };
  git("init", "-q");
  git("config", "user.email", "test@example.com");
  git("config", "user.name", "test");
  write({ "Pulumi.yaml": "name: duplocloud-okta-access\nruntime: nodejs\n", ...files });
  git("add", "-A");
  git("commit", "-qm", "base");
  return {
    dir,
    commit: (message, next) => {
      write(next);
      git("add", "-A");
      git("commit", "-qm", message);
    },
  };
}
