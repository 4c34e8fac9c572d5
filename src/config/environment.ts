/*
 * Every environment variable the project reads, read here and nowhere else, each with why it
 * exists. Each accessor reads at call time (tests set variables before they call), and treats an
 * empty value as unset: `FOO= npm run x` means "no FOO".
 *
 * Places never come from the environment (the portal, the org): they are in the reviewed stack and
 * access files. Only credentials, and the overrides tests and reviews need, are read here.
 */

function variable(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}

/**
 * DUPLO_TOKEN: a DuploCloud API token. The program uses it when the stack sets no
 * `duplocloud:token` (a CI secret rather than a stack secret); doctor, import and drift read the
 * portal with it.
 */
export function duploToken(): string | undefined {
  return variable("DUPLO_TOKEN");
}

/**
 * DUPLO_OKTA_API_TOKEN: the Okta API token DuploCloud should hold, which only doctor reads, to
 * compare it with the portal's by digest; it never leaves the process.
 */
export function duploOktaApiToken(): string | undefined {
  return variable("DUPLO_OKTA_API_TOKEN");
}

/** OKTA_API_TOKEN: an SSWS token of a read-only admin, for the commands that read the org (directory, import, drift). */
export function oktaApiToken(): string | undefined {
  return variable("OKTA_API_TOKEN");
}

/** OKTA_ACCESS_TOKEN: an OAuth access token with read scopes, the alternative to OKTA_API_TOKEN. */
export function oktaAccessToken(): string | undefined {
  return variable("OKTA_ACCESS_TOKEN");
}

/**
 * ACCESS_TODAY: the day (YYYY-MM-DD) grants' end dates are judged on, in place of the clock, so
 * that tests and a reviewer re-running an old check get the answer of that day. Read only by
 * clock.ts.
 */
export function accessToday(): string | undefined {
  return variable("ACCESS_TODAY");
}

/**
 * ACCESS_NOW: the instant (ISO 8601, e.g. 2026-12-07T17:20:00Z) grants' ends are judged at, in
 * place of the clock; it wins over ACCESS_TODAY. Read only by clock.ts.
 */
export function accessNow(): string | undefined {
  return variable("ACCESS_NOW");
}

/** ACCESS_PROJECT_DIR: the Pulumi project the commands read, instead of this checkout (tests and the benchmark point it at scratch projects). */
export function accessProjectDir(): string | undefined {
  return variable("ACCESS_PROJECT_DIR");
}

/**
 * GITHUB_SHA: the commit a GitHub Actions run is for, set by the runner ("Store information in
 * variables", docs.github.com/actions/reference/variables-reference). The program reports it as
 * the stack output `deployedCommit` (config/deployed-commit.ts) once the checkout is that commit.
 */
export function githubSha(): string | undefined {
  return variable("GITHUB_SHA");
}

/** GITHUB_TOKEN: the deploy job's own token, with which check-approvals reads the merged pull request and its reviews. */
export function githubToken(): string | undefined {
  return variable("GITHUB_TOKEN");
}

/** GITHUB_API_URL: the REST API of the GitHub the run belongs to (set by the runner; GitHub Enterprise has its own). Default https://api.github.com. */
export function githubApiUrl(): string | undefined {
  return variable("GITHUB_API_URL");
}
