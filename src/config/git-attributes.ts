import { execFileSync } from "node:child_process";

/*
 * Git attributes that make the bytes git writes at checkout differ from the committed blob
 * (gitattributes(5)): `working-tree-encoding` re-encodes the text (Shift-JIS writes U+00A5 as the
 * byte of '\'), `filter` runs a smudge command, `ident` expands `$Id$`, `eol` and the legacy `crlf`
 * rewrite line endings. `text` alone is left out: with the default `core.eol` on Linux and macOS it
 * converts nothing, and `text=auto` is in many repositories' .gitattributes.
 */
const CONVERTING = new Set(["working-tree-encoding", "filter", "ident", "eol", "crlf"]);

/**
 * The converting attributes git applies to each path (relative to `projectDir`), as `name=value`
 * (or `name` when simply set); paths without any are left out. Empty when git cannot tell (not a
 * repository, no git): this only explains or warns, the byte comparison decides.
 */
export function convertingAttributes(projectDir: string, paths: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  if (paths.length === 0) return found;
  let output: string;
  try {
    // `<path> NUL <attribute> NUL <info> NUL` per attribute (git-check-attr(1), -z).
    output = execFileSync("git", ["check-attr", "--stdin", "-z", "-a"], {
      cwd: projectDir,
      input: paths.map((p) => `${p}\0`).join(""),
      encoding: "utf8",
      stdio: ["pipe", "pipe", "ignore"],
    });
  } catch {
    return found;
  }
  const fields = output.split("\0");
  for (let index = 0; index + 2 < fields.length; index += 3) {
    const [file, attribute, info] = [fields[index]!, fields[index + 1]!, fields[index + 2]!];
    if (!CONVERTING.has(attribute) || info === "unspecified" || info === "unset") continue;
    found.set(file, [...(found.get(file) ?? []), info === "set" ? attribute : `${attribute}=${info}`]);
  }
  return found;
}
