import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { tempDir } from "./temp-dir";

export interface GitRepo {
  readonly dir: string;
  /** Writes (null: deletes) the files, stages everything with `git add -A` and commits. */
  commit: (message: string, next: Record<string, string | null>) => void;
  /**
   * Writes the files and commits their bytes as they are, with no git conversion on the way in
   * (`git hash-object -w --no-filters` then `git update-index --cacheinfo`): how a hostile pull
   * request stores a blob that a .gitattributes in the same commit will rewrite at checkout.
   */
  commitRaw: (message: string, next: Record<string, string | Buffer>) => void;
  /** The full name of HEAD's commit. */
  head: () => string;
}

/** A throw-away git repository with the project files the diff command reads. */
export function gitRepo(files: Record<string, string>): GitRepo {
  const dir = tempDir("access-git-");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: ["ignore", "pipe", "ignore"], encoding: "utf8" });
  const write = (next: Record<string, string | Buffer | null>) => {
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
    commitRaw: (message, next) => {
      write(next);
      for (const file of Object.keys(next)) {
        const object = git("hash-object", "-w", "--no-filters", "--", file).trim();
        git("update-index", "--add", "--cacheinfo", `100644,${object},${file}`);
      }
      git("commit", "-qm", message);
    },
    head: () => git("rev-parse", "HEAD").trim(),
  };
}

/**
 * A checkout of `commit` from the repository in `origin`, by the git commands actions/checkout runs
 * for a push to main with `persist-credentials: false` (actions/checkout src/git-source-provider.ts,
 * getSource; the arguments from src/git-command-manager.ts): `git init`, `git remote add origin`,
 * `git config --local gc.auto 0`, `git -c protocol.version=2 fetch --no-tags --prune
 * --no-recurse-submodules --depth=1 origin +<sha>:refs/remotes/origin/main` (ref-helper.ts,
 * getRefSpec), then `git checkout --progress --force -B main refs/remotes/origin/main`. `env` adds
 * to git's environment (a runner's global git config, e.g. a filter driver).
 */
export function checkoutLikeActions(origin: string, commit: string, env: Record<string, string> = {}): string {
  const dir = tempDir("access-checkout-");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore", env: { ...process.env, ...env } });
  git("init", dir);
  git("remote", "add", "origin", `file://${origin}`);
  git("config", "--local", "gc.auto", "0");
  git("-c", "protocol.version=2", "fetch", "--no-tags", "--prune", "--no-recurse-submodules", "--depth=1", "origin", `+${commit}:refs/remotes/origin/main`);
  git("checkout", "--progress", "--force", "-B", "main", "refs/remotes/origin/main");
  return dir;
}
