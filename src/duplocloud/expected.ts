import { readFileSync } from "node:fs";
import type { AccessModel } from "../access/model";
import { oktaOrgUrl, type StackSettings } from "../config/stack-settings";
import type { OktaSettingsOutput, OktaSettingsValues } from "./okta-settings-catalog";

/*
 * What DuploCloud's Okta settings should be, for the commands that run outside `pulumi up`
 * (doctor, handoff). Values the access file and stack config decide are always known; Okta IDs are
 * known only from the stack's outputs (`pulumi stack output --json > outputs.json`).
 */

export type ExpectedValues = Partial<OktaSettingsValues>;

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

export function expectedValues(model: AccessModel, settings: StackSettings<unknown>, outputs?: StackOutputsFile): ExpectedValues {
  // The Okta domain as DuploCloud's current docs show it: https://acme.okta.com.
  const domain = oktaOrgUrl(settings);
  const fromOutputs = outputs?.duplocloudOktaSettings ?? {};
  const pick = (key: keyof OktaSettingsValues) => (typeof fromOutputs[key] === "string" ? { [key]: fromOutputs[key] as string } : {});
  return {
    ...(domain ? { oktaDomain: domain } : {}),
    tenantGroupPrefix: model.groupNaming.tenantReadWritePrefix,
    tenantReadOnlyGroupPrefix: model.groupNaming.tenantReadOnlyPrefix,
    ...(settings.duplocloud.oktaApiTokenId ? { oktaApiTokenId: settings.duplocloud.oktaApiTokenId } : {}),
    ...(settings.duplocloud.tokenExpiryAlertEmail ? { tokenExpiryAlertEmail: settings.duplocloud.tokenExpiryAlertEmail } : {}),
    ...pick("clientId"),
    ...pick("adminGroupId"),
    ...pick("readOnlyGroupId"),
    ...pick("securityGroupId"),
    ...pick("signupGroupId"),
  };
}
