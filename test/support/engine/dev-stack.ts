import { programLaunch, type ProgramLaunch } from "./launch";
import { runProgramUnderEngine, type RunOptions, type RunResult } from "./recording-engine";
import { mockOktaUsers, mockState, type MockStatuses } from "../../../src/plan/offline";
import { GET_USERS_TOKEN } from "../../../src/okta/people";
import { PROJECT_DIR } from "../../../src/cli/common";

/**
 * Plaintexts of the secrets a real deployer sets with `pulumi config set --secret`. Distinctive,
 * so that a test can look for them in everything the engine records.
 */
export const DEPLOYER_SECRETS: Readonly<Record<string, string>> = {
  "okta:apiToken": "okta-api-token-PLAINTEXT-4f1c",
  "duplocloud:token": "duplo-api-token-PLAINTEXT-9a2e",
  "duplocloud:oktaApiToken": "okta-ssws-token-PLAINTEXT-77b0",
};

/**
 * The program looks up the people the file names, and nothing else; any other invoke fails. The
 * look-ups answer with `statuses` (by lower-cased login; anyone else ACTIVE).
 */
const invokesAnswering = (statuses: MockStatuses = {}): RunOptions["invokes"] => ({ [GET_USERS_TOKEN]: (args) => mockOktaUsers(args, statuses) });

/** The launch of `stack` with the deployer's secrets, as `pulumi preview`/`up` would start it. */
export function launchOf(stack: string, root = PROJECT_DIR, secrets: Readonly<Record<string, string>> = DEPLOYER_SECRETS): ProgramLaunch {
  return programLaunch(root, stack, secrets);
}

/** `pulumi preview` (first preview: nothing exists yet, every ID unknown); people in Okta with `statuses`. */
export function preview(launch: ProgramLaunch, statuses: MockStatuses = {}): Promise<RunResult> {
  return runProgramUnderEngine(launch, { dryRun: true, invokes: invokesAnswering(statuses) });
}

/**
 * `pulumi up`, with the engine answering each resource with the same outputs the offline plan's
 * mock engine gives (so that inputs derived from other resources' outputs can be compared); `env`
 * adds to the program's environment (GITHUB_SHA, as CI sets it).
 */
export function up(launch: ProgramLaunch, statuses: MockStatuses = {}, env: Readonly<Record<string, string>> = {}): Promise<RunResult> {
  return runProgramUnderEngine(launch, { dryRun: false, invokes: invokesAnswering(statuses), outputsOf: mockState, env });
}
