// The policy pack: `pulumi preview --policy-pack policy`. The policies themselves are in policies.ts.
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("duplocloud-okta-guardrails", { policies: POLICIES });
