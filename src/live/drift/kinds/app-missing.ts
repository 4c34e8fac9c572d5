import { signInRedirectUri } from "../../../access/naming";
import type { DriftInput, Finding } from "../finding";

/**
 * The app the file declares is not in the org: no app has the portal's sign-in redirect URI, the one
 * the drift check finds it by. Either the stack never made it (or someone deleted it) and nobody
 * signs in to DuploCloud through Okta, or its redirect URI was changed in the console; either way
 * its assignments and sign-on policy could not be checked, which the finding says.
 */
export function appMissing(input: DriftInput): Finding {
  const { model, lines } = input;
  const uri = signInRedirectUri(model.portal.host);
  const adopted = model.app.importId ? ` (the file adopts app ${model.app.importId})` : "";
  return {
    kind: "app-missing",
    severity: "warning",
    where: `app ${model.app.label}`,
    how: `no app in the org has the sign-in redirect URI ${uri}${adopted}; its assignments and sign-on policy were not checked`,
    fix:
      `Run pulumi up --refresh: the stack makes the app (${lines.at(["okta", "app"])}). If the app exists with another sign-in redirect URI, ` +
      `Okta console, Applications > ${model.app.label} > General: set it back to ${uri} (a changed URI sends people's sign-in to another site)`,
  };
}
