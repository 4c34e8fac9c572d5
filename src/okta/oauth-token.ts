import { createPrivateKey, randomUUID, sign } from "node:crypto";
import { networkFailureOf } from "../config/network-failure";

/*
 * An access token for Okta's management API from an OAuth service app, as the Okta provider gets one
 * when the stack sets `okta:clientId`, `okta:privateKeyId` and `okta:privateKey`: the client
 * credentials grant with a client assertion signed by the app's private key (`private_key_jwt`).
 * Okta's guide "Implement OAuth for Okta with a service app" (okta-developer-docs,
 * guides/implement-oauth-for-okta-serviceapp): POST /oauth2/v1/token with `grant_type=client_credentials`,
 * `scope`, `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer` and
 * `client_assertion`, a JWT whose `aud` is that token URL, `iss` and `sub` the client ID, with
 * `iat`, `exp` (at most an hour later) and a unique `jti`, signed RS256 with the key's `kid`.
 * A service app that requires DPoP-bound tokens is refused with a clear error: this client sends no
 * DPoP proof.
 */

export interface OAuthServiceApp {
  readonly orgUrl: string;
  readonly clientId: string;
  readonly privateKeyId?: string;
  /** The PEM of the app's RSA private key. Never shown. */
  readonly privateKey: string;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** The signed client assertion for the token URL of `app`. */
export function clientAssertion(app: OAuthServiceApp, now = Date.now()): string {
  const header = { alg: "RS256", typ: "JWT", ...(app.privateKeyId ? { kid: app.privateKeyId } : {}) };
  const iat = Math.floor(now / 1000);
  const claims = { aud: `${app.orgUrl}/oauth2/v1/token`, iss: app.clientId, sub: app.clientId, iat, exp: iat + 300, jti: randomUUID() };
  const signed = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${signed}.${base64url(sign("RSA-SHA256", Buffer.from(signed), createPrivateKey(app.privateKey)))}`;
}

/** `Bearer <access token>` holding `scope`, or an error that says what Okta answered (never the key or a token). */
export async function serviceAppAuthorization(app: OAuthServiceApp, scope: string, timeoutMs = 30_000): Promise<string> {
  const url = `${app.orgUrl}/oauth2/v1/token`;
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    scope,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: clientAssertion(app),
  });
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: form,
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`POST ${url} got no answer: ${networkFailureOf(error, timeoutMs).what}`);
  }
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; token_type?: unknown; error?: unknown; error_description?: unknown };
  if (!response.ok || typeof body.access_token !== "string") {
    const error = typeof body.error === "string" ? body.error.slice(0, 100) : `status ${response.status}`;
    const dpop = /dpop/i.test(error) || body.token_type === "DPoP";
    const fix = dpop
      ? `Okta requires DPoP-bound tokens for service app ${app.clientId} (${error}), and the roll-back sends no DPoP proof`
      : error === "invalid_client"
        ? `POST ${url} refused service app ${app.clientId}'s signed assertion (${error}): check okta:clientId, okta:privateKeyId and okta:privateKey`
        : `POST ${url} refused a token with scope ${scope} for service app ${app.clientId} (${error}): grant the app that scope`;
    throw new Error(fix);
  }
  if (body.token_type !== "Bearer")
    throw new Error(`Okta answered a ${String(body.token_type).slice(0, 20)} token for service app ${app.clientId}; the roll-back sends Bearer tokens only`);
  return `Bearer ${body.access_token}`;
}
