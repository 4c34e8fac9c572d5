import type { AccessModel } from "../access/model";
import { signInRedirectUri } from "../access/naming";
import { oktaOrgUrl, type StackSettings, type WithOktaOrg } from "../config/stack-settings";
import type { OktaSettingsOutput } from "./okta-settings-catalog";

/*
 * DuploCloud's Okta settings record (the fields of okta-settings-catalog.ts), built in one place
 * for every user of it: the program (the stack output `duplocloudOktaSettings` and the
 * experimental API write), doctor and the hand-off (through expected.ts, with the IDs of a
 * stack-outputs file), and the importer when it compares a portal with the file it writes. The
 * access file decides the tenant-group prefixes and the redirect URI, the stack config the Okta
 * domain and the Okta API token's ID and alert email, Okta the IDs and the client secret.
 */

/** What Okta assigns at `pulumi up`: Pulumi outputs in the program, text from a stack-outputs file in the commands. */
export type OktaAssigned<Id> = Pick<OktaSettingsOutput<Id>, "clientId" | "clientSecret" | "adminGroupId" | "readOnlyGroupId" | "securityGroupId" | "signupGroupId">;

/** What the access file and the stack config decide. `Domain` is a string once okta:orgName is known (always in the program). */
export interface DecidedByStack<Domain extends string | undefined> {
  /** `https://<org>.okta.com`, from okta:orgName and okta:baseUrl, as DuploCloud's current docs show it. */
  readonly oktaDomain: Domain;
  readonly tenantGroupPrefix: string;
  readonly tenantReadOnlyGroupPrefix: string;
  /** The Okta app's sign-in redirect URI on the access file's portal (not a setting of the pane: said in the hand-off). */
  readonly redirectUri: string;
  readonly oktaApiTokenId?: string;
  readonly tokenExpiryAlertEmail?: string;
}

type DomainOf<S> = S extends WithOktaOrg ? string : string | undefined;

/** The record: what the stack decides, with what Okta assigned as far as the caller knows it. */
export function oktaSettingsRecord<S extends StackSettings<unknown>, A extends Partial<OktaAssigned<unknown>>>(
  model: Pick<AccessModel, "groupNaming" | "portal">,
  settings: S,
  assigned: A,
): DecidedByStack<DomainOf<S>> & A {
  const duplo = settings.duplocloud;
  return {
    oktaDomain: oktaOrgUrl(settings) as DomainOf<S>,
    ...assigned,
    tenantGroupPrefix: model.groupNaming.tenantReadWritePrefix,
    tenantReadOnlyGroupPrefix: model.groupNaming.tenantReadOnlyPrefix,
    redirectUri: signInRedirectUri(model.portal.host),
    ...(duplo.oktaApiTokenId ? { oktaApiTokenId: duplo.oktaApiTokenId } : {}),
    ...(duplo.tokenExpiryAlertEmail ? { tokenExpiryAlertEmail: duplo.tokenExpiryAlertEmail } : {}),
  };
}
