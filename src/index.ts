/*
 * Pulumi entry point (package.json `main`; Pulumi.yaml names none, so the program runs from the
 * project root). Reads the stack's access file, stops with every located error if it does not
 * validate (nothing is applied), and declares the resources.
 */
import "./source-maps";
import * as pulumi from "@pulumi/pulumi";
import { projectRoot, readStackSettings } from "./config/program";
import { loadAccessModel } from "./access/validate";
import { clockExpiry } from "./config/clock";
import { AccessFileError } from "./access/problems";
import { AccessFilePathError, checkedAccessFilePath } from "./config/access-file-path";
import { defineStack } from "./stack";
import { SettingsError } from "./config/stack-settings";

const settings = settingsChecked(readStackSettings);
const model = loadModel();
const outputs = settingsChecked(() => defineStack(model, settings));

/** A setting the stack refuses (located at its key) as a RunError: Pulumi shows the message without a stack trace. */
function settingsChecked<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SettingsError) throw new pulumi.RunError(`${error.message}; nothing was changed`);
    throw error;
  }
}

/** The model, or a RunError: Pulumi shows its message (every FILE:LINE:COLUMN problem) without a stack trace. */
function loadModel() {
  try {
    const accessFile = checkedAccessFilePath(projectRoot(), settings.accessFile);
    return loadAccessModel(accessFile, { baseDir: projectRoot(), expiry: clockExpiry() }, (warning) => pulumi.log.warn(warning));
  } catch (error) {
    if (error instanceof AccessFilePathError) throw new pulumi.RunError(`${error.message}; nothing was changed`);
    if (error instanceof AccessFileError) throw new pulumi.RunError(`${settings.accessFile} is not a valid access file; nothing was changed:\n${error.message}`);
    throw error;
  }
}

export const duplocloudOktaSettings = outputs.duplocloudOktaSettings;
export const appId = outputs.appId;
export const groupIds = outputs.groupIds;
export const serviceAppClientIds = outputs.serviceAppClientIds;
export const handoffSecretArn = outputs.handoffSecretArn;
export const deployedCommit = outputs.deployedCommit;
