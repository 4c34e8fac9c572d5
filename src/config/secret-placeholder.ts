/**
 * What every tool shows, and holds, in place of a secret value: the offline plan's inputs, the
 * commands' stack settings (they never need a secret's plaintext), and the doctor when it reads an
 * outputs file. It is the text the Pulumi CLI itself prints for a secret (`pulumi config`, and
 * `pulumi stack output` without --show-secrets; Pulumi docs, "Secrets", concepts/secrets), so an
 * outputs file saved without --show-secrets holds this very text where the secret would be.
 */
export const SECRET_SHOWN_AS = "[secret]";
