/*
 * The comparison of two revisions of a stack: its access and stack files at a git revision (read
 * as data, never checked out) against the working tree or another revision, each side's config
 * resolved the way the Pulumi CLI resolves it (config/config-values.ts). `npm run diff` prints it.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { validateAccessFile } from "../access/validate";
import { diffAccess } from "./diff";
import type { DiffContext, DiffOutcome } from "./diff-render";
import { entryAtRevision, GitError, projectFilesAtRevision } from "./git-revision";
import { resolveStackConfig, type StackConfigFiles } from "../config/config-values";
import { projectFilesOnDisk, type ProjectFiles } from "../config/project-files";
import { findProjectFile, type PulumiProject } from "../config/pulumi-project";
import { changedAttributeFiles, changedCodeFiles, projectFileChanges } from "./code-changes";
import { stackSettingsOf } from "../config/stack-settings";
import { accessFilePathProblem, checkedAccessFilePath, excerpt } from "../config/access-file-path";
import { displayPath } from "../config/stack-config";
import { clockExpiry } from "../config/clock";
import { audienceOf, diffAudience, groupAudiences, SnapshotRules } from "./audience";
import { applyEvidence } from "./evidence";
import { withPeopleLeftIn } from "./rule-collapse";
import { summarise } from "./audience-render";
import type { DirectorySnapshot } from "./directory";
import type { AccessModel } from "../access/model";

/** The comparison cannot be made as asked (a bad stack name or revision, an access file path refused): the caller's to fix. */
export class ComparisonError extends Error {}

/** One side of the comparison: its resolved stack config and access file, where they exist. */
interface Side {
  /** The project file Pulumi would load, when the side has one. */
  readonly project?: PulumiProject;
  readonly config?: StackConfigFiles;
  /** The access file's path as the stack file names it, when that file exists. */
  readonly path?: string;
  /** Where the file is shown in problems: `REF:path` at a revision, the path on disk otherwise. */
  readonly shownAs?: string;
  readonly text?: string;
}

/** The side's project and its config as Pulumi resolves it; a side without a project or stack file has none. */
function resolvedConfig(files: ProjectFiles, stack: string): Pick<Side, "project" | "config"> {
  if (!findProjectFile(files)) return {};
  const resolved = resolveStackConfig(files, stack);
  return resolved.stackFileExists ? { project: resolved.project, config: resolved } : { project: resolved.project };
}

/** A side read from the working tree (the pull request's checkout when run locally). */
function sideOnDisk(projectDir: string, stack: string): Side {
  const { project, config } = resolvedConfig(projectFilesOnDisk(projectDir), stack);
  if (!config) return { project };
  const setting = stackSettingsOf(config.config, () => "").accessFile;
  const file = checkedAccessFilePath(projectDir, setting, `${config.stackFile}: ${config.project.name}:accessFile`);
  if (!existsSync(path.join(projectDir, file))) return { project, config };
  return { project, config, path: file, shownAs: displayPath(projectDir, file) };
}

/**
 * A side read from a git revision, as data: the project, stack and access files with `git cat-file`,
 * never a checkout. In CI the pull request's side is read this way by the base branch's code.
 */
function sideAtRevision(projectDir: string, stack: string, ref: string): Side {
  try {
    const { project, config } = resolvedConfig(projectFilesAtRevision(projectDir, ref), stack);
    if (!config) return { project };
    const key = `${config.project.name}:accessFile`;
    const setting = stackSettingsOf(config.config, () => "").accessFile;
    const where = `${config.stackFile} at ${ref}: ${key} ${excerpt(setting)}`;
    const problem = accessFilePathProblem(setting);
    if (problem) throw new ComparisonError(`${where} ${problem}`);
    const file = path.posix.normalize(setting);
    const entry = entryAtRevision(projectDir, ref, file);
    if (entry.kind === "symlink")
      throw new ComparisonError(
        entry.link === file ? `${where} is a symlink; name the file itself` : `${where} goes through the symlink ${excerpt(entry.link)}; name the file itself`,
      );
    return entry.kind === "absent" ? { project, config } : { project, config, path: file, shownAs: `${ref}:${file}`, text: entry.text };
  } catch (error) {
    if (error instanceof GitError) throw new ComparisonError(error.message);
    throw error;
  }
}

