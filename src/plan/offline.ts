import * as pulumi from "@pulumi/pulumi";
import { OFFLINE_SECRET_PLACEHOLDER, readStackConfig, type StackConfig } from "../config/stack-config";
import type { AccessModel } from "../access/model";
import { loadAccessModel } from "../access/validate";
import { clockExpiry } from "../config/clock";
import { readStackSettings } from "../config/program";
import { checkedAccessFilePath } from "../config/access-file-path";
import { defineStack } from "../stack";
import { displayPath } from "../config/stack-config";
import { GET_USERS_TOKEN } from "../okta/people";
import { byText } from "../access/text-order";
import { SECRET_SHOWN_AS } from "../config/secret-placeholder";

/*
 * The offline plan: the real program (defineStack) under Pulumi's mock engine, with the stack's
 * real config, so what it lists is what `pulumi up` would register, minus the CLI and credentials.
 */

/** Pulumi's wire marker for a secret value, as the mock engine hands inputs over. */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export interface PlannedResource {
  /** Pulumi type token, e.g. `okta:group/group:Group`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Inputs as the resource received them, secrets replaced by SECRET_SHOWN_AS. */
  readonly inputs: Record<string, unknown>;
}

export interface OfflinePlan {
  readonly stack: string;
  readonly resources: readonly PlannedResource[];
  /** What the program looks up in Okta: the people the file names, and how many look-ups that takes. */
  readonly lookups: { readonly logins: readonly string[]; readonly calls: number };
  /** The preview's located warnings about looked-up people who cannot sign in (DEPROVISIONED ones are left out). */
  readonly peopleWarnings: readonly string[];
}

/** Okta statuses the mock look-ups answer with, by lower-cased login; anyone not listed is ACTIVE. */
export type MockStatuses = Readonly<Record<string, string>>;

/**
 * What the mock engine answers okta.user.getUsers: every login searched for exists, with a
 * deterministic ID, so the plan shows the memberships a real org would get; ACTIVE unless `statuses`
 * names another status (a search returns every status, DEPROVISIONED included, as Okta's does).
 */
export function mockOktaUsers(args: Record<string, unknown>, statuses: MockStatuses = {}): { users: Array<{ id: string; login: string; email: string; status: string }> } {
  const searches = (args.searches as Array<{ value?: string }> | undefined) ?? [];
  return { users: searches.map(({ value = "" }) => ({ id: `00u-${value}`, login: value, email: value, status: statuses[value.toLowerCase()] ?? "ACTIVE" })) };
}

/** Replaces every secret value, however deep, with SECRET_SHOWN_AS. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE) return SECRET_SHOWN_AS;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        // A dynamic resource's serialised provider code is not an input anyone reviews.
        .map((key) => [key, key === DYNAMIC_PROVIDER_KEY ? DYNAMIC_PROVIDER_MARKER : maskSecrets(record[key])]),
    );
  }
  return value;
}

const DYNAMIC_PROVIDER_KEY = "__provider";
const DYNAMIC_PROVIDER_MARKER = "[dynamic provider code]";

/** Mock outputs: inputs echoed back, plus deterministic IDs and the outputs other resources read. */
export function mockState(type: string, name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
  const id = `${name}-id`;
  const state: Record<string, unknown> = { ...inputs };
  if (type.startsWith("aws:")) state.arn = `arn:aws:mock:us-west-2:123456789012:${name}`;
  if (type === "okta:app/oAuth:OAuth") {
    state.clientId = `${name}-client-id`;
    // Okta's key name of every OAuth 2.0 client app (spec, OpenIdConnectApplication.name: "oidc_client").
    state.name = "oidc_client";
    if (!inputs.omitSecret) state.clientSecret = "mock-client-secret";
  }
  return { id, state };
}

export interface RunUnderMocksOptions {
  readonly projectDir: string;
  readonly stack: string;
  /** Extra or overriding config values (fully-qualified keys). */
  readonly configOverrides?: Readonly<Record<string, string>>;
  /** The Okta statuses the people look-ups answer with (default: everyone ACTIVE). */
  readonly statuses?: MockStatuses;
}

/**
 * Secrets a stack may need that a checkout never holds in plain text. Offline, a missing one gets
 * the placeholder (itself marked secret), so the plan shows the resources that would use it.
 */
const OFFLINE_SECRETS = ["duplocloud:token", "duplocloud:oktaApiToken"];

