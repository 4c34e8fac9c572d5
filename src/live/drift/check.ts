import type { AccessModel } from "../../access/model";
import { accessFileSchema } from "../../access/schema";
import type { AccessSource } from "../../access/source";
import { fileLinesOf, type FileLines } from "./file-lines";
import { findDrift, type DriftResult } from "./findings";
import type { LiveOrgReader, LivePortalReader, LiveState } from "./live-state";
import { readScopeOf } from "./scope";

/** The file's side of the check: its model, and where things are written in it. */
export interface FileSide {
  readonly model: AccessModel;
  readonly lines: FileLines;
}

export function fileSideOf(model: AccessModel, source: AccessSource): FileSide {
  return { model, lines: fileLinesOf(source, accessFileSchema.parse(source.data)) };
}

export interface DriftCheck {
  readonly file: FileSide;
  readonly stack: string;
  readonly orgUrl: string;
  readonly okta: LiveOrgReader;
  /** Absent: Okta only. */
  readonly portal?: LivePortalReader;
  /** Also read who is assigned to the app one by one (ReadScope.directAppAssignments); default yes (the CLI's --skip-app-users says no). */
  readonly directAppAssignments?: boolean;
  readonly progress: (message: string) => void;
}

/** Reads the live org (and the portal, when given) and compares it with the file. */
export async function checkDrift(check: DriftCheck): Promise<{ live: LiveState; result: DriftResult }> {
  const org = await check.okta.read(readScopeOf(check.file.model, { directAppAssignments: check.directAppAssignments ?? true }), check.progress);
  const portal = check.portal ? await check.portal.read(check.progress) : undefined;
  const live: LiveState = { ...org, orgUrl: check.orgUrl, ...(portal ? { portal } : {}) };
  return { live, result: findDrift({ model: check.file.model, lines: check.file.lines, stack: check.stack, live }) };
}