/**
 * Compares the stack at `baseRef` with the working tree, or with `headRef` when given; with a
 * directory snapshot, also who gains and loses each tenant level and role.
 */
export function compareStack(projectDir: string, stack: string, baseRef: string, headRef?: string, snapshot?: DirectorySnapshot): DiffOutcome {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new ComparisonError(`--stack must be a stack name (letters, digits, '.', '_', '-'), not ${excerpt(stack)}`);
  const baseSide = sideAtRevision(projectDir, stack, baseRef);
  const headSide = headRef === undefined ? sideOnDisk(projectDir, stack) : sideAtRevision(projectDir, stack, headRef);
  if (!baseSide.path && !headSide.path)
    throw new ComparisonError(`stack ${stack} has no access file at ${baseRef} nor ${headRef === undefined ? "in the working tree" : `at ${headRef}`}`);
  const codeChanges = [...projectFileChanges(baseSide.project, headSide.project), ...changedCodeFiles(projectDir, baseRef, headRef)];
  const attributeChanges = changedAttributeFiles(projectDir, baseRef, headRef);
  const environments = [...new Set([baseSide, headSide].flatMap((side) => side.config?.environments.names ?? []))].sort();
  const context: DiffContext = {
    stack,
    baseRef,
    ...(baseSide.path ? { basePath: baseSide.path } : {}),
    ...(headSide.path ? { headPath: headSide.path } : {}),
    ...(codeChanges.length > 0 ? { codeChanges } : {}),
    ...(attributeChanges.length > 0 ? { attributeChanges } : {}),
    ...(environments.length > 0 ? { environments } : {}),
  };

  let base: AccessModel | undefined;
  if (baseSide.path) {
    // The base side was valid when it was merged: grants that have expired since still count there.
    const result = validateAccessFile(baseSide.shownAs!, { text: baseSide.text!, expiry: "ignore" });
    if (!result.ok) return { kind: "invalid", context, side: "base", problems: result.problems };
    base = result.model;
  }
  let head: AccessModel | undefined;
  if (headSide.path) {
    const result = validateAccessFile(headSide.shownAs!, { expiry: clockExpiry(), ...(headSide.text === undefined ? {} : { text: headSide.text }) });
    if (!result.ok) return { kind: "invalid", context, side: "head", problems: result.problems };
    head = result.model;
  }
  const settings = { ...(baseSide.config ? { base: baseSide.config.config } : {}), ...(headSide.config ? { head: headSide.config.config } : {}) };
  const diff = diffAccess(base, head, settings);
  if (!snapshot) return { kind: "compared", context, diff };
  // One evaluator for both sides: a rule unchanged between them is evaluated once.
  const rules = new SnapshotRules(snapshot);
  const baseAudiences = base && groupAudiences(base, rules);
  const headAudiences = head && groupAudiences(head, rules);
  const changes = diffAudience(base && audienceOf(base, rules, baseAudiences), head && audienceOf(head, rules, headAudiences));
  const evidenced = applyEvidence(diff, { ...(base ? { base, baseAudiences } : {}), ...(head ? { head, headAudiences } : {}) });
  // Who by name keeps a tenant group through home rules the step deletes (rule-collapse.ts).
  const leftIn =
    evidenced.leftInGroups && base
      ? withPeopleLeftIn(evidenced.leftInGroups, { base, baseAudiences: baseAudiences!, ...(head ? { head, headAudiences: headAudiences! } : {}) })
      : undefined;
  return { kind: "compared", context, diff: leftIn ? { ...evidenced, leftInGroups: leftIn } : evidenced, audience: { summary: summarise(snapshot), changes } };
}

/**
 * The access model of `stack` at a revision, read as data as the diff reads it; undefined when the
 * revision has no access file or it does not validate. The approval check reads `githubLogins`
 * from the deployed side with it.
 */
export function accessModelAtRevision(projectDir: string, stack: string, ref: string): AccessModel | undefined {
  const side = sideAtRevision(projectDir, stack, ref);
  if (!side.path) return undefined;
  const result = validateAccessFile(side.shownAs!, { text: side.text!, expiry: "ignore" });
  return result.ok ? result.model : undefined;
}
