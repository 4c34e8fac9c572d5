// Loaded into the program's process (NODE_OPTIONS=--import) by engine tests: requests to the Okta
// org's origin go to the local emulator instead, as a DNS entry would send them; nothing else
// changes. ACCESS_TEST_ORG_REDIRECT is "<org origin> <emulator origin>".
const [from, to] = (process.env.ACCESS_TEST_ORG_REDIRECT ?? "").split(" ");
if (from && to) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return realFetch(url.startsWith(`${from}/`) ? `${to}${url.slice(from.length)}` : input, init);
  };
}
