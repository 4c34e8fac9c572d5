import type * as pulumi from "@pulumi/pulumi";
import type { ProgramSettings } from "../config/program";
import type { RoleApiAccess } from "./role-rollback";
import { serviceAppAuthorization } from "./oauth-token";
import { ROLE_WRITE_SCOPE } from "./role-operations";

/** The plain value of a secret output, once the engine knows it (config secrets are known at once). */
function plainOf(secret: pulumi.Output<string>): Promise<string> {
  return new Promise((resolve) => secret.apply((value) => resolve(value)));
}

/**
 * How the admin-role roll-back (role-rollback.ts) reaches the org: with the same credential the Okta
 * provider uses, read only when the hook runs: `okta:apiToken` as `SSWS <token>` (Okta API reference,
 * "API token": `Authorization: SSWS ${api_token}`), else the OAuth service app of `okta:clientId`
 * with a token of scope okta.roles.manage (oauth-token.ts).
 */
export function roleApiAccessOf(okta: ProgramSettings["okta"], orgUrl: string): RoleApiAccess {
  return {
    orgUrl,
    async authorization() {
      if (okta.apiToken) return `SSWS ${await plainOf(okta.apiToken)}`;
      if (okta.clientId && okta.privateKey)
        return serviceAppAuthorization({ orgUrl, clientId: okta.clientId, privateKeyId: okta.privateKeyId, privateKey: await plainOf(okta.privateKey) }, ROLE_WRITE_SCOPE);
      throw new Error("the stack sets neither okta:apiToken nor okta:clientId with okta:privateKey, so it has no credential to reach Okta with");
    },
  };
}
