import { createHash } from "node:crypto";
import type { ConfigValues } from "../config/config-values";
import type { AccessFact } from "./access-facts";

/*
 * The stack file's settings as facts for the access diff. Pulumi.<stack>.yaml decides where the
 * DuploCloud token and the Okta secrets go (duplocloud:host, the hand-off readers), whether settings
 * are written to the portal, which org is managed and which access file is read, so a change there
 * is an access change. Every key is compared; only the ones known to tune retries are not critical.
 */

/** Keys that only tune how the program talks to the APIs: a change is shown, not flagged. */
const OPERATIONAL_KEYS = new Set([
  "okta:backoff",
  "okta:maxRetries",
  "okta:minWaitSeconds",
  "okta:maxWaitSeconds",
  "okta:maxApiCapacity",
  "okta:parallelism",
  "okta:requestTimeout",
  "duplocloud:writeWaitSeconds",
]);

/** An encrypted value is compared by a fingerprint of its ciphertext and never shown. */
const fingerprint = (ciphertext: string) => `encrypted value ${createHash("sha256").update(ciphertext).digest("hex").slice(0, 12)}`;

/** Every setting of a stack, project defaults included, as a fact. */
export function stackSettingFacts(settings: Pick<ConfigValues, "values" | "secretKeys">): AccessFact[] {
  const secret = settings.secretKeys;
  return Object.keys(settings.values)
    .sort()
    .map((key) => ({
      key: `stack|${key}`,
      kind: "stack-setting" as const,
      subject: "the stack file",
      what: key,
      value: secret.has(key) ? fingerprint(settings.values[key]!) : settings.values[key]!,
      critical: !OPERATIONAL_KEYS.has(key),
      owners: [],
    }));
}
