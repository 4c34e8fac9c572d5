import * as pulumi from "@pulumi/pulumi";
import { runUnderMocks, type MockStatuses, type OfflinePlan, type PlannedResource } from "../../src/plan/offline";
import { readStackSettings } from "../../src/config/program";
import { defineStack, type StackOutputs } from "../../src/stack";
import type { AccessModel } from "../../src/access/model";
import { PROJECT_DIR } from "../../src/cli/common";

export interface ProgramRun {
  readonly resources: readonly PlannedResource[];
  /** Resource options by logical name, as the program set them (protect, retainOnDelete, import). */
  readonly options: ReadonlyMap<string, pulumi.CustomResourceOptions>;
  readonly outputs: StackOutputs;
  /** The people the program looked up in Okta, and in how many calls. */
  readonly lookups: OfflinePlan["lookups"];
}

/** Runs the real program for `model` under the mock engine with the dev stack's config; look-ups answer with `statuses` (default ACTIVE). */
export async function runProgram(model: AccessModel, configOverrides: Record<string, string> = {}, statuses: MockStatuses = {}): Promise<ProgramRun> {
  const options = new Map<string, pulumi.CustomResourceOptions>();
  const { resources, result, lookups } = await runUnderMocks({ projectDir: PROJECT_DIR, stack: "dev", configOverrides, statuses }, () =>
    defineStack(model, readStackSettings(), {
      transformations: [
        (args) => {
          options.set(args.name, args.opts as pulumi.CustomResourceOptions);
          return undefined;
        },
      ],
    }),
  );
  return { resources, options, outputs: result, lookups };
}

export function resourcesOfType(run: ProgramRun, type: string): PlannedResource[] {
  return run.resources.filter((resource) => resource.type === type);
}

export function resourceNamed(run: ProgramRun, name: string): PlannedResource {
  const found = run.resources.find((resource) => resource.name === name);
  if (!found) throw new Error(`no resource named ${name}; have ${run.resources.map((r) => r.name).join(", ")}`);
  return found;
}

/** Resolves an Output in tests (mock engine: always known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

export function isSecret(output: pulumi.Output<unknown>): Promise<boolean> {
  return (output as unknown as { isSecret: Promise<boolean> }).isSecret;
}
