import { portalOf, PortalUrlError, samePortal, type Portal } from "./portal-url";
import { settingAt, SettingsError, type StackSettings } from "./stack-settings";

/*
 * The portal DuploCloud's API calls go to (users, tenant grants, settings rows; doctor and drift
 * read it). It is the portal people sign in to, the access file's `duplocloud.portal`, which the
 * Okta app redirects to: DuploCloud serves its REST API on the portal's own host (DuploCloud's
 * Pulumi provider documents `duplocloud:duploHost`, env `duplo_host`, as "Base URL to the DuploCloud
 * REST API", e.g. https://your-duplocloud-instance.com: duplocloud/pulumi-duplocloud README,
 * Configuration; its Terraform provider's `duplo_host` likewise). `duplocloud:host` may say so
 * again, never name another portal: API writes to one portal and sign-in to another would give
 * break-glass users and settings to a portal nobody reviewed as this stack's. Never an environment
 * variable either: that must not move a stack's DuploCloud objects to another portal.
 */

/** The access file's portal, after checking that `duplocloud:host`, when set, names it; a SettingsError located at the key otherwise. */
export function apiPortalOf(settings: StackSettings<unknown>, accessFilePortal: Portal): Portal {
  const written = settings.duplocloud.host;
  if (written === undefined) return accessFilePortal;
  const at = settingAt(settings, "duplocloud:host");
  let host: Portal;
  try {
    host = portalOf(written, "duplocloud:host");
  } catch (error) {
    if (error instanceof PortalUrlError) throw new SettingsError(`${at}: ${error.message}, or remove the key to use the access file's portal (${accessFilePortal.url})`);
    throw error;
  }
  if (samePortal(host, accessFilePortal)) return accessFilePortal;
  throw new SettingsError(
    `${at}: duplocloud:host names ${host.url}, and the access file's duplocloud.portal is ${accessFilePortal.url}, where the Okta app sends people to sign in; the stack never writes to another portal than that one. Remove the key (pulumi config rm duplocloud:host) to use the access file's portal, or, to move the stack, change duplocloud.portal in the access file (reviewed as a critical change).`,
  );
}
