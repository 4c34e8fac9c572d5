import * as okta from "@pulumi/okta";
import type { ProgramSettings } from "../config/program";

/**
 * The one Okta provider every resource uses. It is explicit (and the default provider is disabled
 * in the stack config) so that no resource can silently go to another org.
 */
export function createOktaProvider(name: string, settings: ProgramSettings["okta"]): okta.Provider {
  return new okta.Provider(name, {
    orgName: settings.orgName,
    baseUrl: settings.baseUrl,
    apiToken: settings.apiToken,
    clientId: settings.clientId,
    privateKeyId: settings.privateKeyId,
    privateKey: settings.privateKey,
    scopes: settings.scopes,
    backoff: settings.backoff,
    maxRetries: settings.maxRetries,
    minWaitSeconds: settings.minWaitSeconds,
    maxWaitSeconds: settings.maxWaitSeconds,
    maxApiCapacity: settings.maxApiCapacity,
    parallelism: settings.parallelism,
    requestTimeout: settings.requestTimeout,
  });
}
