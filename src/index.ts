/*
 * Pulumi entry point (`main` in Pulumi.yaml). Reads the stack's access file, stops with every
 * located error if it does not validate (nothing is applied), and declares the resources.
 */
import { readStackSettings } from "./config";
import { loadAccessModel } from "./access/validate";
import { defineStack } from "./stack";

const settings = readStackSettings();
const model = loadAccessModel(settings.accessFile);
const outputs = defineStack(model, settings);

export const duplocloudOktaSettings = outputs.duplocloudOktaSettings;
export const appId = outputs.appId;
export const groupIds = outputs.groupIds;
export const serviceAppClientIds = outputs.serviceAppClientIds;
export const handoffSecretArn = outputs.handoffSecretArn;
