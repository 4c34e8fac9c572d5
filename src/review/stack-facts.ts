import { createHash } from "node:crypto";
import { parse } from "yaml";
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

/** A stack file's config as written: fully-qualified keys, values as text, and which are `secure:`. */
export interface StackSettings {
  readonly values: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
}

/** An encrypted value is compared by a fingerprint of its ciphertext and never shown. */
const fingerprint = (ciphertext: string) => `encrypted value ${createHash("sha256").update(ciphertext).digest("hex").slice(0, 12)}`;

export function stackSettingFacts(settings: StackSettings): AccessFact[] {
  const secret = new Set(settings.secretKeys);
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

/**
 * The settings of a stack file's text (from disk or `git show`), keys qualified the way Pulumi
 * does (`key` in project `p` is `p:key`). `secure:` values keep their ciphertext, for comparison.
 */
export function parseStackSettings(project: string, text: string): StackSettings {
  const config = (parse(text) as { config?: Record<string, unknown> } | null)?.config ?? {};
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const qualified = key.includes(":") ? key : `${project}:${key}`;
    if (value && typeof value === "object" && "secure" in value) {
      values[qualified] = String((value as { secure: unknown }).secure);
      secretKeys.push(qualified);
    } else {
      values[qualified] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { values, secretKeys };
}
