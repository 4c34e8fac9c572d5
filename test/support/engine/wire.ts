/*
 * Pulumi's wire format for property values, as the SDK writes it (sdk/nodejs/runtime/rpc.ts):
 * special values are objects carrying a signature key. Shared by the recording engine and the
 * dynamic-provider driver.
 */

export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REFERENCE_SIGNATURE = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIGNATURE = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** An unknown value (what a preview sends where an output is not known yet). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Wire = Record<string, unknown>;

export function isSecretValue(value: unknown): value is { value: unknown } {
  return isSigned(value, SECRET_SIGNATURE);
}

export function isSigned(value: unknown, signature: string): value is Wire {
  return value !== null && typeof value === "object" && (value as Wire)[SIGNATURE_KEY] === signature;
}

/** The value with every secret wrapper removed, as an engine hands it to a provider that does not accept secrets. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

/** Every string in `value` outside a secret wrapper (where a leaked secret would show). */
export function stringsOutsideSecrets(value: unknown, found: string[] = []): string[] {
  if (isSecretValue(value)) return found;
  if (typeof value === "string") found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOutsideSecrets(item, found);
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) stringsOutsideSecrets(item, found);
  return found;
}

/** True when `value` holds an unknown anywhere. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}
