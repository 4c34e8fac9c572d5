import type { PlanLine } from "./types";

/*
 * How the import words counts and the people it leaves outside the file. One place, so every line
 * of the account of the first `pulumi up` counts and advises the same way.
 */

const PLURALS: Readonly<Record<"person" | "member", string>> = { person: "people", member: "members" };

/** "1 person", "2 people", "1 member", "0 members". */
export function people(count: number, noun: "person" | "member"): string {
  return `${count} ${count === 1 ? noun : PLURALS[noun]}`;
}

/** What Okta's status means for signing in, and what to do about a person left outside the file. */
const ADVICE: Readonly<Record<string, { readonly state: string; readonly todo: string }>> = {
  DEPROVISIONED: {
    state: "deactivated",
    todo: "Okta keeps deactivated people in their groups; remove them from the group in Okta, or reactivate them and name them in the file if they return",
  },
  SUSPENDED: {
    state: "suspended",
    todo: "if they are unsuspended and still need this access, name them in the file; otherwise remove them from the group in Okta",
  },
  STAGED: { state: "not activated yet", todo: "once they are activated, name them in the file if they need this access" },
  PROVISIONED: { state: "not activated yet", todo: "once they have activated their account, name them in the file if they need this access" },
};

/** One line of "left outside": who, their status, which group, what to do. */
export function leftOutsideLine(login: string, status: string, groupName: string, as: "member" | "owner"): PlanLine {
  const advice = ADVICE[status] ?? { state: `in status ${status}`, todo: "name them in the file once they can sign in, if they need this access" };
  return {
    what: `${login}, ${as} of ${groupName}`,
    note: `${advice.state} (${status}): cannot sign in, so the file does not name them and the group keeps them as it is; ${advice.todo}`,
  };
}
