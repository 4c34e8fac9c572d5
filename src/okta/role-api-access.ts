import type * as pulumi from "@pulumi/pulumi";
import type { ProgramSettings } from "../config/program";
import type { RoleApiAccess } from "./role-rollback";

/** The plain value of a secret output, once the engine knows it (config secrets are known at once). */
function plainOf(secret: pulumi.Output<string>): Promise<string> {
  return new Promise((resolve) => secret.apply((value) => resolve(value)));
}

/**
 * How the admin-role roll-back (role-rollback.ts) reaches the org: with the same credential the Okta
 * provider uses, `okta:apiToken` as `SSWS <token>` (Okta API reference, "API token":
 * `Authorization: SSWS ${api_token}`), read only when the hook runs.
 */
export function roleApiAccessOf(okta: ProgramSettings["okta"], orgUrl: string): RoleApiAccess {
  return {
    orgUrl,
    async authorization() {
      if (okta.apiToken) return `SSWS ${await plainOf(okta.apiToken)}`;
      throw new Error("the stack authenticates to Okta with OAuth (okta:clientId), and the roll-back sends only okta:apiToken");
    },
  };
}
