import { readFileSync } from "node:fs";
import type { AccessModel } from "../access/model";
import type { StackSettings } from "../config/stack-settings";
import type { OktaSettingsOutput, OktaSettingsValues } from "./okta-settings-catalog";
import { oktaSettingsRecord, type DecidedByStack, type OktaAssigned } from "./okta-settings-record";

/*
 * What DuploCloud's Okta settings should be, for the commands that run outside `pulumi up`
 * (doctor, handoff). Values the access file and stack config decide are always known; Okta IDs are
 * known only from the stack's outputs (`pulumi stack output --json > outputs.json`).
 */

export type ExpectedValues = Partial<OktaSettingsValues>;

/** The whole record as the commands know it: every value the stack decides, the IDs as far as the outputs hold them. */
export type ExpectedRecord = DecidedByStack<string | undefined> & Partial<OktaAssigned<string>>;

export interface StackOutputsFile {
  readonly duplocloudOktaSettings?: Partial<OktaSettingsOutput<string>>;
  readonly handoffSecretArn?: string;
}

export function readOutputsFile(file: string): StackOutputsFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: cannot read stack outputs (${(error as Error).message}); create it with: pulumi stack output --json > ${file}`);
  }
  if (!parsed || typeof parsed !== "object") throw new Error(`${file}: is not the JSON of pulumi stack output --json`);
  return parsed as StackOutputsFile;
}

/** What the stack decides, with the IDs a stack-outputs file holds: the record of okta-settings-record.ts, as far as it is known. */
export function expectedValues(model: AccessModel, settings: StackSettings<unknown>, outputs?: StackOutputsFile): ExpectedRecord {
  return oktaSettingsRecord(model, settings, assignedIn(outputs));
}

/** The IDs Okta assigned, as far as the outputs file holds them as text (its clientSecret is never used here). */
function assignedIn(outputs: StackOutputsFile | undefined): Partial<OktaAssigned<string>> {
  const fromOutputs = outputs?.duplocloudOktaSettings ?? {};
  const pick = (key: Exclude<keyof OktaAssigned<string>, "clientSecret">) => (typeof fromOutputs[key] === "string" ? { [key]: fromOutputs[key] } : {});
  return { ...pick("clientId"), ...pick("adminGroupId"), ...pick("readOnlyGroupId"), ...pick("securityGroupId"), ...pick("signupGroupId") };
}
