import * as pulumi from "@pulumi/pulumi";
import type { ProgramSettings } from "../config/program";
import type { RoleApiAccess } from "./role-rollback";
import { authorizationFor, type OktaWriteAccess } from "./write-access";

/** The plain value of a secret output, once the engine knows it (config secrets are known at once). */
function plainOf<T>(secret: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => secret.apply((value) => resolve(value)));
}

/**
 * The stack's Okta credential as an output (secret), for a dynamic resource's inputs: `okta:apiToken`,
 * else the OAuth service app of `okta:clientId` with its private key (write-access.ts).
 */
export function oktaWriteAccessOf(okta: ProgramSettings["okta"], orgUrl: string): pulumi.Output<OktaWriteAccess> {
  const oauth =
    okta.clientId && okta.privateKey
      ? okta.privateKey.apply((privateKey) => ({ clientId: okta.clientId!, ...(okta.privateKeyId ? { privateKeyId: okta.privateKeyId } : {}), privateKey }))
      : undefined;
  return pulumi.secret(pulumi.output({ orgUrl, ...(okta.apiToken ? { apiToken: okta.apiToken } : {}), ...(oauth ? { oauth } : {}) }));
}

/**
 * How the admin-role roll-back (role-rollback.ts) reaches the org: with the credential of
 * oktaWriteAccessOf, the one the Okta provider uses, read only when the hook runs.
 */
export function roleApiAccessOf(access: pulumi.Output<OktaWriteAccess>, orgUrl: string): RoleApiAccess {
  return { orgUrl, authorization: async () => authorizationFor(await plainOf(access)) };
}
