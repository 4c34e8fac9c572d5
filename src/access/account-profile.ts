import type { ManagedUser } from "./schema";

/*
 * The Okta profile the stack sends for an account under `users:` (src/okta/users.ts sends exactly
 * this), so the review compares and evaluates rules on what Okta will hold, not on the YAML.
 */

/** Profile attributes the stack sets, in the order reviewers read them. */
export const SENT_PROFILE_ATTRIBUTES = ["login", "email", "firstName", "lastName", "department", "title"] as const;
export type SentProfileAttribute = (typeof SENT_PROFILE_ATTRIBUTES)[number];

export interface AccountProfile {
  readonly login: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  /** Absent: not sent, which leaves the attribute empty (okta.user.User updates with PUT, see reference/okta.md). */
  readonly department?: string;
  readonly title?: string;
}

export function accountProfile(user: ManagedUser): AccountProfile {
  return {
    login: user.login ?? user.email,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    ...(user.department === undefined ? {} : { department: user.department }),
    ...(user.title === undefined ? {} : { title: user.title }),
  };
}
