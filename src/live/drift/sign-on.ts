import type { AccessModel } from "../../access/model";
import { signOnPolicyName } from "../../access/naming";
import type { FileLines } from "./file-lines";
import type { Finding } from "./finding";
import type { LiveSignOnRule, LiveState } from "./live-state";

/*
 * The DuploCloud app's sign-on policy against the file's `okta.app.signOn`. The Okta provider sets
 * the catch-all rule to DENY only when it creates the policy and never reads it back
 * (shared/reference/okta.md; terraform-provider-okta resource_okta_app_signon_policy.go), so a
 * console change there is invisible to `pulumi preview --refresh`: it is read here. Every rule
 * that lets people in must be at least as strong as the file asks: two factors, a device-bound
 * possession factor (phishing-resistant where the file says so), and re-authentication no rarer.
 */

/** Seconds in an ISO-8601 duration of days, hours, minutes and seconds (PT8H, P1D); undefined otherwise. */
export function durationSeconds(duration: string | undefined): number | undefined {
  const match = duration ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration) : null;
  if (!match) return undefined;
  const [, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return days! * 86_400 + hours! * 3_600 + minutes! * 60 + seconds!;
}

interface Possession {
  readonly deviceBound?: string;
  readonly phishingResistant?: string;
}

const possessionOf = (constraint: unknown): Possession | undefined => (constraint as { possession?: Possession } | null)?.possession;

/** What makes one allowing rule weaker than the file's sign-on. */
export function ruleWeaknesses(rule: LiveSignOnRule, signOn: AccessModel["app"]["signOn"]): string[] {
  const weaknesses: string[] = [];
  if (signOn.mfa !== "not-required") {
    if (rule.factorMode !== "2FA") weaknesses.push(`asks for ${rule.factorMode} where the file requires a second factor`);
    const possessions = rule.constraints.map(possessionOf).filter((p): p is Possession => p !== undefined);
    if (!possessions.some((p) => p.deviceBound === "REQUIRED"))
      weaknesses.push("accepts any second factor (SMS, voice and email included) where the file requires a device-bound one");
    if (signOn.mfa === "phishing-resistant" && !possessions.some((p) => p.phishingResistant === "REQUIRED")) weaknesses.push("does not require a phishing-resistant factor");
  }
  const wanted = durationSeconds(signOn.reauthenticateEvery);
  const live = durationSeconds(rule.reauthenticateIn);
  if (wanted !== undefined && (live === undefined || live > wanted))
    weaknesses.push(`re-authenticates every ${rule.reauthenticateIn ?? "session (never asked again)"} where the file says ${signOn.reauthenticateEvery}`);
  return weaknesses;
}

export function signOnWeaknesses(model: AccessModel, stack: string, live: LiveState, lines: FileLines): Finding[] {
  const app = live.app;
  if (!app) return [];
  const expected = signOnPolicyName(stack);
  const signOnLine = lines.at(["okta", "app", "signOn"]);
  const base = { kind: "sign-on-weaker" as const, severity: "critical" as const };
  if (!app.policy) {
    return [
      {
        ...base,
        where: `app ${app.label}`,
        how: "the app has no sign-on policy Okta would show",
        fix: `Okta console, Applications > ${app.label} > Sign On > User authentication: choose ${expected}`,
      },
    ];
  }
  const findings: Finding[] = [];
  const where = `sign-on policy ${app.policy.name} of app ${app.label}`;
  if (app.policy.name !== expected) {
    findings.push({
      ...base,
      where: `app ${app.label}`,
      how: `the app uses another policy (${app.policy.name}, ${app.policy.id}), not ${expected}`,
      fix: `Okta console, Applications > ${app.label} > Sign On > User authentication: switch back to ${expected}`,
    });
  }
  for (const rule of app.policy.rules) {
    if (rule.catchAll) {
      if (rule.access !== "DENY") {
        findings.push({
          ...base,
          where,
          how: `the catch-all rule ${rule.id} allows (${rule.access}); the stack set it to deny`,
          fix: `Okta console, Security > Authentication Policies > ${app.policy.name} > Catch-all Rule: set access to Denied (pulumi never reads it back)`,
        });
      }
      continue;
    }
    if (rule.access !== "ALLOW") continue;
    const weaknesses = ruleWeaknesses(rule, model.app.signOn);
    if (weaknesses.length === 0) continue;
    findings.push({
      ...base,
      where: `${where}, rule ${rule.name}`,
      how: `rule ${rule.id} ${weaknesses.join("; ")}`,
      fix: `Okta console, Security > Authentication Policies > ${app.policy.name}: restore ${rule.name} to what the file says (${signOnLine}) or delete it if the stack did not create it`,
    });
  }
  return findings;
}