/**
 * Sets up the mock engine with the stack's config, runs `program`, waits for every registration and
 * returns what was registered (custom resources only, sorted by type then name).
 */
export async function runUnderMocks<T>(
  options: RunUnderMocksOptions,
  program: (config: StackConfig) => T | Promise<T>,
): Promise<{ resources: PlannedResource[]; result: T; lookups: OfflinePlan["lookups"] }> {
  const config = readStackConfig(options.projectDir, options.stack);
  const placeholders = Object.fromEntries(OFFLINE_SECRETS.filter((key) => !(key in config.values)).map((key) => [key, OFFLINE_SECRET_PLACEHOLDER]));
  const values = { ...placeholders, ...config.values, ...options.configOverrides };
  pulumi.runtime.setAllConfig(values, [...config.secretKeys, ...Object.keys(placeholders)]);
  const registered: PlannedResource[] = [];
  const lookedUp: string[] = [];
  let lookupCalls = 0;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: maskSecrets(args.inputs) as Record<string, unknown> });
        return mockState(args.type, args.name, args.inputs);
      },
      call(args) {
        if (args.token === GET_USERS_TOKEN) {
          const answer = mockOktaUsers(args.inputs, options.statuses);
          lookupCalls++;
          lookedUp.push(...answer.users.map((user) => user.login));
          return answer;
        }
        return args.inputs;
      },
    },
    config.project,
    config.stack,
    true,
  );
  // Pulumi's SDK captures a stack trace for every promise and resource it creates; with tsx's source
  // maps each capture costs a source-map lookup and keeps a long string alive. The offline plan reads
  // none of them, so it captures none: this alone makes a 1,000-team plan several times faster.
  // The SDK still takes every frame for each resource's source position (resource.js, callsites, which
  // sets the limit to Infinity for that capture), and Node maps each frame through its source map.
  // Formatting the stack as its first line alone, as V8 does with no frame (Node's own formatter
  // returns Error.prototype.toString then: lib/internal/source_map/prepare_stack_trace.js), leaves
  // the SDK no position to send; the mock engine reads none (runtime/mocks.js), and neither do we.
  // Node calls a user's Error.prepareStackTrace instead of its source-map formatter (Node docs, CLI,
  // --enable-source-maps: "Overriding Error.prepareStackTrace may prevent --enable-source-maps from
  // modifying the stack trace").
  const stackTraceLimit = Error.stackTraceLimit;
  const prepareStackTrace = Error.prepareStackTrace;
  Error.stackTraceLimit = 0;
  Error.prepareStackTrace = firstLineOnly;
  let result: T;
  try {
    result = await program(config);
    await pulumi.runtime.disconnect();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    Error.prepareStackTrace = prepareStackTrace;
  }
  const resources = registered.sort((a, b) => byText(a.type, b.type) || byText(a.name, b.name));
  return { resources, result, lookups: { logins: [...new Set(lookedUp)].sort(), calls: lookupCalls } };
}

/** A stack formatted as V8 formats one without frames: `Name: message`. */
const firstLineOnly = (error: Error): string => Error.prototype.toString.call(error);

/**
 * The offline plan of one stack: validates its access file (throwing AccessFileError) and runs the
 * program; the people look-ups answer with `statuses` (default: everyone ACTIVE).
 */
export async function planStack(projectDir: string, stack: string, statuses: MockStatuses = {}): Promise<OfflinePlan> {
  return planWith({ projectDir, stack, statuses }, async () => {
    const settings = readStackSettings(projectDir);
    // The same check as the program's: the plan reads only what `pulumi up` would read.
    return loadAccessModel(displayPath(projectDir, checkedAccessFilePath(projectDir, settings.accessFile)), { expiry: clockExpiry() });
  });
}

/** The offline plan of a model that did not come from the stack's own file (tests, the benchmark). */
export async function planModel(projectDir: string, stack: string, model: AccessModel): Promise<OfflinePlan> {
  return planWith({ projectDir, stack }, () => model);
}

async function planWith(options: RunUnderMocksOptions, modelOf: () => AccessModel | Promise<AccessModel>): Promise<OfflinePlan> {
  // Our modules declare nothing at import time, so importing them before the mocks are set is safe.
  const { resources, lookups, result } = await runUnderMocks(options, async () => defineStack(await modelOf(), readStackSettings(options.projectDir)));
  const peopleWarnings = await new Promise<readonly string[]>((resolve) => result.peopleWarnings.apply(resolve));
  return { stack: options.stack, resources, lookups, peopleWarnings };
}
