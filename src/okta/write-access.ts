import { serviceAppAuthorization } from "./oauth-token";
import { ROLE_WRITE_SCOPE } from "./role-operations";

/*
 * The credential the stack's own Okta writes send (the admin-role roll-back, the service apps'
 * scoped roles): the one the Okta provider is configured with, in plain text, only inside a
 * deployment (a hook, or a dynamic resource whose inputs hold it as a Pulumi secret).
 * Plain functions with no module-level state: dynamic providers serialise what they capture.
 */

export interface OktaWriteAccess {
  /** https://acme.okta.com */
  readonly orgUrl: string;
  /** `okta:apiToken`, sent as `SSWS <token>` (Okta API reference, "API token"). */
  readonly apiToken?: string;
  /** `okta:clientId`, `okta:privateKeyId`, `okta:privateKey`: a token of scope okta.roles.manage (oauth-token.ts). */
  readonly oauth?: { readonly clientId: string; readonly privateKeyId?: string; readonly privateKey: string };
}

/** The Authorization header for role writes. */
export async function authorizationFor(access: OktaWriteAccess): Promise<string> {
  if (access.apiToken) return `SSWS ${access.apiToken}`;
  if (access.oauth) return serviceAppAuthorization({ orgUrl: access.orgUrl, ...access.oauth }, ROLE_WRITE_SCOPE);
  throw new Error("the stack sets neither okta:apiToken nor okta:clientId with okta:privateKey, so it has no credential to reach Okta with");
}
