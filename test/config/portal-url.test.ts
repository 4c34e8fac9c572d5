import { test } from "node:test";
import assert from "node:assert/strict";
import { isLoopbackHostname, portalOf, samePortal, secureUrlOf } from "../../src/config/portal-url";
import { checkedOrgUrl, OktaReadError } from "../../src/okta/read-api";
import { portalBaseUrl } from "../../src/duplocloud/client";

/* One reading of the portal's URL and one loopback rule, for the DuploCloud client, the Okta read API and every portal. */

test("loopback: localhost, 127.0.0.1 and [::1] as URL.hostname gives them; nothing else", () => {
  const names = ["localhost", "127.0.0.1", "[::1]", "::1", "127.0.0.2", "localhost.evil.example", "0.0.0.0", "LOCALHOST", ""];
  assert.deepEqual(
    names.map((name) => [name, isLoopbackHostname(name)]),
    [
      ["localhost", true],
      ["127.0.0.1", true],
      ["[::1]", true],
      ["::1", false],
      ["127.0.0.2", false],
      ["localhost.evil.example", false],
      ["0.0.0.0", false],
      ["LOCALHOST", false],
      ["", false],
    ],
  );
});

test("secure URL: https anywhere, http only to loopback (the parser lower-cases LOCALHOST), the rest refused with the reason", () => {
  const verdict = (text: string) => {
    const checked = secureUrlOf(text);
    return "problem" in checked ? checked.problem : checked.url.href;
  };
  assert.deepEqual(
    [
      "https://acme.duplocloud.net",
      "http://127.0.0.1:8080/",
      "http://LOCALHOST:1",
      "http://[::1]:9/",
      "http://acme.duplocloud.net",
      "http://127.0.0.1.nip.io",
      "ftp://acme.duplocloud.net",
      "ftp://localhost/",
      "ws://127.0.0.1:1",
      "acme.duplocloud.net",
      "",
    ].map(verdict),
    [
      "https://acme.duplocloud.net/",
      "http://127.0.0.1:8080/",
      "http://localhost:1/",
      "http://[::1]:9/",
      "not-https",
      "not-https",
      "not-https",
      "not-https",
      "not-https",
      "not-a-url",
      "not-a-url",
    ],
  );
});

test("portal: one normal form (scheme and host lower-cased, default port dropped, trailing slashes cut, path kept) and its host", () => {
  assert.deepEqual(portalOf("HTTPS://Acme.DuploCloud.net:443//", "duplocloud:host"), { url: "https://acme.duplocloud.net", host: "acme.duplocloud.net" });
  assert.deepEqual(portalOf("https://acme.duplocloud.net:8443/Base/", "duplocloud:host"), { url: "https://acme.duplocloud.net:8443/Base", host: "acme.duplocloud.net:8443" });
  assert.deepEqual(portalOf("http://127.0.0.1:4000", "--portal"), { url: "http://127.0.0.1:4000", host: "127.0.0.1:4000" });
});

test("portal: a text that is not a URL, or plain http off loopback, is refused naming where it came from", () => {
  assert.throws(() => portalOf("acme.duplocloud.net", "duplocloud:host"), {
    message: 'duplocloud:host "acme.duplocloud.net" is not a URL; write the portal\'s https URL, e.g. https://acme.duplocloud.net',
  });
  // A pasted blob is cut to 100 characters in the message.
  assert.throws(() => portalOf(`${"x".repeat(99)}yz`, "--portal"), {
    message: `--portal "${"x".repeat(99)}y" is not a URL; write the portal's https URL, e.g. https://acme.duplocloud.net`,
  });
  assert.throws(() => portalOf("http://acme.duplocloud.net/x", "--portal"), {
    message: "--portal http://acme.duplocloud.net is not https; the portal is only reached over https (plain http only to loopback)",
  });
});

test("same portal: equal normal forms only; another host, port, scheme or path is another portal", () => {
  const at = (text: string) => portalOf(text, "x");
  assert.deepEqual(
    ["https://ACME.duplocloud.net/", "https://acme.duplocloud.net.evil.example", "https://acme.duplocloud.net:8443", "https://acme.duplocloud.net/x", "http://127.0.0.1"].map(
      (text) => samePortal(at("https://acme.duplocloud.net"), at(text)),
    ),
    [true, false, false, false, false],
  );
});

test("the DuploCloud client and the Okta read API follow the one rule, each in its own words", () => {
  assert.equal(portalBaseUrl("HTTP://[::1]:9//"), "http://[::1]:9");
  assert.throws(() => portalBaseUrl("http://acme.duplocloud.net"), {
    message: "the DuploCloud host http://acme.duplocloud.net is not https; the API token is only ever sent over https (plain http only to loopback)",
  });
  // IPv6 loopback is loopback for Okta too (before, only 127.0.0.1 and localhost were).
  assert.equal(checkedOrgUrl("http://[::1]:7000").origin, "http://[::1]:7000");
  assert.throws(() => checkedOrgUrl("http://acme.okta.com"), new OktaReadError("the Okta org URL must be https (got http)"));
  assert.throws(() => checkedOrgUrl("acme.okta.com"), new OktaReadError('the Okta org URL "acme.okta.com" is not a URL; write it as https://acme.okta.com'));
});
