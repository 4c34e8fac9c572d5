import { lstatSync, realpathSync } from "node:fs";
import * as path from "node:path";

/*
 * The stack's `accessFile` setting is reviewed like code: a pull request could point it at
 * `../../proc/self/environ`, a private key or a symlink, and the file's content would then reach
 * errors and pull-request comments. It must be a relative .yaml or .yml path inside the project,
 * written without control characters, and not a symlink (nor through one).
 */

export class AccessFilePathError extends Error {}

const MAX_SHOWN = 60;
/** The value as it may be shown in an error: control characters made visible, cut when long. */
export function excerpt(value: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = value.replace(/[\u0000-\u001f\u007f]/g, "�");
  return JSON.stringify(visible.length > MAX_SHOWN ? `${visible.slice(0, MAX_SHOWN)}…` : visible);
}

/** What is wrong with the setting's form, or undefined; checked before anything is read. */
export function accessFilePathProblem(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return "contains a control character or a line break";
  if (value.includes("\\")) return "contains '\\'; write the path with '/'";
  if (path.posix.isAbsolute(value) || path.win32.isAbsolute(value)) return "is an absolute path; write it relative to the project, e.g. access/dev.yaml";
  const normal = path.posix.normalize(value);
  if (normal === ".." || normal.startsWith("../")) return "leads outside the project; keep the access file inside it, e.g. access/dev.yaml";
  if (!/\.ya?ml$/.test(normal)) return "is not a .yaml or .yml file";
  return undefined;
}

/**
 * The path checked in form and on disk (no symlink in any part of it, the real path inside the
 * project), relative to the project. Throws AccessFilePathError saying what to change.
 */
export function checkedAccessFilePath(projectDir: string, value: string, settingName = "accessFile"): string {
  const problem = accessFilePathProblem(value);
  if (problem) throw new AccessFilePathError(`${settingName} ${excerpt(value)} ${problem}`);
  const normal = path.posix.normalize(value);
  let current = projectDir;
  for (const part of normal.split("/")) {
    current = path.join(current, part);
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return normal; // does not exist (yet): reading it reports that, located
    }
    if (isLink) throw new AccessFilePathError(`${settingName} ${excerpt(value)} goes through the symlink ${excerpt(path.relative(projectDir, current))}; name the file itself`);
  }
  const real = realpathSync(path.join(projectDir, normal));
  const root = realpathSync(projectDir);
  if (!real.startsWith(`${root}${path.sep}`)) throw new AccessFilePathError(`${settingName} ${excerpt(value)} leads outside the project`);
  return normal;
}
